package io.tolk.zoho;

/**
 * Zoho CRM editions and their API limits: credits per rolling 24 hours (the base figure, before per-user additions,
 * which an org adds through {@link ZohoSettings#creditBudget()}) and the number of concurrent calls per org and app.
 * The figures are Zoho's published ones as far as they could be confirmed; configure the real org's figures when known.
 */
public enum ZohoEdition {
    FREE(5_000, 5),
    STANDARD(50_000, 10),
    PROFESSIONAL(50_000, 15),
    ENTERPRISE(50_000, 20),
    ULTIMATE(50_000, 25);

    private final long baseCredits;
    private final int concurrency;

    ZohoEdition(long baseCredits, int concurrency) {
        this.baseCredits = baseCredits;
        this.concurrency = concurrency;
    }

    /** Credits per rolling 24 hours before per-user additions. */
    public long baseCredits() {
        return baseCredits;
    }

    /** Concurrent calls allowed per org and app. */
    public int concurrency() {
        return concurrency;
    }
}
