package io.tolk.app.config;

import io.tolk.engine.policy.DeletePolicy;
import io.tolk.engine.values.CountryFormat;

import java.time.Duration;

/**
 * The {@code sync:} section: the policies of a cycle, parsed straight into the engine's own types.
 *
 * @param createInPowerofficeLine the line where {@code createInPoweroffice} was set, 0 when it was not
 * @param tieWinner               the system that wins ties: {@code poweroffice} or {@code zoho}
 * @param countryFormat           how countries are written to Zoho
 */
public record SyncConfig(Duration interval, boolean createInPoweroffice, int createInPowerofficeLine, DeletePolicy deletes,
                         int maxDeletesPerCycle, String tieWinner, CountryFormat countryFormat) {

    public static SyncConfig defaults() {
        return new SyncConfig(Duration.ofMinutes(5), false, 0, DeletePolicy.KEEP, 20, "poweroffice", CountryFormat.CODE);
    }

    /** {@code createInPoweroffice} as written, or null when the file leaves it to the built-in default. */
    public Boolean createInPowerofficeIfSet() {
        return createInPowerofficeLine > 0 ? createInPoweroffice : null;
    }
}
