/**
 * The connector SPI: everything the sync engine knows about an external system.
 *
 * <p>A {@link io.tolk.api.Connector} serves one system ({@code "poweroffice"}, {@code "zoho"}) for one
 * connection (one set of credentials). It names the record types it serves, and for each type hands out a
 * {@link io.tolk.api.RecordReader} and a {@link io.tolk.api.RecordWriter}. Records travel as
 * {@link io.tolk.api.SourceRecord}: a flat map of field paths to string values, so the engine never sees
 * a vendor's JSON or HTTP.
 *
 * <h2>Record types and field paths</h2>
 * <ul>
 *   <li>PowerOffice Go: {@code CompanyCustomer} and {@code PersonCustomer} (the {@code IsPerson} split of
 *       {@code /Customers}), {@code Department}, {@code ContactPerson}. Field paths are the API's PascalCase
 *       property names, nested objects joined by dots: {@code Name}, {@code MailAddress.City}.</li>
 *   <li>Zoho CRM: {@code Accounts}, {@code Contacts}. Field paths are Zoho API names; lookups expose
 *       {@code Account_Name.id} and {@code Account_Name.name}.</li>
 * </ul>
 * Values are strings as the system holds them (not normalised); booleans are {@code "true"}/{@code "false"},
 * numbers in plain decimal, and an absent or JSON-null value is {@code null}.
 *
 * <h2>Threading</h2>
 * The engine calls one connector from one thread per connection at a time, but a connector's limiters
 * (rate, concurrency, credits) may be shared with other connectors of the same process and must be thread-safe.
 *
 * <h2>Errors</h2>
 * Whole-operation failures throw {@link io.tolk.api.ConnectorException}; per-record write failures come back
 * as {@link io.tolk.api.WriteResult}s carrying a {@link io.tolk.api.WriteError}, never as exceptions, so one bad
 * record never stops a batch.
 */
package io.tolk.api;
