/**
 * From merged canonical values to one record's write: fan-out to every bound field, only the fields that differ, and
 * nothing for values the system already holds in its own form (rule 7). Pure functions.
 */
package io.tolk.engine.plan;
