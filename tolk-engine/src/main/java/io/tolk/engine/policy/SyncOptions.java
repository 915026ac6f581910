package io.tolk.engine.policy;

import io.tolk.engine.values.CountryFormat;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * The policies of one connection's sync (the {@code sync:} section of tolk.yaml). Which flows create where is part of
 * the mapping, not of these options.
 *
 * @param tieWinner          the system that wins conflicts within the systems' time resolution and disagreements
 *                           found when linking; {@code null}: the flow's first side
 * @param deletes            keep (default) or propagate deletions
 * @param maxDeletesPerCycle above this many propagated deletions in one cycle, none is made until confirmed
 * @param confirmDeletes     this run may exceed {@code maxDeletesPerCycle} (the user confirmed)
 * @param countryFormats     per system, how countries are written there (absent: ISO codes)
 * @param echoWindow         after a write whose answer gave no modification instant, a read of the record modified
 *                           within this window of the write is taken as the system's own form of tolk's values
 * @param backoff            when failed records are tried again
 * @param chunkSize          how many records a cycle works on per store transaction
 * @param reportLimit        how many decisions a cycle's report keeps for people (the counts are always exact)
 */
public record SyncOptions(String tieWinner, DeletePolicy deletes, int maxDeletesPerCycle, boolean confirmDeletes,
                          Map<String, CountryFormat> countryFormats, Duration echoWindow, Backoff backoff, int chunkSize,
                          int reportLimit) {

    public SyncOptions {
        Objects.requireNonNull(deletes, "deletes");
        countryFormats = Map.copyOf(countryFormats);
        Objects.requireNonNull(echoWindow, "echoWindow");
        Objects.requireNonNull(backoff, "backoff");
        if (maxDeletesPerCycle < 0) {
            throw new IllegalArgumentException("maxDeletesPerCycle must not be negative: " + maxDeletesPerCycle);
        }
        if (chunkSize < 1) {
            throw new IllegalArgumentException("chunkSize must be at least 1: " + chunkSize);
        }
    }

    /** No tie winner (the first side wins), deletes keep, 20 deletes per cycle, codes everywhere, 10 s echo window. */
    public static SyncOptions defaults() {
        return new SyncOptions(null, DeletePolicy.KEEP, 20, false, Map.of(), Duration.ofSeconds(10), Backoff.DEFAULT,
                1000, 10_000);
    }

    /** How countries are written to {@code system}. */
    public CountryFormat countryFormat(String system) {
        return countryFormats.getOrDefault(system, CountryFormat.CODE);
    }

    public SyncOptions withTieWinner(String system) {
        return new SyncOptions(system, deletes, maxDeletesPerCycle, confirmDeletes, countryFormats, echoWindow, backoff,
                chunkSize, reportLimit);
    }

    public SyncOptions withDeletes(DeletePolicy value, int max) {
        return new SyncOptions(tieWinner, value, max, confirmDeletes, countryFormats, echoWindow, backoff, chunkSize,
                reportLimit);
    }

    public SyncOptions withConfirmDeletes(boolean value) {
        return new SyncOptions(tieWinner, deletes, maxDeletesPerCycle, value, countryFormats, echoWindow, backoff,
                chunkSize, reportLimit);
    }

    public SyncOptions withCountryFormat(String system, CountryFormat value) {
        Map<String, CountryFormat> formats = new java.util.HashMap<>(countryFormats);
        formats.put(system, value);
        return new SyncOptions(tieWinner, deletes, maxDeletesPerCycle, confirmDeletes, formats, echoWindow, backoff,
                chunkSize, reportLimit);
    }

    public SyncOptions withChunkSize(int value) {
        return new SyncOptions(tieWinner, deletes, maxDeletesPerCycle, confirmDeletes, countryFormats, echoWindow, backoff,
                value, reportLimit);
    }

    public SyncOptions withReportLimit(int value) {
        return new SyncOptions(tieWinner, deletes, maxDeletesPerCycle, confirmDeletes, countryFormats, echoWindow, backoff,
                chunkSize, value);
    }
}
