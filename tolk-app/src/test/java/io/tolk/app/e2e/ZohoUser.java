package io.tolk.app.e2e;

import com.fasterxml.jackson.databind.JsonNode;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A person working in Zoho CRM through its v8 API (demo credentials). Their calls are never faulted (faults are for
 * tolk): they carry the simulator's {@code X-Sim-Faults: off}; lag still applies to what they read.
 */
final class ZohoUser {

    static final String ACCOUNT_FIELDS = "Account_Name,Phone,Website,Billing_City,Shipping_City,Billing_Code,Shipping_Code,"
            + "Billing_Country,Shipping_Country,Account_Number,Description,Modified_Time";
    static final String CONTACT_FIELDS = "First_Name,Last_Name,Email,Secondary_Email,Phone,Other_Phone,Mailing_City,Other_City,"
            + "Mailing_Zip,Other_Zip,Mailing_Country,Other_Country,Title,Description,Modified_Time";

    private final String baseUrl;
    private final SimAdmin admin;
    private String token;

    ZohoUser(String baseUrl) {
        this.baseUrl = baseUrl;
        this.admin = new SimAdmin(baseUrl);
    }

    SimAdmin admin() {
        return admin;
    }

    private String token() {
        if (token == null) {
            String form = "grant_type=refresh_token&client_id=demo-client&client_secret=demo-secret&refresh_token=demo-refresh";
            token = VendorHttp.send(VendorHttp.request(baseUrl + "/oauth/v2/token")
                            .header("Content-Type", "application/x-www-form-urlencoded")
                            .POST(java.net.http.HttpRequest.BodyPublishers.ofString(form)))
                    .expect(200).body().get("access_token").asText();
        }
        return token;
    }

    private VendorHttp.Answer call(java.net.http.HttpRequest.Builder b) {
        VendorHttp.Answer a = VendorHttp.send(b.copy().header(io.tolk.sim.common.SimServer.NO_FAULTS_HEADER, io.tolk.sim.common.SimServer.NO_FAULTS_VALUE).header("Authorization", "Zoho-oauthtoken " + token()));
        if (a.status() == 401) {
            token = null;
            a = VendorHttp.send(b.copy().header(io.tolk.sim.common.SimServer.NO_FAULTS_HEADER, io.tolk.sim.common.SimServer.NO_FAULTS_VALUE).header("Authorization", "Zoho-oauthtoken " + token()));
        }
        return a;
    }

    private static String fieldsOf(String module) {
        return module.equals("Accounts") ? ACCOUNT_FIELDS : CONTACT_FIELDS;
    }

    /** Inserts one record and returns its id. */
    String create(String module, Map<String, Object> record) {
        JsonNode item = call(VendorHttp.request(baseUrl + "/crm/v8/" + module).header("Content-Type", "application/json")
                .POST(VendorHttp.json(Map.of("data", List.of(record), "trigger", List.of())))).expect(201).body()
                .get("data").get(0);
        return item.get("details").get("id").asText();
    }

    /** One record with the bound fields, or {@code null} when it does not exist. */
    JsonNode get(String module, String id) {
        VendorHttp.Answer a = call(VendorHttp.request(baseUrl + "/crm/v8/" + module + "/" + id + "?fields=" + fieldsOf(module)).GET());
        if (a.status() != 200 || a.body() == null) {
            return null;
        }
        return a.body().get("data").get(0);
    }

    /** One record with the given fields (comma-separated API names), or {@code null} when it does not exist. */
    JsonNode get(String module, String id, String fields) {
        VendorHttp.Answer a = call(VendorHttp.request(baseUrl + "/crm/v8/" + module + "/" + id + "?fields=" + fields).GET());
        if (a.status() != 200 || a.body() == null) {
            return null;
        }
        return a.body().get("data").get(0);
    }

    /** One record with every field Zoho has for it (a GET without {@code fields}), or {@code null}. */
    JsonNode full(String module, String id) {
        VendorHttp.Answer a = call(VendorHttp.request(baseUrl + "/crm/v8/" + module + "/" + id).GET());
        if (a.status() != 200 || a.body() == null) {
            return null;
        }
        return a.body().get("data").get(0);
    }

    /** Every record of a module with every field, in id order. */
    List<JsonNode> dump(String module) {
        return all(module).stream().map(r -> r.get("id").asText()).sorted().map(id -> full(module, id)).toList();
    }

    /** Every record of a module (first 2 000 are plenty for tests). */
    List<JsonNode> all(String module) {
        List<JsonNode> out = new ArrayList<>();
        String token = null; // past 2 000 records Zoho pages by page_token only
        for (int page = 1; ; page++) {
            VendorHttp.Answer a = call(VendorHttp.request(baseUrl + "/crm/v8/" + module + "?per_page=200"
                    + (token == null ? "&page=" + page : "&page_token=" + token)
                    + "&sort_order=asc&fields=" + fieldsOf(module)).GET()).expect(200, 204);
            if (a.body() == null) {
                break;
            }
            a.body().get("data").forEach(out::add);
            JsonNode info = a.body().path("info");
            if (!info.path("more_records").asBoolean()) {
                break;
            }
            token = info.hasNonNull("next_page_token") ? info.get("next_page_token").asText() : token;
        }
        return out;
    }

    /** Sets fields of one record (a partial update, as a user's edit in the CRM). */
    void update(String module, String id, Map<String, Object> fields) {
        Map<String, Object> record = new LinkedHashMap<>(fields);
        record.put("id", id);
        call(VendorHttp.request(baseUrl + "/crm/v8/" + module).header("Content-Type", "application/json")
                .PUT(VendorHttp.json(Map.of("data", List.of(record), "trigger", List.of())))).expect(200);
    }

    void delete(String module, String id) {
        call(VendorHttp.request(baseUrl + "/crm/v8/" + module + "?ids=" + URLEncoder.encode(id, StandardCharsets.UTF_8))
                .DELETE()).expect(200);
    }

    /** Restores a record from the recycle bin, keeping its id (simulator admin). */
    void restore(String module, String id) {
        VendorHttp.send(VendorHttp.request(baseUrl + "/__sim/restore").POST(VendorHttp.json(Map.of("module", module, "id", id))))
                .expect(200, 204);
    }
}
