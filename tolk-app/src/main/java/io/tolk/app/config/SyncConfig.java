package io.tolk.app.config;

import java.time.Duration;

/**
 * The {@code sync:} section: the policies of a cycle.
 *
 * @param createInPowerofficeLine the line where {@code createInPoweroffice} was set, 0 when it was not
 */
public record SyncConfig(Duration interval, boolean createInPoweroffice, int createInPowerofficeLine, DeletePolicy deletes,
                         int maxDeletesPerCycle, Side tieWinner, CountryStyle countryFormat) {

    public static SyncConfig defaults() {
        return new SyncConfig(Duration.ofMinutes(5), false, 0, DeletePolicy.KEEP, 20, Side.POWEROFFICE, CountryStyle.CODE);
    }

    /** {@code createInPoweroffice} as written, or null when the file leaves it to the built-in default. */
    public Boolean createInPowerofficeIfSet() {
        return createInPowerofficeLine > 0 ? createInPoweroffice : null;
    }

    /** What happens in one system when a linked record is deleted in the other. */
    public enum DeletePolicy { KEEP, PROPAGATE }

    /** A system, as the config names it. */
    public enum Side { POWEROFFICE, ZOHO }

    /** How countries are written to Zoho: as ISO codes (default) or English names. */
    public enum CountryStyle { CODE, ENGLISH_NAME }
}
