/**
 * Alerts: telling a person when a connection turns failing or stale, or recovers. {@link io.tolk.app.alerts.AlertWatcher}
 * is what the service calls with each connection's health; it decides when a change is worth a message
 * ({@link io.tolk.app.health.HealthState#alertsAfter}) and hands the {@link io.tolk.app.alerts.Alert} to each
 * {@link io.tolk.app.alerts.AlertChannel} (a Slack or Teams incoming webhook, e-mail over SMTP) on that channel's own
 * thread, so a slow or broken channel never holds up the service or another channel.
 */
package io.tolk.app.alerts;
