package io.tolk.app.e2e;

import io.tolk.app.e2e.MalformingProxy.Call;
import io.tolk.app.e2e.MalformingProxy.Malformation;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static io.tolk.app.e2e.MalformingProxy.Malformation.EMPTY_200;
import static io.tolk.app.e2e.MalformingProxy.Malformation.ERROR_BODY_200;
import static io.tolk.app.e2e.MalformingProxy.Malformation.HTML_200;
import static io.tolk.app.e2e.MalformingProxy.Malformation.HTML_502;
import static io.tolk.app.e2e.MalformingProxy.Malformation.MISSING_IDS;
import static io.tolk.app.e2e.MalformingProxy.Malformation.OBJECT_FOR_ARRAY;
import static io.tolk.app.e2e.MalformingProxy.Malformation.STRING_FOR_NUMBER;
import static io.tolk.app.e2e.MalformingProxy.Malformation.TRUNCATED_JSON;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Malformed API answers: a {@link MalformingProxy} in front of each simulator replaces the answer of one important call
 * (token, list, create, update, Zoho's field metadata) with truncated JSON, wrong types, a create answer without ids,
 * an HTML error page (502 and 200), an empty 200 or a 200 with an error body. Each case must end as a classified
 * failure (exit 1 for a record's write, 3 for a call the cycle needs) naming the system and the call, never an
 * internal error (exit 4) or a stack trace, and lose nothing: with the answers right again, the next cycle syncs
 * everything, and each record has exactly one partner (a create whose answer had no id was applied: it is found, not
 * sent again).
 */
class MalformedAnswersTest extends E2eBase {

    private MalformingProxy poProxy;
    private MalformingProxy zohoProxy;

    /** A malformed answer of one call, and what it must come to. */
    record Case(String system, Call call, Malformation how, Set<Integer> exits, String says) {
        String name() {
            return system + " " + call.name() + " answered " + how.name().toLowerCase().replace('_', ' ');
        }
    }

    private static final Call PO_TOKEN = new Call("token", "POST", "/OAuth/Token");
    private static final Call PO_LIST = new Call("list customers", "GET", "/v2/Customers");
    private static final Call PO_CREATE = new Call("create customer", "POST", "/v2/Customers");
    private static final Call PO_UPDATE = new Call("update customer", "PATCH", "/v2/Customers/");
    private static final Call ZOHO_TOKEN = new Call("token", "POST", "/oauth/v2/token");
    private static final Call ZOHO_METADATA = new Call("field metadata", "GET", "/crm/v8/settings/fields");
    private static final Call ZOHO_LIST = new Call("list accounts", "GET", "/crm/v8/Accounts");
    private static final Call ZOHO_CREATE = new Call("create accounts", "POST", "/crm/v8/Accounts");
    private static final Call ZOHO_UPDATE = new Call("update accounts", "PUT", "/crm/v8/Accounts");
    private static final Call ZOHO_DELETED = new Call("deleted accounts", "GET", "/crm/v8/Accounts/deleted");
    private static final Call PO_DEPARTMENTS = new Call("list departments", "GET", "/v2/Departments");

    private static final Set<Integer> CYCLE_FAILS = Set.of(3);
    private static final Set<Integer> RECORD_FAILS = Set.of(1);
    private static final Set<Integer> SYNCED = Set.of(0);

    /**
     * Every case with its outcome: {@code CYCLE_FAILS} (exit 3: the cycle needs the call), {@code RECORD_FAILS} (exit 1:
     * the record's write is a failure, settled by the next cycle), {@code SYNCED} (exit 0: tolk needs nothing the
     * malformation broke, or settled it in the same cycle), and what tolk's message must name (null: nothing failed).
     */
    private static List<Case> cases() {
        List<Case> out = new ArrayList<>();
        for (Malformation how : List.of(TRUNCATED_JSON, HTML_200, EMPTY_200, ERROR_BODY_200)) {
            out.add(new Case("PowerOffice", PO_TOKEN, how, CYCLE_FAILS, "get access token"));
            out.add(new Case("Zoho", ZOHO_TOKEN, how, CYCLE_FAILS, "refresh access token"));
            out.add(new Case("PowerOffice", PO_LIST, how, CYCLE_FAILS, "list CompanyCustomer"));
            out.add(new Case("Zoho", ZOHO_LIST, how, CYCLE_FAILS, "zoho: read"));
            out.add(new Case("PowerOffice", PO_CREATE, how, RECORD_FAILS, "poweroffice CREATE"));
            out.add(new Case("Zoho", ZOHO_CREATE, how, RECORD_FAILS, "zoho CREATE"));
            out.add(new Case("Zoho", ZOHO_UPDATE, how, RECORD_FAILS, "zoho UPDATE"));
            // without the field rules only the mandatory fields are checked before sending; the summary says so
            out.add(new Case("Zoho", ZOHO_METADATA, how, SYNCED, "read field metadata of Accounts"));
            // tolk needs nothing from the answer to a PATCH but its status: the edit was applied and is read back
            out.add(new Case("PowerOffice", PO_UPDATE, how, SYNCED, null));
        }
        // wrong types: a string where a number belongs (ids, counts, lengths, expiry), an object where a list belongs
        out.add(new Case("PowerOffice", PO_TOKEN, STRING_FOR_NUMBER, SYNCED, null)); // expires_in unreadable
        out.add(new Case("Zoho", ZOHO_TOKEN, STRING_FOR_NUMBER, SYNCED, null));
        out.add(new Case("PowerOffice", PO_LIST, STRING_FOR_NUMBER, CYCLE_FAILS, "without a numeric Id"));
        out.add(new Case("PowerOffice", PO_LIST, OBJECT_FOR_ARRAY, CYCLE_FAILS, "list CompanyCustomer"));
        out.add(new Case("Zoho", ZOHO_LIST, STRING_FOR_NUMBER, SYNCED, null)); // only the page info's counts
        out.add(new Case("Zoho", ZOHO_LIST, OBJECT_FOR_ARRAY, CYCLE_FAILS, "zoho: read"));
        out.add(new Case("PowerOffice", PO_CREATE, STRING_FOR_NUMBER, RECORD_FAILS, "carries no Id")); // Id "n/a"
        out.add(new Case("PowerOffice", PO_CREATE, OBJECT_FOR_ARRAY, SYNCED, null)); // lists tolk does not read
        out.add(new Case("Zoho", ZOHO_CREATE, OBJECT_FOR_ARRAY, RECORD_FAILS, "zoho CREATE"));
        out.add(new Case("Zoho", ZOHO_UPDATE, OBJECT_FOR_ARRAY, RECORD_FAILS, "zoho UPDATE"));
        out.add(new Case("Zoho", ZOHO_METADATA, STRING_FOR_NUMBER, SYNCED, null)); // lengths unknown: Zoho checks them
        out.add(new Case("Zoho", ZOHO_METADATA, OBJECT_FOR_ARRAY, SYNCED, "read field metadata of Accounts"));
        out.add(new Case("PowerOffice", PO_UPDATE, STRING_FOR_NUMBER, SYNCED, null));
        // the other reads of a cycle: Zoho's deleted feed and PowerOffice's departments (both have nothing to say here:
        // 204 without a body, so truncating it would change nothing)
        for (Malformation how : List.of(HTML_200, EMPTY_200, ERROR_BODY_200)) {
            out.add(new Case("Zoho", ZOHO_DELETED, how, CYCLE_FAILS, "zoho: read deleted"));
            out.add(new Case("PowerOffice", PO_DEPARTMENTS, how, CYCLE_FAILS, "list Department"));
        }
        // a create answer without ids: the create was applied, its outcome is unknown until looked up
        out.add(new Case("PowerOffice", PO_CREATE, MISSING_IDS, RECORD_FAILS, "poweroffice CREATE"));
        out.add(new Case("Zoho", ZOHO_CREATE, MISSING_IDS, RECORD_FAILS, "zoho CREATE"));
        // a gateway's 502 to a create is not retried (the server behind the gateway may have applied it): the create is
        // looked up at once. (A 502 to a read is retried with backoff for seconds before it counts: HttpCallerTest.)
        out.add(new Case("PowerOffice", PO_CREATE, HTML_502, SYNCED, null));
        out.add(new Case("Zoho", ZOHO_CREATE, HTML_502, SYNCED, null));
        return out;
    }

    @BeforeAll
    void startProxies() throws IOException {
        poProxy = new MalformingProxy(poSim.baseUrl());
        zohoProxy = new MalformingProxy(zohoSim.baseUrl());
    }

    @AfterAll
    void stopProxies() {
        poProxy.close();
        zohoProxy.close();
    }

    @TestFactory
    Stream<DynamicTest> everyMalformedAnswerIsAClassifiedFailureNamingSystemAndCallAndLosesNothing() throws IOException {
        // one world for all cases (one store, records of every case side by side): each case adds its own records,
        // and every case's recovery leaves them all in sync, so a later case would see anything an earlier one lost
        zohoUrl = zohoProxy.baseUrl();
        writeConfig(syncSection(Map.of("createInPoweroffice", "true")), "");
        Files.writeString(configFile, Files.readString(configFile).replace(poSim.baseUrl(), poProxy.baseUrl()));
        List<Case> cases = cases();
        Stream<DynamicTest> each = cases.stream().map(c -> DynamicTest.dynamicTest(c.name(),
                () -> check(c, cases.indexOf(c) + 1)));
        Stream<DynamicTest> total = Stream.of(DynamicTest.dynamicTest("every record of every case has exactly one partner",
                () -> {
                    tolk.syncOk();
                    assertThat(po.customers()).hasSize(2 * cases.size());
                    assertThat(zoho.all("Accounts")).hasSize(2 * cases.size());
                }));
        return Stream.concat(each, total);
    }

    @Override
    protected boolean oneWorldPerClass() {
        return true;
    }

    private void check(Case c, int n) {
        String companyName = "Fjellvind " + n + " AS";
        String accountName = "Havbris " + n + " AS";
        long company = companyInPowerOffice(companyName);
        String account = zoho.create("Accounts", Map.of("Account_Name", accountName, "Phone", "55001100"));
        boolean update = c.call() == PO_UPDATE || c.call() == ZOHO_UPDATE;
        if (update) {
            tolk.syncOk();
            po.patchCustomer(company, "/PhoneNumber", "22000001");
            zoho.update("Accounts", account, Map.of("Phone", "55000002"));
        }
        resetCounters();
        MalformingProxy proxy = c.system().equals("Zoho") ? zohoProxy : poProxy;

        proxy.arm(c.call(), c.how());
        Tolk.Result r;
        try {
            r = tolk.sync();
        } finally {
            proxy.disarm();
        }

        String why = c.name() + "\nexit " + r.exitCode() + "\nerr:\n" + r.err() + "\nout:\n" + r.out();
        assertThat(proxy.malformed()).as("the call was made and malformed: " + why).isPositive();
        String said = r.all(); // the summary lists each failed record with its reason
        assertThat(r.exitCode()).as("exit code: " + why).isIn(c.exits());
        if (c.says() != null) {
            assertThat(said).as("names the system: " + why).containsIgnoringCase(c.system());
            assertThat(said).as("names the call: " + why).containsIgnoringCase(c.says());
        }
        assertThat(said).as("no stack trace or internal error: " + why).doesNotContain("\tat ").doesNotContain("internal error");

        if ((c.call() == PO_TOKEN || c.call() == ZOHO_TOKEN) && c.exits() == CYCLE_FAILS) {
            assertThat(writes()).as("without a token nothing is written: " + c.name()).containsExactly(0, 0);
            return;
        }
        Tolk.Result after = tolk.sync();
        assertThat(after.exitCode()).as("the next cycle syncs everything: " + c.name() + "\n" + after.all()).isZero();
        JsonNode customer = onlyPowerOffice(companyName);
        JsonNode created = onlyPowerOffice(accountName);
        JsonNode accountOfCustomer = onlyZoho("Accounts", "Account_Name", companyName);
        assertThat(onlyZoho("Accounts", "Account_Name", accountName).get("id").asText()).isEqualTo(account);
        if (update) {
            assertThat(accountOfCustomer.path("Phone").asText()).isEqualTo("22000001");
            assertThat(created.path("PhoneNumber").asText()).isEqualTo("55000002");
        }
        assertThat(customer.path("Id").asLong()).isEqualTo(company);
    }

    /** The one PowerOffice customer with this name (nothing duplicated), or an AssertionError. */
    private JsonNode onlyPowerOffice(String name) {
        List<JsonNode> hits = po.customers().stream().filter(p -> p.path("Name").asText().equals(name)).toList();
        assertThat(hits).as("PowerOffice customers named " + name + ", nothing duplicated").hasSize(1);
        return hits.get(0);
    }
}
