package io.tolk.engine.cycle;

import io.tolk.engine.merge.TieWinner;
import io.tolk.engine.values.CountryFormat;

import java.time.Duration;
import java.util.Objects;

/**
 * The policies of one connection's sync (the {@code sync:} section of tolk.yaml). Which flows create in PowerOffice is
 * part of the mapping ({@code Flow.createInPoweroffice}), not of these options.
 *
 * @param tieWinner          who wins conflicts in the same second and disagreements found when linking
 * @param deletes            keep (default) or propagate deletions
 * @param maxDeletesPerCycle above this many propagated deletions in one cycle, none is made until confirmed
 * @param confirmDeletes     this run may exceed {@code maxDeletesPerCycle} (the user confirmed)
 * @param countryFormat      how countries are written to Zoho: ISO code (default) or English name
 * @param echoWindow         after a write the system did not read back, a read of the record modified within this
 *                           window of the write is taken as the system's own form of tolk's values, not as an edit
 * @param backoff            when failed records are tried again
 */
public record SyncOptions(TieWinner tieWinner, DeletePolicy deletes, int maxDeletesPerCycle, boolean confirmDeletes,
                          CountryFormat countryFormat, Duration echoWindow, Backoff backoff) {

    public SyncOptions {
        Objects.requireNonNull(tieWinner, "tieWinner");
        Objects.requireNonNull(deletes, "deletes");
        Objects.requireNonNull(countryFormat, "countryFormat");
        Objects.requireNonNull(echoWindow, "echoWindow");
        Objects.requireNonNull(backoff, "backoff");
        if (maxDeletesPerCycle < 0) {
            throw new IllegalArgumentException("maxDeletesPerCycle must not be negative: " + maxDeletesPerCycle);
        }
    }

    /** tieWinner poweroffice, deletes keep, 20 deletes per cycle, codes to Zoho, 10 s echo window, default backoff. */
    public static SyncOptions defaults() {
        return new SyncOptions(TieWinner.POWEROFFICE, DeletePolicy.KEEP, 20, false, CountryFormat.CODE,
                Duration.ofSeconds(10), Backoff.DEFAULT);
    }

    public SyncOptions withTieWinner(TieWinner value) {
        return new SyncOptions(value, deletes, maxDeletesPerCycle, confirmDeletes, countryFormat, echoWindow, backoff);
    }

    public SyncOptions withDeletes(DeletePolicy value, int max) {
        return new SyncOptions(tieWinner, value, max, confirmDeletes, countryFormat, echoWindow, backoff);
    }

    public SyncOptions withConfirmDeletes(boolean value) {
        return new SyncOptions(tieWinner, deletes, maxDeletesPerCycle, value, countryFormat, echoWindow, backoff);
    }

    public SyncOptions withCountryFormat(CountryFormat value) {
        return new SyncOptions(tieWinner, deletes, maxDeletesPerCycle, confirmDeletes, value, echoWindow, backoff);
    }
}
