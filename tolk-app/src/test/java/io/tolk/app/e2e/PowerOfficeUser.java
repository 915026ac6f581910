package io.tolk.app.e2e;

import com.fasterxml.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A person working in PowerOffice Go through its v2 API (demo credentials). Their calls are never faulted (faults are
 * for tolk): they carry the simulator's {@code X-Sim-Faults: off}; lag still applies to what they read.
 */
final class PowerOfficeUser {

    private final String apiUrl;
    private final String tokenUrl;
    private final SimAdmin admin;
    private String token;

    PowerOfficeUser(String baseUrl) {
        this.apiUrl = baseUrl + "/v2";
        this.tokenUrl = baseUrl + "/OAuth/Token";
        this.admin = new SimAdmin(baseUrl);
    }

    SimAdmin admin() {
        return admin;
    }

    private String token() {
        if (token == null) {
            String basic = Base64.getEncoder().encodeToString("demo-app:demo-client".getBytes(StandardCharsets.UTF_8));
            JsonNode body = VendorHttp.send(VendorHttp.request(tokenUrl)
                            .header("Authorization", "Basic " + basic)
                            .header("Ocp-Apim-Subscription-Key", "demo-sub")
                            .header("Content-Type", "application/x-www-form-urlencoded")
                            .POST(java.net.http.HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")))
                    .expect(200).body();
            token = body.get("access_token").asText();
        }
        return token;
    }

    /** After the simulator's reset (which expires tokens). */
    void forgetToken() {
        token = null;
    }

    private VendorHttp.Answer call(java.net.http.HttpRequest.Builder b) {
        VendorHttp.Answer a = VendorHttp.send(b.copy().header(io.tolk.sim.common.SimServer.NO_FAULTS_HEADER, io.tolk.sim.common.SimServer.NO_FAULTS_VALUE).header("Authorization", "Bearer " + token())
                .header("Ocp-Apim-Subscription-Key", "demo-sub"));
        if (a.status() == 401) {
            token = null;
            a = VendorHttp.send(b.copy().header(io.tolk.sim.common.SimServer.NO_FAULTS_HEADER, io.tolk.sim.common.SimServer.NO_FAULTS_VALUE).header("Authorization", "Bearer " + token())
                    .header("Ocp-Apim-Subscription-Key", "demo-sub"));
        }
        if (a.status() == 429) {
            try {
                Thread.sleep(1100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return call(b);
        }
        return a;
    }

    /** POSTs a customer and returns its id. */
    long createCustomer(Map<String, Object> dto) {
        return call(VendorHttp.request(apiUrl + "/Customers").header("Content-Type", "application/json")
                .POST(VendorHttp.json(dto))).expect(201).body().get("Id").asLong();
    }

    long createDepartment(Map<String, Object> dto) {
        return call(VendorHttp.request(apiUrl + "/Departments").header("Content-Type", "application/json")
                .POST(VendorHttp.json(dto))).expect(201).body().get("Id").asLong();
    }

    JsonNode customer(long id) {
        return call(VendorHttp.request(apiUrl + "/Customers/" + id).GET()).expect(200).body();
    }

    JsonNode department(long id) {
        return call(VendorHttp.request(apiUrl + "/Departments/" + id).GET()).expect(200).body();
    }

    int customerStatus(long id) {
        return call(VendorHttp.request(apiUrl + "/Customers/" + id).GET()).status();
    }

    /** All customers (one page of up to 20 000 is plenty for tests). */
    List<JsonNode> customers() {
        VendorHttp.Answer a = call(VendorHttp.request(apiUrl + "/Customers?PageSize=20000").GET()).expect(200, 204);
        List<JsonNode> out = new ArrayList<>();
        if (a.body() != null) {
            a.body().forEach(out::add);
        }
        return out;
    }

    /** All departments. */
    List<JsonNode> departments() {
        VendorHttp.Answer a = call(VendorHttp.request(apiUrl + "/Departments?PageSize=20000").GET()).expect(200, 204);
        List<JsonNode> out = new ArrayList<>();
        if (a.body() != null) {
            a.body().forEach(out::add);
        }
        return out;
    }

    /** Sets one property by JSON Patch, e.g. {@code ("/MailAddress/City", "Bergen")}. */
    void patchCustomer(long id, String path, Object value) {
        patch("/Customers/" + id, path, value);
    }

    void patchDepartment(long id, String path, Object value) {
        patch("/Departments/" + id, path, value);
    }

    private void patch(String resource, String path, Object value) {
        Map<String, Object> op = new LinkedHashMap<>();
        op.put("op", "replace");
        op.put("path", path);
        op.put("value", value);
        call(VendorHttp.request(apiUrl + resource).header("Content-Type", "application/json-patch+json")
                .method("PATCH", VendorHttp.json(List.of(op)))).expect(200);
    }

    void deleteCustomer(long id) {
        call(VendorHttp.request(apiUrl + "/Customers/" + id).DELETE()).expect(200, 204);
    }

    void deleteDepartment(long id) {
        call(VendorHttp.request(apiUrl + "/Departments/" + id).DELETE()).expect(200, 204);
    }
}
