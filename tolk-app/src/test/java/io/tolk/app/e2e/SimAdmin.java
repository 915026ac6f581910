package io.tolk.app.e2e;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.Map;

/** A simulator's {@code /__sim/} admin API: server-side counters and the clock. */
final class SimAdmin {

    private final String baseUrl;

    SimAdmin(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    /** Write calls the simulator has answered since the last reset (server-side truth). */
    long writes() {
        return counters().path("writes").asLong();
    }

    /** Records created, updated or deleted since the last reset. */
    long recordsWritten() {
        return counters().path("recordsWritten").asLong();
    }

    /** Records created, updated or deleted by one operation, e.g. {@code Accounts.update} or {@code customers.create}. */
    long recordsWritten(String operation) {
        return counters().path("recordsWrittenByOperation").path(operation).asLong();
    }

    JsonNode counters() {
        return VendorHttp.send(VendorHttp.request(baseUrl + "/__sim/counters").GET()).expect(200).body();
    }

    void resetCounters() {
        VendorHttp.send(VendorHttp.request(baseUrl + "/__sim/counters/reset").POST(VendorHttp.json(Map.of()))).expect(200, 204);
    }

    void setClock(Instant now) {
        VendorHttp.send(VendorHttp.request(baseUrl + "/__sim/clock").POST(VendorHttp.json(Map.of("set", now.toString())))).expect(200, 204);
    }

    void advanceSeconds(long seconds) {
        VendorHttp.send(VendorHttp.request(baseUrl + "/__sim/clock").POST(VendorHttp.json(Map.of("advanceSeconds", seconds)))).expect(200, 204);
    }

    /** Empties all data of the simulator (records, recycle bin); PowerOffice also expires tokens and resets counters. */
    void reset() {
        VendorHttp.send(VendorHttp.request(baseUrl + "/__sim/reset").POST(VendorHttp.json(Map.of()))).expect(200);
    }

    /** Fault injection spec, e.g. {@code "drop=1,seed=1"}; empty for none. */
    void setFaults(String spec) {
        VendorHttp.send(VendorHttp.request(baseUrl + "/__sim/faults").POST(VendorHttp.json(Map.of("spec", spec)))).expect(200);
    }

    /** The simulator's clock now. */
    Instant now() {
        return Instant.parse(VendorHttp.send(VendorHttp.request(baseUrl + "/__sim/clock").GET()).expect(200).body()
                .get("now").asText());
    }

    void releaseClock() {
        VendorHttp.send(VendorHttp.request(baseUrl + "/__sim/clock").POST(VendorHttp.json(Map.of("release", true)))).expect(200);
    }

    /** Write calls of one operation, e.g. {@code customers.update} or {@code Accounts.insert}. */
    long requests(String operation) {
        return counters().path("byOperation").path(operation).asLong();
    }

    /** The records the simulator changed through its API since the last reset, oldest first ({@code GET /__sim/writes}). */
    java.util.List<JsonNode> writeLog() {
        JsonNode log = VendorHttp.send(VendorHttp.request(baseUrl + "/__sim/writes").GET()).expect(200).body();
        if (log.path("dropped").asLong() != 0) {
            throw new AssertionError("the simulator's write log dropped " + log.path("dropped").asLong() + " entries");
        }
        java.util.List<JsonNode> out = new java.util.ArrayList<>();
        log.path("writes").forEach(out::add);
        return out;
    }

    void resetWriteLog() {
        VendorHttp.send(VendorHttp.request(baseUrl + "/__sim/writes/reset").POST(VendorHttp.json(Map.of()))).expect(200);
    }

    JsonNode loadFixtures(Object body) {
        return VendorHttp.send(VendorHttp.request(baseUrl + "/__sim/fixtures").POST(VendorHttp.json(body))).expect(200, 201).body();
    }
}
