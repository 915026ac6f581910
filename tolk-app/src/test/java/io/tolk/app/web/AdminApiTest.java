package io.tolk.app.web;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static io.tolk.app.web.WebFixture.call;
import static io.tolk.app.web.WebFixture.get;
import static io.tolk.app.web.WebFixture.post;
import static io.tolk.app.web.WebFixture.send;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The admin API's answers and decisions over plain HTTP, on a loopback server without a token, after syncing a few
 * records made to link, fail, conflict and wait in review.
 */
class AdminApiTest {

    @TempDir
    static Path dir;
    static WebFixture web;
    static long nordlys;
    static long kari;
    static List<Long> legacy;
    static long fjellvind;
    static long sjosproyt;
    static long havbris;

    @BeforeAll
    static void syncRecordsOfEveryKind() {
        web = new WebFixture(dir, 0, null);
        List<Long> ids = web.poFixtureCustomers(List.of(
                Map.of("IsPerson", false, "Name", "Nordlys Bygg AS", "MailAddress", Map.of("City", "Oslo")),
                Map.of("IsPerson", true, "FirstName", "Kari", "LastName", "Nordmann", "EmailAddress", "kari.nordmann@example.no"),
                Map.of("IsPerson", true, "FirstName", "Ola", "EmailAddress", "ola@example.no"),
                Map.of("IsPerson", true, "FirstName", "Per", "EmailAddress", "per@example.no"),
                Map.of("IsPerson", false, "Name", "Fjellvind Testlag AS"),
                Map.of("IsPerson", false, "Name", "Sjøsprøyt AS"),
                Map.of("IsPerson", false, "Name", "Havbris Fiske AS")));
        nordlys = ids.get(0);
        kari = ids.get(1);
        legacy = ids.subList(2, 4);
        fjellvind = ids.get(4);
        sjosproyt = ids.get(5);
        havbris = ids.get(6);
        web.zohoFixtures("Accounts", List.of(Map.of("Account_Name", "Nordlys Bygg AS", "Billing_City", "Bergen"),
                Map.of("Account_Name", "Fjellvind Testlag AS", "Billing_City", "Oslo"),
                Map.of("Account_Name", "Fjellvind Testlag AS", "Billing_City", "Bergen"),
                Map.of("Account_Name", "Havbris Fiske AS", "Billing_City", "Ålesund"),
                Map.of("Account_Name", "Havbris Fiske AS", "Billing_City", "Tromsø")));
        web.service.syncNow();
        web.service.syncNow();
    }

    @AfterAll
    static void stop() {
        web.close();
    }

    private static JsonNode getJson(String path) {
        return send(get(web.url() + path)).body();
    }

    private static JsonNode postJson(String path, Object body) {
        return send(post(web.url() + path, body)).body();
    }

    private static String po(String type, long id) {
        return "poweroffice/" + type + "/" + id;
    }

    @Test
    void statusGivesHealthPerConnectionAndAStatePerFlow() {
        JsonNode c = getJson("/api/status").get("connections").get(0);

        assertThat(c.get("name").asText()).isEqualTo("default");
        assertThat(c.get("health").get("state").asText()).isIn("ok", "degraded");
        assertThat(c.get("health").get("lastSuccess").isNull()).isFalse();
        assertThat(c.get("flows")).extracting(f -> f.get("flow").asText()).containsExactly("F1", "F2", "F3");
        JsonNode f3 = c.get("flows").get(2);
        assertThat(f3.get("failing").asLong()).isEqualTo(2);
        assertThat(f3.get("state").asText()).as("F3 has failures").isEqualTo("degraded");
        assertThat(c.get("lastCycle").get("apiCalls").asLong()).isPositive();
    }

