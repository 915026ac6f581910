package io.tolk.app.config;

import io.tolk.engine.policy.DeletePolicy;
import io.tolk.engine.values.CountryFormat;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import io.tolk.store.StoreUrl;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Reads tolk.yaml into a checked {@link TolkConfig}. The file is composed into SnakeYAML nodes (so every value knows
 * its line), read section by section, and every mistake becomes a {@link ConfigException} whose message starts with
 * the file name, then the key path and the line.
 */
public final class ConfigLoader {

    /** The flows tolk has built in; {@code flows:} may refine only these. */
    public static final List<String> FLOW_IDS = List.of("F1", "F2", "F3");
    private static final String[] DIRECTIONS = {"both", "toZoho", "toPoweroffice", "createOnly"};

    private final Function<String, String> env;

    public ConfigLoader(Function<String, String> env) {
        this.env = env;
    }

    /** Reads and checks the file; every credential must resolve. */
    public TolkConfig load(Path file) {
        return load(file, false);
    }

    /**
     * Reads and checks the file. {@code lenient}: for commands that never connect ({@code tolk docs}), unset
     * environment variables and missing credentials are tolerated.
     */
    public TolkConfig load(Path file, boolean lenient) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new ConfigException("config file " + file + " does not exist");
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new ConfigException(file + ": is not UTF-8 text (a binary file, or text saved in another encoding"
                    + " such as UTF-16); save tolk.yaml as UTF-8");
        } catch (IOException e) {
            throw new ConfigException("cannot read config file " + file + ": " + e.getMessage());
        }
        return parse(text, file, lenient);
    }

    /** Checks YAML text; {@code file} names it in messages (and resolves nothing). */
    public TolkConfig parse(String yaml, Path file, boolean lenient) {
        String name = file == null ? "tolk.yaml" : file.toString();
        try {
            return read(yaml, file, new EnvSubstitution(env, lenient));
        } catch (ConfigException e) {
            throw e.inFile(name);
        }
    }

    private TolkConfig read(String yaml, Path file, EnvSubstitution subst) {
        Node root;
        try {
            root = new Yaml(new LoaderOptions()).compose(new StringReader(yaml));
        } catch (MarkedYAMLException e) {
            int line = e.getProblemMark() == null ? 0 : e.getProblemMark().getLine() + 1;
            if (e.getContextMark() != null && e.getContext() != null && e.getContextMark().getLine() + 1 < line) {
                // a quote or bracket opened here and never closed: point at where it began, not at the file's end
                throw new ConfigException("", e.getContextMark().getLine() + 1, "not valid YAML: " + e.getContext()
                        + " that starts here, " + e.getProblem() + " (line " + line + ")");
            }
            throw new ConfigException("", line, "not valid YAML: " + e.getProblem());
        } catch (YAMLException e) {
            throw new ConfigException("not valid YAML: " + e.getMessage());
        }
        if (root == null) {
            throw new ConfigException("the file is empty; it needs at least poweroffice: and zoho: sections");
        }
        YamlSection top = YamlSection.of(root, "", subst)
                .allowOnly("store", "poweroffice", "zoho", "sync", "flows", "server", "connections", "alerts", "housekeeping");

        String store = top.text("store").orElse(TolkConfig.DEFAULT_STORE);
        StoreUrl storeUrl = storeUrl(top, store, file);
        if (!subst.lenient()) {
            storeFolderExists(top, storeUrl);
        }
        SyncConfig sync = top.section("sync").map(s -> sync(s, SyncConfig.defaults())).orElse(SyncConfig.defaults());
        List<FlowConfig> flows = top.section("flows").map(this::flows).orElse(List.of());
        ServerConfig server = top.section("server").map(s -> server(s, subst.lenient())).orElse(ServerConfig.defaults());

        List<ConnectionConfig> connections = new ArrayList<>();
        Path folder = null;
        List<ConnectionFolder.Broken> broken = List.of();
        boolean topLevel = top.has("poweroffice") || top.has("zoho");
        if (top.has("connections")) {
            if (topLevel) {
                throw new ConfigException(top.has("poweroffice") ? "poweroffice" : "zoho",
                        top.lineOf(top.has("poweroffice") ? "poweroffice" : "zoho"),
                        "use either top-level poweroffice:/zoho: (one connection) or connections:, not both");
            }
            if (top.valueNode("connections") instanceof org.yaml.snakeyaml.nodes.ScalarNode) {
                folder = connectionFolder(top, file);
                ConnectionFolder.Loaded loaded = ConnectionFolder.read(folder, (text, name, f) ->
                        connectionFile(text, name, f, sync, flows, subst));
                connections.addAll(loaded.connections());
                broken = loaded.broken();
            } else {
                connections.addAll(connections(top, sync, flows, subst.lenient()));
            }
        } else if (topLevel || !subst.lenient()) {
            connections.add(new ConnectionConfig("default", top.line(),
                    poweroffice(top, subst.lenient()), zoho(top, subst.lenient()), sync, flows));
        } else {
            connections.add(new ConnectionConfig("default", top.line(), null, null, sync, flows));
        }
        AlertsConfig alerts = top.section("alerts").map(a -> new AlertsSection(a).read()).orElse(AlertsConfig.none());
        HousekeepingConfig housekeeping = top.section("housekeeping").map(HousekeepingSection::read)
                .orElse(HousekeepingConfig.defaults());
        return new TolkConfig(file, store, storeUrl, List.copyOf(connections), server, alerts, housekeeping, folder,
                broken);
    }

    /** {@code connections: ./connections}: the folder, resolved from the config file's folder; it must exist. */
    private static Path connectionFolder(YamlSection top, Path file) {
        String text = top.text("connections").orElseThrow(() -> new ConfigException("connections",
                top.lineOf("connections"), "is empty; list the connections, or name a folder with one file per connection"));
        Path base = file == null || file.toAbsolutePath().getParent() == null ? Path.of("") : file.toAbsolutePath().getParent();
        Path dir = base.resolve(text).normalize();
        if (!Files.isDirectory(dir)) {
            throw new ConfigException("connections", top.lineOfValue("connections"), "the folder " + dir
                    + " does not exist; create it and put one file per connection in it (e.g. acme.yaml)");
        }
        return dir;
    }

    /**
     * One connection's file in the connections folder: the keys of a {@code connections:} item without {@code name}
     * (the file's name is the connection's), the top-level {@code sync:} and {@code flows:} being its defaults.
     */
    private ConnectionConfig connectionFile(String yaml, String name, Path file, SyncConfig sync, List<FlowConfig> flows,
                                            EnvSubstitution subst) {
        Node root;
        try {
            root = new Yaml(new LoaderOptions()).compose(new StringReader(yaml));
        } catch (MarkedYAMLException e) {
            int line = e.getProblemMark() == null ? 0 : e.getProblemMark().getLine() + 1;
            throw new ConfigException("", line, "not valid YAML: " + e.getProblem());
        } catch (YAMLException e) {
            throw new ConfigException("not valid YAML: " + e.getMessage());
        }
        if (root == null) {
            throw new ConfigException("the file is empty; it needs poweroffice: and zoho: sections");
        }
        YamlSection c = YamlSection.of(root, "", subst).allowOnly("name", "poweroffice", "zoho", "sync", "flows");
        String declared = c.text("name").orElse(name);
        if (!declared.equals(name)) {
            throw new ConfigException("name", c.lineOfValue("name"), "'" + declared + "' differs from the file's name; the"
                    + " connection is named after its file (" + name + "), so leave name: out or make them equal");
        }
        SyncConfig own = c.section("sync").map(s -> sync(s, sync)).orElse(sync);
        List<FlowConfig> ownFlows = c.section("flows").map(this::flows).orElse(flows);
        return new ConnectionConfig(name, c.line(), poweroffice(c, subst.lenient()), zoho(c, subst.lenient()), own,
                ownFlows);
    }

    private StoreUrl storeUrl(YamlSection top, String store, Path file) {
        Path baseDir = file == null || file.toAbsolutePath().getParent() == null ? Path.of("")
                : file.toAbsolutePath().getParent();
        Map<String, String> dbEnv = new HashMap<>();
        for (String name : List.of(StoreUrl.USER_ENV, StoreUrl.PASSWORD_ENV)) {
            String value = env.apply(name);
            if (value != null) {
                dbEnv.put(name, value);
            }
        }
        try {
            return StoreUrl.parse(store, baseDir, dbEnv);
        } catch (IllegalArgumentException e) {
            String problem = e.getMessage().startsWith("store: ") ? e.getMessage().substring(7) : e.getMessage();
            throw new ConfigException("store", top.lineOfValue("store"), problem);
        }
    }

    /** An SQLite store in a folder that does not exist is a mistake in the setting (exit 2), found with its line. */
    private static void storeFolderExists(YamlSection top, StoreUrl url) {
        Path folder = url.file() == null ? null : url.file().toAbsolutePath().getParent();
        if (folder != null && !Files.isDirectory(folder)) {
            throw new ConfigException("store", top.lineOfValue("store"), "the folder " + folder
                    + " does not exist; create it, or point store: at an existing folder");
        }
    }

    private List<ConnectionConfig> connections(YamlSection top, SyncConfig sync, List<FlowConfig> flows, boolean lenient) {
        List<Node> items = top.list("connections");
        if (items.isEmpty()) {
            throw new ConfigException("connections", top.lineOf("connections"), "is empty; list at least one connection");
        }
        List<ConnectionConfig> result = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < items.size(); i++) {
            YamlSection c = YamlSection.of(items.get(i), "connections[" + i + "]", top.env())
                    .allowOnly("name", "poweroffice", "zoho", "sync", "flows");
            String name = c.requiredText("name", "fjellvind");
            if (!name.matches("[A-Za-z0-9][A-Za-z0-9_-]*")) {
                throw new ConfigException(c.keyPath("name"), c.lineOfValue("name"), "'" + name
                        + "' is not a usable name; use letters, digits, - and _");
            }
            if (!names.add(name)) {
                throw new ConfigException(c.keyPath("name"), c.lineOfValue("name"), "a connection named '" + name
                        + "' already exists above");
            }
            SyncConfig own = c.section("sync").map(s -> sync(s, sync)).orElse(sync);
            List<FlowConfig> ownFlows = c.section("flows").map(this::flows).orElse(flows);
            result.add(new ConnectionConfig(name, c.line(), poweroffice(c, lenient), zoho(c, lenient), own,
                    ownFlows));
        }
        return result;
    }

    private static PowerOfficeConfig poweroffice(YamlSection parent, boolean lenient) {
        if (!parent.has("poweroffice")) {
            if (lenient) {
                return null;
            }
            throw parent.missing("poweroffice", null);
        }
        YamlSection s = parent.section("poweroffice").orElseThrow()
                .allowOnly("apiUrl", "tokenUrl", "applicationKey", "clientKey", "subscriptionKey", "requestsPerSecond",
                        "requestTimeout");
        return new PowerOfficeConfig(
                s.url("apiUrl", "https://goapi.poweroffice.net/v2").orElse(PowerOfficeConfig.DEFAULT_API_URL),
                s.url("tokenUrl", "https://goapi.poweroffice.net/OAuth/Token").orElse(PowerOfficeConfig.DEFAULT_TOKEN_URL),
                s.requiredSecret("applicationKey", "POWEROFFICE_APPLICATION_KEY"),
                s.requiredSecret("clientKey", "POWEROFFICE_CLIENT_KEY"),
                s.requiredSecret("subscriptionKey", "POWEROFFICE_SUBSCRIPTION_KEY"),
                requestsPerSecond(s),
                s.duration("requestTimeout", PowerOfficeConfig.DEFAULT_REQUEST_TIMEOUT),
                s.line());
    }

    /** {@code requestsPerSecond: 10} (the default, PowerOffice's limit), a smaller number, or {@code off}. */
    private static double requestsPerSecond(YamlSection s) {
        if (!s.has("requestsPerSecond")) {
            return PowerOfficeConfig.DEFAULT_REQUESTS_PER_SECOND;
        }
        String text = s.text("requestsPerSecond").orElse("").trim();
        if (text.equalsIgnoreCase("off")) {
            return 0;
        }
        try {
            double v = Double.parseDouble(text);
            if (v > 0 && v <= 1000) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new ConfigException(s.keyPath("requestsPerSecond"), s.lineOfValue("requestsPerSecond"), "'" + text
                + "' is not a rate; write a number of requests per second (PowerOffice allows 10), or off");
    }

    private static ZohoConfig zoho(YamlSection parent, boolean lenient) {
        if (!parent.has("zoho")) {
            if (lenient) {
                return null;
            }
            throw parent.missing("zoho", null);
        }
        YamlSection s = parent.section("zoho").orElseThrow()
                .allowOnly("apiDomain", "accountsUrl", "clientId", "clientSecret", "refreshToken", "externalIdField", "edition",
                        "triggers", "requestTimeout");
        String externalId = s.text("externalIdField").orElse(null);
        if (externalId != null && !externalId.matches("[A-Za-z][A-Za-z0-9_]*")) {
            throw new ConfigException(s.keyPath("externalIdField"), s.lineOfValue("externalIdField"), "'" + externalId
                    + "' is not a Zoho field API name (letters, digits and _, e.g. PowerOffice_Id)");
        }
        return new ZohoConfig(
                s.url("apiDomain", "https://www.zohoapis.eu").orElse(ZohoConfig.DEFAULT_API_DOMAIN),
                s.url("accountsUrl", "https://accounts.zoho.eu").orElse(ZohoConfig.DEFAULT_ACCOUNTS_URL),
                s.requiredSecret("clientId", "ZOHO_CLIENT_ID"),
                s.requiredSecret("clientSecret", "ZOHO_CLIENT_SECRET"),
                s.requiredSecret("refreshToken", "ZOHO_REFRESH_TOKEN"),
                externalId,
                s.word("edition", ZohoConfig.EDITIONS).orElse("standard"),
                s.words("triggers", ZohoConfig.TRIGGERS),
                s.duration("requestTimeout", ZohoConfig.DEFAULT_REQUEST_TIMEOUT),
                s.line());
    }

    private static SyncConfig sync(YamlSection s, SyncConfig base) {
        s.allowOnly("interval", "createInPoweroffice", "deletes", "maxDeletesPerCycle", "tieWinner", "countryFormat");
        return new SyncConfig(
                s.duration("interval", base.interval()),
                s.bool("createInPoweroffice", base.createInPoweroffice()),
                s.has("createInPoweroffice") ? s.lineOfValue("createInPoweroffice") : base.createInPowerofficeLine(),
                s.word("deletes", "keep", "propagate").map(DeletePolicy::parse).orElse(base.deletes()),
                s.integer("maxDeletesPerCycle", base.maxDeletesPerCycle(), 0, 1_000_000),
                s.word("tieWinner", "poweroffice", "zoho").orElse(base.tieWinner()),
                s.word("countryFormat", "code", "englishName").map(CountryFormat::parse).orElse(base.countryFormat()));
    }

    private List<FlowConfig> flows(YamlSection flows) {
        flows.allowOnly(FLOW_IDS.toArray(String[]::new));
        List<FlowConfig> result = new ArrayList<>();
        for (String id : flows.keys()) {
            if (!flows.has(id)) {
                continue;
            }
            YamlSection f = flows.section(id).orElseThrow()
                    .allowOnly("filter", "createInPoweroffice", "properties", "add");
            List<FlowConfig.PropertyDirection> properties = new ArrayList<>();
            f.section("properties").ifPresent(p -> {
                for (String field : p.keys()) {
                    String word = p.word(field, DIRECTIONS).orElseThrow(() -> p.missing(field, "createOnly"));
                    properties.add(new FlowConfig.PropertyDirection(field, word, p.lineOf(field)));
                }
            });
            List<FlowConfig.AddedPair> added = new ArrayList<>();
            List<Node> items = f.list("add");
            for (int i = 0; i < items.size(); i++) {
                YamlSection a = YamlSection.of(items.get(i), f.keyPath("add") + "[" + i + "]", f.env())
                        .allowOnly("property", "poweroffice", "zoho", "direction");
                added.add(new FlowConfig.AddedPair(
                        a.requiredText("property", "organization.orgNumber"),
                        a.requiredText("poweroffice", "OrganizationNumber"),
                        a.requiredText("zoho", "Org_Number"),
                        a.word("direction", DIRECTIONS).orElse("both"),
                        a.line(), a.lineOfValue("poweroffice"), a.lineOfValue("zoho")));
            }
            result.add(new FlowConfig(id, flows.lineOf(id),
                    f.text("filter").orElse(null), f.lineOfValue("filter"),
                    f.optionalBool("createInPoweroffice").orElse(null), f.lineOfValue("createInPoweroffice"),
                    List.copyOf(properties), List.copyOf(added)));
        }
        return List.copyOf(result);
    }

    private static ServerConfig server(YamlSection s, boolean lenient) {
        s.allowOnly("port", "bind", "token", "publicUrl", "connectionsPoll");
        ServerConfig d = ServerConfig.defaults();
        String bind = s.text("bind").orElse(d.bind());
        Secret token = s.secret("token").orElse(null);
        if (!ServerConfig.isLoopback(bind) && token == null && !lenient) {
            throw new ConfigException(s.keyPath("bind"), s.lineOfValue("bind"), "listening on " + bind
                    + " exposes the admin API beyond this machine; set server.token too (e.g. token: ${TOLK_ADMIN_TOKEN})");
        }
        java.net.URI publicUrl = s.url("publicUrl", "https://tolk.example.com").orElse(null);
        if (publicUrl != null && !"https".equalsIgnoreCase(publicUrl.getScheme())
                && !ServerConfig.isLoopback(String.valueOf(publicUrl.getHost()))) {
            throw new ConfigException(s.keyPath("publicUrl"), s.lineOfValue("publicUrl"), "must be an https:// address"
                    + " (Zoho calls it back with the channel token; plain http is only for a loopback test setup)");
        }
        return new ServerConfig(s.integer("port", d.port(), 0, 65535), bind, token, publicUrl,
                s.duration("connectionsPoll", ServerConfig.DEFAULT_CONNECTIONS_POLL));
    }
}
