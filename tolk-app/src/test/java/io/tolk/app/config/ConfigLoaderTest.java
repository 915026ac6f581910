package io.tolk.app.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigLoaderTest {

    private static final Map<String, String> ENV = Map.of(
            "PO_APP", "app-secret-value", "PO_CLIENT", "client-secret-value", "PO_SUB", "sub-secret-value",
            "Z_ID", "zoho-id", "Z_SECRET", "zoho-secret-value", "Z_REFRESH", "zoho-refresh-value");

    private static final String CONNECTION = """
            poweroffice:
              apiUrl: http://127.0.0.1:9001/v2
              tokenUrl: http://127.0.0.1:9001/OAuth/Token
              applicationKey: ${PO_APP}
              clientKey: ${PO_CLIENT}
              subscriptionKey: ${PO_SUB}
            zoho:
              apiDomain: http://127.0.0.1:9002
              accountsUrl: http://127.0.0.1:9002
              clientId: ${Z_ID}
              clientSecret: ${Z_SECRET}
              refreshToken: ${Z_REFRESH}
            """;

    private TolkConfig parse(String yaml) {
        return new ConfigLoader(ENV::get).parse(yaml, Path.of("tolk.yaml"), false);
    }

    private ConfigException mistake(String yaml) {
        try {
            parse(yaml);
        } catch (ConfigException e) {
            return e;
        }
        throw new AssertionError("expected a ConfigException for:\n" + yaml);
    }

    @Test
    void theInterfaceSpecExampleLoadsWithEnvironmentSubstitutionAndDefaults() {
        TolkConfig config = parse("store: sqlite:./tolk.db\n" + CONNECTION + """
                sync:
                  interval: 5m
                  createInPoweroffice: false
                  deletes: keep
                  maxDeletesPerCycle: 20
                  tieWinner: poweroffice
                flows:
                  F1:
                    filter: "IsArchived == false"
                    properties:
                      Shipping_City: createOnly
                """);
        assertThat(config.store()).isEqualTo("sqlite:./tolk.db");
        assertThat(config.storeUrl().file()).isEqualTo(Path.of("tolk.db").toAbsolutePath());
        assertThat(config.connections().get(0).sync().createInPowerofficeIfSet()).isFalse();
        assertThat(config.connections()).hasSize(1);
        ConnectionConfig c = config.connections().get(0);
        assertThat(c.name()).isEqualTo("default");
        assertThat(c.poweroffice().apiUrl()).hasToString("http://127.0.0.1:9001/v2");
        assertThat(c.poweroffice().applicationKey().reveal()).isEqualTo("app-secret-value");
        assertThat(c.zoho().refreshToken().reveal()).isEqualTo("zoho-refresh-value");
        assertThat(c.sync().interval()).isEqualTo(Duration.ofMinutes(5));
        assertThat(c.sync().deletes()).isEqualTo(io.tolk.engine.policy.DeletePolicy.KEEP);
        assertThat(c.sync().tieWinner()).isEqualTo("poweroffice");
        assertThat(c.flows()).singleElement().satisfies(f -> {
            assertThat(f.flow()).isEqualTo("F1");
            assertThat(f.filter()).isEqualTo("IsArchived == false");
            assertThat(f.filterLine()).isEqualTo(22);
            assertThat(f.properties()).containsExactly(new FlowConfig.PropertyDirection("Shipping_City", "createOnly", 24));
        });
        assertThat(config.server()).isEqualTo(ServerConfig.defaults());
    }

    @Test
    void urlsDefaultToTheRealServicesWhenLeftOut() {
        TolkConfig config = parse("""
                poweroffice: {applicationKey: a, clientKey: b, subscriptionKey: c}
                zoho: {clientId: d, clientSecret: e, refreshToken: f}
                """);
        ConnectionConfig c = config.connections().get(0);
        assertThat(c.poweroffice().apiUrl()).isEqualTo(PowerOfficeConfig.DEFAULT_API_URL);
        assertThat(c.poweroffice().tokenUrl()).isEqualTo(PowerOfficeConfig.DEFAULT_TOKEN_URL);
        assertThat(c.zoho().apiDomain()).isEqualTo(ZohoConfig.DEFAULT_API_DOMAIN);
        assertThat(config.store()).isEqualTo(TolkConfig.DEFAULT_STORE);
        assertThat(c.sync()).isEqualTo(SyncConfig.defaults());
    }

    @Test
    void powerOfficeRequestRateDefaultsToItsRealLimitAndCanBeSwitchedOffOrLowered() {
        String base = """
                poweroffice: {applicationKey: a, clientKey: b, subscriptionKey: c%s}
                zoho: {clientId: d, clientSecret: e, refreshToken: f}
                """;
        assertThat(parse(base.formatted("")).connections().get(0).poweroffice().requestsPerSecond()).isEqualTo(10.0);
        assertThat(parse(base.formatted(", requestsPerSecond: off")).connections().get(0).poweroffice()
                .requestsPerSecond()).isZero();
        assertThat(parse(base.formatted(", requestsPerSecond: 2.5")).connections().get(0).poweroffice()
                .requestsPerSecond()).isEqualTo(2.5);
        ConfigException e = mistake(base.formatted(", requestsPerSecond: fast"));
        assertThat(e.getMessage()).isEqualTo("tolk.yaml: poweroffice.requestsPerSecond (line 1): 'fast' is not a rate;"
                + " write a number of requests per second (PowerOffice allows 10), or off");
    }

    @Test
    void requestTimeoutsDefaultToThirtySecondsForPowerOfficeAndSixtyForZohoAndCanBeShortened() {
        String base = """
                poweroffice: {applicationKey: a, clientKey: b, subscriptionKey: c%s}
                zoho: {clientId: d, clientSecret: e, refreshToken: f%s}
                """;
        ConnectionConfig defaults = parse(base.formatted("", "")).connections().get(0);
        assertThat(defaults.poweroffice().requestTimeout()).isEqualTo(java.time.Duration.ofSeconds(30));
        assertThat(defaults.zoho().requestTimeout()).isEqualTo(java.time.Duration.ofSeconds(60));
        ConnectionConfig shorter = parse(base.formatted(", requestTimeout: 2s", ", requestTimeout: 1500ms"))
                .connections().get(0);
        assertThat(shorter.poweroffice().requestTimeout()).isEqualTo(java.time.Duration.ofSeconds(2));
        assertThat(shorter.zoho().requestTimeout()).isEqualTo(java.time.Duration.ofMillis(1500));
        assertThat(io.tolk.app.wiring.Connectors.settings(shorter.poweroffice()).requestTimeout())
                .isEqualTo(java.time.Duration.ofSeconds(2));
        assertThat(io.tolk.app.wiring.Connectors.settings(shorter.zoho()).callTimeout())
                .isEqualTo(java.time.Duration.ofMillis(1500));
        ConfigException e = mistake(base.formatted("", ", requestTimeout: soon"));
        assertThat(e.getMessage()).startsWith("tolk.yaml: zoho.requestTimeout (line 2): ");
    }

    @Test
    void aMissingEnvironmentVariableNamesTheKeyTheLineAndTheVariable() {
        ConfigException e = mistake(CONNECTION.replace("${PO_CLIENT}", "${POWEROFFICE_CLIENT_KEY}"));
        assertThat(e.getMessage()).isEqualTo(
                "tolk.yaml: poweroffice.clientKey (line 5): environment variable POWEROFFICE_CLIENT_KEY is not set");
        assertThat(e.keyPath()).isEqualTo("poweroffice.clientKey");
        assertThat(e.line()).isEqualTo(5);
    }

    @Test
    void anEnvironmentFallbackIsUsedWhenTheVariableIsUnset() {
        TolkConfig config = parse(CONNECTION.replace("${PO_CLIENT}", "${UNSET_VAR:-demo-client}"));
        assertThat(config.connections().get(0).poweroffice().clientKey().reveal()).isEqualTo("demo-client");
    }

    @Test
    void anUnknownKeySuggestsTheClosestKnownOne() {
        ConfigException e = mistake(CONNECTION + "sync:\n  intervall: 5m\n");
        assertThat(e.getMessage()).startsWith("tolk.yaml: sync.intervall (line 14): unknown key; did you mean 'interval'?");
    }

    @Test
    void aPublicUrlMustBeHttpsExceptOnLoopback() {
        ConfigException e = mistake(CONNECTION + "server:\n  publicUrl: http://tolk.example.com\n");
        assertThat(e.keyPath()).isEqualTo("server.publicUrl");
        assertThat(e.line()).isEqualTo(14);
        assertThat(e.getMessage()).contains("must be an https:// address");
        assertThat(parse(CONNECTION + "server:\n  publicUrl: https://tolk.example.com\n").server().publicUrl())
                .hasToString("https://tolk.example.com");
        assertThat(parse(CONNECTION + "server:\n  publicUrl: http://127.0.0.1:8080\n").server().publicUrl())
                .hasToString("http://127.0.0.1:8080");
    }

    @Test
    void anUnknownTopLevelSectionIsNamed() {
        ConfigException e = mistake(CONNECTION + "zohoo:\n  x: 1\n");
        assertThat(e.getMessage()).contains("zohoo (line 13): unknown key; did you mean 'zoho'?");
    }

    @Test
    void aBadDurationIsRefusedWithTheWayToWriteOne() {
        ConfigException e = mistake(CONNECTION + "sync:\n  interval: 5x\n");
        assertThat(e.getMessage()).isEqualTo(
                "tolk.yaml: sync.interval (line 14): '5x' is not a duration; write it like 30s, 5m, 1h or 500ms");
    }

    @Test
    void aBadEnumWordListsTheAllowedWords() {
        ConfigException e = mistake(CONNECTION + "sync:\n  deletes: propogate\n");
        assertThat(e.getMessage()).contains("sync.deletes (line 14): 'propogate' is not allowed here; did you mean 'propagate'?")
                .contains("allowed: keep, propagate");
    }

    @Test
    void aWrongTypeIsNamed() {
        assertThat(mistake(CONNECTION + "sync:\n  maxDeletesPerCycle: many\n").getMessage())
                .contains("sync.maxDeletesPerCycle (line 14): 'many' is not a whole number");
        assertThat(mistake(CONNECTION + "sync:\n  createInPoweroffice: maybe\n").getMessage())
                .contains("sync.createInPoweroffice (line 14): 'maybe' is not true or false");
        assertThat(mistake(CONNECTION + "sync: 5m\n").getMessage())
                .contains("sync (line 13): expected a section of 'key: value' lines, found '5m'");
        assertThat(mistake(CONNECTION.replace("http://127.0.0.1:9001/v2", "goapi")).getMessage())
                .contains("poweroffice.apiUrl (line 2): 'goapi' is not an http(s) URL");
    }

    @Test
    void aMissingRequiredKeyNamesTheSectionLineAndHowToWriteIt() {
        ConfigException e = mistake(CONNECTION.replace("  subscriptionKey: ${PO_SUB}\n", ""));
        assertThat(e.getMessage()).isEqualTo("tolk.yaml: poweroffice.subscriptionKey (line 2): is missing; "
                + "add e.g. 'subscriptionKey: ${POWEROFFICE_SUBSCRIPTION_KEY}'");
    }

    @Test
    void aMissingSystemSectionIsNamed() {
        String onlyPo = CONNECTION.substring(0, CONNECTION.indexOf("zoho:"));
        assertThat(mistake(onlyPo).getMessage()).contains("zoho").contains("is missing");
    }

    @Test
    void aDuplicateKeyIsRefused() {
        assertThat(mistake(CONNECTION + "sync:\n  interval: 5m\n  interval: 1m\n").getMessage())
                .contains("sync.interval (line 15): appears twice in the same section (first on line 14)");
    }

    @Test
    void aYamlSyntaxErrorGivesTheLine() {
        assertThat(mistake(CONNECTION + "sync:\n  interval: [5m\n").getMessage())
                .startsWith("tolk.yaml: line ").contains("not valid YAML");
    }

    @Test
    void flowsAreCheckedForKnownFlowsAndDirectionWords() {
        assertThat(mistake(CONNECTION + "flows:\n  F4:\n    filter: x\n").getMessage())
                .contains("flows.F4 (line 14): unknown key").contains("known: F1, F2, F3");
        assertThat(mistake(CONNECTION + "flows:\n  F1:\n    properties:\n      Shipping_City: sometimes\n").getMessage())
                .contains("flows.F1.properties.Shipping_City (line 16): 'sometimes' is not allowed here")
                .contains("allowed: both, toZoho, toPoweroffice, createOnly");
        assertThat(mistake(CONNECTION + "flows:\n  F1:\n    filtr: x\n").getMessage())
                .contains("flows.F1.filtr (line 15): unknown key; did you mean 'filter'?");
    }

    @Test
    void addedPairsKeepTheirLines() {
        TolkConfig config = parse(CONNECTION + """
                flows:
                  F1:
                    createInPoweroffice: true
                    add:
                      - property: organization.orgNumber
                        poweroffice: OrganizationNumber
                        zoho: Org_Number
                        direction: toZoho
                """);
        FlowConfig f = config.connections().get(0).flows().get(0);
        assertThat(f.createInPoweroffice()).isTrue();
        assertThat(f.createLine()).isEqualTo(15);
        assertThat(f.added()).containsExactly(new FlowConfig.AddedPair("organization.orgNumber", "OrganizationNumber",
                "Org_Number", "toZoho", 17, 18, 19));
    }

    @Test
    void severalConnectionsEachGetTheirOwnCredentialsAndInheritSync() {
        String po = "    poweroffice: {applicationKey: a, clientKey: b, subscriptionKey: c}\n";
        String z = "    zoho: {clientId: d, clientSecret: e, refreshToken: f}\n";
        TolkConfig config = parse("sync:\n  interval: 1m\nconnections:\n  - name: fjellvind\n" + po + z
                + "  - name: nordlys\n" + po + z + "    sync:\n      tieWinner: zoho\n");
        assertThat(config.connections()).extracting(ConnectionConfig::name).containsExactly("fjellvind", "nordlys");
        assertThat(config.connections().get(1).sync().interval()).isEqualTo(Duration.ofMinutes(1));
        assertThat(config.connections().get(1).sync().tieWinner()).isEqualTo("zoho");
        assertThat(config.connections().get(0).sync().tieWinner()).isEqualTo("poweroffice");
        assertThat(config.select("nordlys").name()).isEqualTo("nordlys");
        assertThatThrownBy(() -> config.select(null)).hasMessageContaining("fjellvind, nordlys");
    }

    @Test
    void connectionsAndTopLevelSystemsTogetherAreRefused() {
        assertThat(mistake(CONNECTION + "connections:\n  - name: x\n").getMessage())
                .contains("either top-level poweroffice:/zoho: (one connection) or connections:");
    }

    @Test
    void duplicateConnectionNamesAreRefused() {
        String c = "  - name: same\n    poweroffice: {applicationKey: a, clientKey: b, subscriptionKey: c}\n"
                + "    zoho: {clientId: d, clientSecret: e, refreshToken: f}\n";
        assertThat(mistake("connections:\n" + c + c).getMessage())
                .contains("connections[1].name (line 5): a connection named 'same' already exists");
    }

    @Test
    void aServerOnAnotherAddressNeedsAToken() {
        assertThat(mistake(CONNECTION + "server:\n  bind: 0.0.0.0\n").getMessage())
                .contains("server.bind (line 14)").contains("set server.token");
        TolkConfig ok = parse(CONNECTION + "server:\n  bind: 0.0.0.0\n  token: ${PO_APP}\n  port: 9090\n");
        assertThat(ok.server().port()).isEqualTo(9090);
        assertThat(ok.server().token().reveal()).isEqualTo("app-secret-value");
    }

    @Test
    void anUnknownStoreIsRefused() {
        assertThat(mistake("store: mysql://x\n" + CONNECTION).getMessage())
                .contains("store (line 1): ").contains("mysql://x").contains("sqlite:PATH");
    }

    @Test
    void secretsNeverAppearInToStringsOrMessages() {
        TolkConfig config = parse(CONNECTION);
        assertThat(config.toString()).doesNotContain("secret-value").doesNotContain("zoho-refresh-value").contains("****");
        ConfigException e = mistake(CONNECTION + "sync:\n  tieWinner: ${Z_SECRET}\n");
        assertThat(e.getMessage()).doesNotContain("zoho-secret-value").contains("sync.tieWinner (line 14)");
    }

    @Test
    void lenientLoadingToleratesMissingCredentialsForCommandsThatDoNotConnect() {
        TolkConfig config = new ConfigLoader(k -> null).parse("flows:\n  F1:\n    filter: \"IsArchived == false\"\n",
                Path.of("tolk.yaml"), true);
        assertThat(config.connections().get(0).flows()).hasSize(1);
        TolkConfig withUnset = new ConfigLoader(k -> null).parse(CONNECTION, Path.of("tolk.yaml"), true);
        assertThat(withUnset.connections().get(0).poweroffice().clientKey().reveal()).isEmpty();
    }

    @Test
    void aMissingFileIsNamed() {
        assertThatThrownBy(() -> new ConfigLoader(k -> null).load(Path.of("/nonexistent/tolk.yaml")))
                .isInstanceOf(ConfigException.class).hasMessage("config file /nonexistent/tolk.yaml does not exist");
    }

    private static ZohoConfig zoho(TolkConfig config) {
        return config.connections().get(0).zoho();
    }

    @Test
    void zohoTriggersDefaultToNoneAndAreReadAsAList() {
        assertThat(zoho(parse(CONNECTION)).triggers()).isEmpty();
        assertThat(zoho(parse(CONNECTION + "  triggers: []\n")).triggers()).isEmpty();
        assertThat(zoho(parse(CONNECTION + "  triggers: [workflow, Blueprint]\n")).triggers())
                .containsExactly("workflow", "blueprint");
        assertThat(zoho(parse(CONNECTION + "  triggers:\n    - approval\n    - pathfinder\n    - orchestration\n"))
                .triggers()).containsExactly("approval", "pathfinder", "orchestration");
    }

    @Test
    void zohoTriggersMistakesNameTheKeyTheItemAndTheLine() {
        assertThat(mistake(CONNECTION + "  triggers:\n    - workflow\n    - workflwo\n").getMessage())
                .contains("zoho.triggers[1] (line 15): 'workflwo' is not allowed here; did you mean 'workflow'?")
                .contains("allowed: workflow, approval, blueprint, pathfinder, orchestration");
        assertThat(mistake(CONNECTION + "  triggers: workflow\n").getMessage())
                .contains("zoho.triggers (line 13): expected a list");
        assertThat(mistake(CONNECTION + "  triggers: [workflow, workflow]\n").getMessage())
                .contains("zoho.triggers[1] (line 13): 'workflow' is listed twice");
        assertThat(mistake(CONNECTION + "  triggers: [{workflow: true}]\n").getMessage())
                .contains("zoho.triggers[0] (line 13): expected one of workflow, approval");
    }

    @Test
    void zohoTriggersReachTheConnectorSettings() {
        TolkConfig config = parse(CONNECTION + "  triggers: [workflow, approval]\n");

        assertThat(io.tolk.app.wiring.Connectors.settings(zoho(config)).triggers()).containsExactly("workflow", "approval");
        assertThat(io.tolk.app.wiring.Connectors.settings(zoho(parse(CONNECTION))).triggers()).isEmpty();
    }
}