    @Test
    void searchFindsByTheStartOfANameByEmailAndByIdWithPartners() {
        JsonNode byName = getJson("/api/search?q=NORDLYS%20b").get("hits");
        assertThat(byName).hasSize(2);
        JsonNode po = byName.findParents("ref").stream().filter(n -> n.path("ref").asText().equals(po("CompanyCustomer", nordlys)))
                .findFirst().orElseThrow();
        assertThat(po.get("name").asText()).isEqualTo("Nordlys Bygg AS");
        JsonNode hit = byName.get(0).get("record").get("system").asText().equals("poweroffice") ? byName.get(0) : byName.get(1);
        assertThat(hit.get("matched").asText()).isEqualTo("name");
        assertThat(hit.get("partners")).extracting(p -> p.get("system").asText()).containsExactly("zoho");

        JsonNode byMail = getJson("/api/search?q=kari.nordmann@").get("hits");
        assertThat(byMail).extracting(h -> h.get("record").get("name").asText()).contains("Kari Nordmann");
        assertThat(byMail).extracting(h -> h.get("matched").asText()).containsOnly("e-mail");

        JsonNode byId = getJson("/api/search?q=" + kari).get("hits");
        assertThat(byId).extracting(h -> h.get("record").get("ref").asText()).containsExactly(po("PersonCustomer", kari));
        assertThat(byId.get(0).get("matched").asText()).isEqualTo("id");

        assertThat(call(get(web.url() + "/api/search?q=%20")).status()).isEqualTo(400);
    }

    @Test
    void searchFindsAPersonByTheStartOfTheFirstOrTheLastName() {
        for (String q : List.of("kari%20NORD", "nordmann", "Nordmann%20k")) {
            JsonNode hits = getJson("/api/search?q=" + q).get("hits");
            assertThat(hits).as(q).extracting(h -> h.get("record").get("ref").asText()).contains(po("PersonCustomer", kari));
            assertThat(hits).as(q).filteredOn(h -> h.get("record").get("ref").asText().equals(po("PersonCustomer", kari)))
                    .extracting(h -> h.get("matched").asText()).containsExactly("name");
        }
        assertThat(getJson("/api/search?q=ari").get("hits")).as("only the start of a name is searched").isEmpty();
    }

    @Test
    void createGivesAWaitingRecordANewPartnerInsteadOfACandidate() {
        String waiting = po("CompanyCustomer", havbris);
        assertThat(getJson("/api/connections/default/review").get("items"))
                .extracting(i -> i.get("record").get("ref").asText()).as("two Accounts resemble it").contains(waiting);
        long before = web.service.cyclesDone();
        JsonNode decided = postJson("/api/connections/default/review/create", Map.of("record", waiting));
        assertThat(decided.get("decision").asText()).isEqualTo("create its partner");
        web.service.awaitCyclesAfter(before);
        web.service.syncNow();

        JsonNode record = getJson("/api/connections/default/records/" + waiting);
        assertThat(record.get("sides")).hasSize(2);
        String partner = record.get("sides").get(1).get("record").get("ref").asText();
        assertThat(getJson("/api/search?q=havbris").get("hits"))
                .as("the two Accounts it resembled and the one created for it").extracting(h -> h.get("record").get("ref").asText())
                .contains(waiting, partner).hasSize(4);
        assertThat(getJson("/api/connections/default/review").get("items"))
                .extracting(i -> i.get("record").get("ref").asText()).doesNotContain(waiting);
        assertThat(call(post(web.url() + "/api/connections/default/review/create", Map.of("record", waiting))).status())
                .as("linked now").isEqualTo(400);
    }

