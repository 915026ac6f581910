/**
 * The Zoho CRM (API v8) connector: {@link io.tolk.zoho.ZohoConnector}, configured by {@link io.tolk.zoho.ZohoSettings}.
 *
 * <h2>What it does, and where</h2>
 * <ul>
 *   <li>{@code ZohoAuth}: refresh-token OAuth at {@code {accountsUrl}/oauth/v2/token}, {@code api_domain} adopted,
 *       {@code Authorization: Zoho-oauthtoken …}, renewal before expiry on the injected clock, one refresh and
 *       retry after a 401.</li>
 *   <li>{@code ZohoApi}: URIs, credits ({@code CreditBudget}, {@code X-API-CREDITS-REMAINING}), calls through the
 *       shared {@code io.tolk.api.http.HttpCaller} (whole-response deadline, bounded retries of 429/5xx/I-O errors,
 *       concurrency limit), whole-call failures as {@code ConnectorException}.</li>
 *   <li>{@code ZohoReader}: full scans by id with {@code page_token}; change reads by {@code Modified_Time} with
 *       {@code If-Modified-Since} and the re-read window of {@code ChangeWindow}; reads by up to 100 ids a call.</li>
 *   <li>{@code ZohoWriter}: batches of up to 100 with one result per record; lost answers of creates resolved by
 *       looking the records up (external-id field or match keys), never by upsert.</li>
 *   <li>{@code FieldMetadata}: the org's field definitions ({@code /settings/fields}), cached, as
 *       {@link io.tolk.api.FieldRule}s; checks the external-id field.</li>
 *   <li>{@code ZohoDeletedFeed}, {@code ZohoNotifications}: {@code /deleted} and {@code /actions/watch}.</li>
 * </ul>
 *
 * <h2>Decisions worth knowing</h2>
 * <ul>
 *   <li>Credits are counted per connector: 1 per call, 1 per started 10 records on inserts and updates (Zoho's
 *       published rule as far as it could be confirmed); repeats inside a call's retries are not counted. Several
 *       connectors on one org should each get a share of the org's credits as their budget.</li>
 *   <li>The concurrency limiter is shared in the process by every connector with the same accounts server, client id,
 *       refresh token and limit.</li>
 *   <li>An unknown-outcome create is looked up among records created from 5 seconds before the attempt (Zoho's whole
 *       seconds and clock skew); two candidates are never guessed between.</li>
 *   <li>Without an external-id field, two records with the same match keys created around the same time make the
 *       lookup ambiguous: the create then stays {@code UNKNOWN_OUTCOME} for a person to decide. Configure an external-id
 *       field (a unique single-line text of at least 50 characters on both modules) to make creates idempotent.</li>
 * </ul>
 */
package io.tolk.zoho;
