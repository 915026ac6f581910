package io.tolk.api;

/**
 * What a connector has spent since it was created, for run records, status and metrics.
 *
 * @param system           the system
 * @param calls            HTTP calls made to the API (token calls included)
 * @param retries          of those, repeats of a failed call
 * @param throttled        429 answers received
 * @param creditsUsed      credits spent, where the system charges credits (Zoho), else {@code -1}
 * @param creditsRemaining the last remaining-credit figure the system reported, else {@code -1}
 */
public record ApiUsage(String system, long calls, long retries, long throttled, long creditsUsed, long creditsRemaining) {
}