    @Test
    void aRecordsHistoryShowsWhatTolkWroteToTheOtherSideAndFromWhere() {
        web.poPatchCustomer(sjosproyt, "/PhoneNumber", "55501234");
        web.service.syncNow();

        JsonNode record = getJson("/api/connections/default/records/" + po("CompanyCustomer", sjosproyt));
        assertThat(record.get("sides")).extracting(s -> s.get("record").get("system").asText()).containsExactly("poweroffice", "zoho");
        JsonNode update = null;
        for (JsonNode line : record.get("history")) {
            if (line.get("action").asText().equals("updated")) {
                update = line;
            }
        }
        assertThat(update).as("the update tolk wrote to Zoho: " + record.get("history")).isNotNull();
        assertThat(update.get("record").get("system").asText()).isEqualTo("zoho");
        assertThat(update.get("byTolk").asBoolean()).isTrue();
        assertThat(update.get("from").asText()).isEqualTo("PowerOffice");
        assertThat(update.get("detail").asText()).contains("Phone").contains("55501234");
        assertThat(record.get("history").get(0).get("at").asText()).endsWith("Z");
    }

    @Test
    void runsArePagedNewestFirst() {
        web.service.syncNow();
        JsonNode first = getJson("/api/connections/default/runs?limit=2");
        JsonNode second = getJson("/api/connections/default/runs?limit=2&offset=2");

        assertThat(first.get("runs")).hasSize(2);
        assertThat(first.get("more").asBoolean()).isTrue();
        long a = first.get("runs").get(0).get("id").asLong();
        long b = first.get("runs").get(1).get("id").asLong();
        long c = second.get("runs").get(0).get("id").asLong();
        assertThat(a).isGreaterThan(b);
        assertThat(b).isGreaterThan(c);
        assertThat(call(get(web.url() + "/api/connections/default/runs?limit=0")).status()).isEqualTo(400);
    }

    @Test
    void failuresAreGroupedByKindWithCountsAndAGroupIsRetriedAtOnce() {
        JsonNode groups = getJson("/api/connections/default/failures").get("groups");
        JsonNode lastName = null;
        for (JsonNode g : groups) {
            if (g.get("kind").asText().contains("Last_Name")) {
                lastName = g;
            }
        }
        assertThat(lastName).as("a group of the two persons without a last name: " + groups).isNotNull();
        assertThat(lastName.get("count").asInt()).isEqualTo(2);
        assertThat(lastName.get("failures")).extracting(f -> f.get("record").get("ref").asText())
                .containsExactlyInAnyOrder(po("PersonCustomer", legacy.get(0)), po("PersonCustomer", legacy.get(1)));
        assertThat(lastName.get("failures").get(0).get("record").get("name").asText()).isIn("Ola", "Per");

        int before = web.service.triggered().size();
        JsonNode retried = postJson("/api/connections/default/failures/retry", Map.of("group", lastName.get("group").asText()));
        assertThat(retried.get("retried").asInt()).isEqualTo(2);
        assertThat(web.service.triggered().size()).as("a cycle was asked for").isGreaterThan(before);

        JsonNode all = postJson("/api/connections/default/failures/retry", Map.of());
        assertThat(all.get("retried").asInt()).isGreaterThanOrEqualTo(2);
        assertThat(call(post(web.url() + "/api/connections/default/failures/retry", Map.of("ids", List.of(999999)))).status())
                .isEqualTo(404);
    }

    @Test
    void aConflictNamesItsRecordsAndRestoringWritesTheLosingValueToBothSides() {
        web.service.awaitCyclesAfter(web.service.cyclesDone() - 1);
        JsonNode conflicts = getJson("/api/connections/default/conflicts").get("conflicts");
        JsonNode city = null;
        for (JsonNode c : conflicts) {
            if (c.get("property").asText().equals("organization.address.city") && !c.get("restored").asBoolean()) {
                city = c;
            }
        }
        assertThat(city).as("the city conflict found when Nordlys Bygg AS was linked: " + conflicts).isNotNull();
        assertThat(city.get("records")).extracting(r -> r.get("ref").asText()).contains(po("CompanyCustomer", nordlys));
        assertThat(city.get("records")).extracting(r -> r.get("name").asText()).containsOnly("Nordlys Bygg AS");
        String loser = city.get("loserValue").asText();

        JsonNode restored = postJson("/api/connections/default/conflicts/" + city.get("id").asLong() + "/restore", Map.of());
        assertThat(restored.get("restored").asBoolean()).isTrue();
        web.service.awaitCyclesAfter(web.service.cyclesDone() - 1);
        web.service.syncNow();

        JsonNode record = getJson("/api/connections/default/records/" + po("CompanyCustomer", nordlys));
        JsonNode row = null;
        for (JsonNode r : record.get("rows")) {
            if (r.get("property").asText().equals("organization.address.city")) {
                row = r;
            }
        }
        assertThat(row.get("cells")).extracting(c -> c.get("value").asText()).containsOnly(loser);
        assertThat(row.get("same").asBoolean()).isTrue();
        assertThat(call(post(web.url() + "/api/connections/default/conflicts/" + city.get("id").asLong() + "/restore", Map.of()))
                .status()).as("restored already").isEqualTo(409);
    }

