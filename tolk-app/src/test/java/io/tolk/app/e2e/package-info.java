/**
 * The end-to-end acceptance suite: spec/dataflow.md checked from the outside.
 *
 * <p>Each test class starts one PowerOffice Go simulator and one Zoho CRM simulator in this process (empty, port 0,
 * vendor limits off except in {@link io.tolk.app.e2e.WithVendorLimitsTest}), empties them before every test through
 * {@code /__sim/reset}, writes a {@code tolk.yaml} pointing at them (demo credentials, SQLite store in the test's own
 * directory) and runs the real command line, {@link io.tolk.app.Main#run}, once per command ({@link io.tolk.app.e2e.Tolk}):
 * every piece of state between two cycles lives in the store file.
 *
 * <p>People are simulated by {@link io.tolk.app.e2e.PowerOfficeUser} and {@link io.tolk.app.e2e.ZohoUser}, who edit and
 * read records through the vendors' own APIs with plain HTTP ({@link io.tolk.app.e2e.VendorHttp}) and share no code with
 * tolk's connectors. Assertions read the target system back through its API and count writes with the simulators'
 * server-side counters ({@code /__sim/counters}, {@link io.tolk.app.e2e.SimAdmin}); never through tolk's view of itself.
 * Conflict tests pin and advance the simulators' clocks ({@code /__sim/clock}). {@link io.tolk.app.e2e.CutAfterApplyProxy}
 * cuts chosen calls after the simulator applied them (a lost answer, a crash after sending). {@link
 * io.tolk.app.e2e.ChildTolk} runs tolk as a separate JVM process, so a test can kill it with SIGKILL in mid-cycle.
 * {@link io.tolk.app.e2e.PlanOutput} reads {@code tolk plan}'s output back record by record and field by field.
 *
 * <p>A test that exposes a defect of the product is kept, marked {@code @Disabled("bug: ...")} with the defect
 * described in its reason, until the product is fixed.
 */
package io.tolk.app.e2e;
