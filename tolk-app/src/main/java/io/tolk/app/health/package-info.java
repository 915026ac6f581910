/**
 * A connection's health at a glance (ok, degraded, failing, stale), worked out from its run log: what
 * {@code tolk status}, the service, the admin API, the metrics and the alerts all show.
 */
package io.tolk.app.health;