    @Test
    void theReviewQueueNamesTheWaitingRecordAndItsCrossSystemCandidates() {
        JsonNode items = getJson("/api/connections/default/review").get("items");
        JsonNode item = null;
        for (JsonNode i : items) {
            if (i.get("record").get("ref").asText().equals(po("CompanyCustomer", fjellvind))) {
                item = i;
            }
        }
        assertThat(item).as("Fjellvind waits for review: " + items).isNotNull();
        assertThat(item.get("record").get("name").asText()).isEqualTo("Fjellvind Testlag AS");
        assertThat(item.get("candidates")).hasSize(2).allSatisfy(c -> {
            assertThat(c.get("system").asText()).isEqualTo("zoho");
            assertThat(c.get("name").asText()).isEqualTo("Fjellvind Testlag AS");
        });
        assertThat(item.get("origin").asText()).isEqualTo("matching");
        assertThat(item.get("reason").asText()).contains("2 Zoho records");
    }

    @Test
    void unlinkPutsBothRecordsInTheReviewQueueAndLinkJoinsThemAgain() {
        JsonNode record = getJson("/api/connections/default/records/" + po("PersonCustomer", kari));
        String contact = record.get("sides").get(1).get("record").get("ref").asText();

        postJson("/api/connections/default/review/unlink", Map.of("record", po("PersonCustomer", kari)));
        JsonNode items = getJson("/api/connections/default/review").get("items");
        assertThat(items).extracting(i -> i.get("record").get("ref").asText()).contains(po("PersonCustomer", kari), contact);
        assertThat(items).filteredOn(i -> i.get("record").get("ref").asText().equals(po("PersonCustomer", kari)))
                .extracting(i -> i.get("origin").asText()).containsExactly("user");

        postJson("/api/connections/default/review/link", Map.of("record", po("PersonCustomer", kari), "with", contact));
        assertThat(getJson("/api/connections/default/review").get("items"))
                .extracting(i -> i.get("record").get("ref").asText()).doesNotContain(po("PersonCustomer", kari), contact);
        assertThat(getJson("/api/connections/default/records/" + po("PersonCustomer", kari)).get("entityId").isNull()).isFalse();
    }

    @Test
    void aCycleIsTriggeredAndAConnectionPausedAndResumed() {
        long before = web.service.cyclesDone();
        WebFixture.Answer cycle = call(post(web.url() + "/api/connections/default/cycle", Map.of()));
        assertThat(cycle.status()).isEqualTo(202);
        web.service.awaitCyclesAfter(before);

        assertThat(postJson("/api/connections/default/pause", Map.of()).get("paused").asBoolean()).isTrue();
        assertThat(getJson("/api/status").get("connections").get(0).get("paused").asBoolean()).isTrue();
        assertThat(postJson("/api/connections/default/cycle", Map.of()).get("cycleRequested").asBoolean()).isFalse();
        assertThat(postJson("/api/connections/default/resume", Map.of()).get("paused").asBoolean()).isFalse();
        assertThat(web.service.paused("default")).isFalse();
    }
}
