/**
 * A local simulator of the Zoho CRM v8 REST API (Accounts and Contacts) and of the accounts server's token endpoint,
 * built on {@code io.tolk.sim.common.SimServer}. Entry point: {@link io.tolk.sim.zoho.ZohoSimulator}.
 *
 * <p>Choices where Zoho's behaviour is not documented or not confirmed (spec/zoho-crm.md §4), all deliberate:</p>
 * <ul>
 *   <li>Token endpoint errors ({@code invalid_code}, {@code invalid_client}, {@code unsupported_grant_type}) are
 *       answered with HTTP 200 and {@code {"error": ...}}, as observed on the real accounts server. At most 30 live
 *       access tokens per refresh token; the 31st evicts the oldest.</li>
 *   <li>All datetimes are rendered in the org user's time zone, default Europe/Oslo (non-UTC offsets on purpose).</li>
 *   <li>A {@code fields}, {@code ids} (delete) or {@code channel_ids} parameter that names nothing ({@code ",,,"})
 *       is treated as missing: 400 REQUIRED_PARAM_MISSING.</li>
 *   <li>Get Records: an unknown name in {@code fields} is refused with 400 INVALID_DATA naming it; {@code per_page}
 *       above 200 is refused with 400 INVALID_DATA (not silently capped). {@code GET /{module}/{id}} of an id with no
 *       live record answers 204. Page tokens are opaque, kept in memory (lost on restart: INVALID_DATA), cursor-based
 *       (a record modified during a Modified_Time-sorted walk moves behind the cursor and is seen again, as with any
 *       cursor) and bound to fields, per_page, sort_by, sort_order, If-Modified-Since and ids.</li>
 *   <li>Writes: a key that is not a field of the module is refused with INVALID_DATA naming it
 *       ({@link io.tolk.sim.zoho.UnknownFieldPolicy#REJECT}, configurable); read-only fields (Created_Time,
 *       Modified_Time, Full_Name, *_By) are ignored; an insert carrying {@code id} is refused (INVALID_DATA naming
 *       {@code id}; upsert ignores it). Lookups must be objects with an
 *       {@code id} of a live record. E-mail and website are checked with simple regular expressions; phone fields
 *       only by length. Unique fields compare ignoring case and surrounding blanks. {@code json_path} is
 *       {@code $.data[i].Field}; DUPLICATE_DATA details carry {@code duplicate_record {id, module{api_name,id}, Owner}};
 *       INVALID_DATA for length carries an integer {@code maximum_length}.</li>
 *   <li>Statuses: insert 201 (one record) / 202 (several); update, upsert, delete 200; some failed 207; all failed 400.
 *       A violated {@code If-Unmodified-Since} on a single-record update answers 412 ALREADY_MODIFIED.</li>
 *   <li>Upsert: several live records matching a duplicate-check value: the oldest (lowest id) is updated.</li>
 *   <li>Delete keeps records 60 days as type "recycle", then 60 more as "permanent" (no display name), then forgets
 *       them. Deleting an Account does not delete its Contacts; their Account_Name lookup reads as null while the
 *       Account is deleted and comes back when it is restored ({@code POST /__sim/restore}, same id, Modified_Time
 *       stamped). Restores and fixtures send no notifications.</li>
 *   <li>Search compares ignoring case; at most 10 criteria; pages of at most 200 and the first 2 000 hits.</li>
 *   <li>COQL: the subset described in {@link io.tolk.sim.zoho.CoqlQuery}.</li>
 *   <li>Notifications: POST answers 201 and per-item failures 202 (as Zoho's notifications document says);
 *       callbacks go out on one background thread, failures are counted ({@code GET /__sim/notifications}) and
 *       otherwise ignored; an expired channel receives nothing and disappears from the list.</li>
 *   <li>Limits (off with noLimits): credits over a rolling 24 h on the sim clock, 1 per call and 1 per 10 records
 *       for writes, charged also for refused (4xx) calls but not for 401s; {@code X-API-CREDITS-REMAINING} from half
 *       used; too many in-flight calls or no credits left: 429 TOO_MANY_REQUESTS (no Retry-After). Credits and
 *       concurrency follow an edition ({@link io.tolk.sim.zoho.ZohoEdition}, default Standard: 50 000 and 10; the
 *       per-user credit additions are not counted), changeable at run time with {@code GET|POST /__sim/limits}.
 *       Heavy calls (insert/update/upsert of more than 10 records) also share 10 heavy slots; the 11th heavy call in
 *       flight is answered 429 and not charged.</li>
 *   <li>The {@code lag} fault: get, list, search, COQL and deleted read a replica that receives each change once the
 *       lag has passed on the sim clock ({@link io.tolk.sim.zoho.LaggedReads}); writes are judged on the primary.</li>
 *   <li>{@code --state FILE}: when the file exists it is loaded and {@code --records} is ignored; saves are
 *       debounced (300 ms) and done again on close.</li>
 * </ul>
 */
package io.tolk.sim.zoho;
