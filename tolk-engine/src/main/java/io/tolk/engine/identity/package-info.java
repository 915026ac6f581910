/**
 * Rule 3, matching before creating: unpaired records are linked when exactly one candidate exists each way, sent to
 * review when there are more, and may be created when there are none. Pure functions.
 */
package io.tolk.engine.identity;
