package io.tolk.app.cli;

import io.tolk.api.Connector;
import io.tolk.api.ConnectorException;
import io.tolk.app.ExitCodes;
import io.tolk.app.config.ConfigException;
import io.tolk.app.config.ConnectionConfig;
import io.tolk.app.config.TolkConfig;
import io.tolk.app.wiring.Connectors;
import io.tolk.app.wiring.Mappings;
import io.tolk.engine.mapping.Mapping;
import io.tolk.engine.mapping.MappingException;
import io.tolk.store.JdbcStore;
import io.tolk.zoho.ZohoConnector;
import io.tolk.zoho.ZohoSettings;
import java.io.PrintWriter;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code tolk doctor}: checks, one line each, the config, the store, the mappings, and per connection that both
 * systems' hosts answer, that they accept the credentials, and the Zoho external-id field. What cannot be checked
 * because a check it depends on failed is said to be "not checked" (credentials of a host that cannot be reached),
 * never passed or failed. Exit code: 2 for a config or mapping mistake, 3 when a system is unreachable or refuses the
 * credentials, else 0.
 */
@Command(name = "doctor", mixinStandardHelpOptions = true,
        description = {"Checks config, store, credentials, reachability and mappings.",
                "Says plainly what is wrong, one line per check (including the Zoho external-id field, if configured)."})
public final class DoctorCommand implements Callable<Integer> {

    @ParentCommand
    TolkCommand root;

    @Spec
    CommandSpec spec;

    @Mixin
    ConfigOptions config;

    private PrintWriter out;
    private final HostCheck hosts = new HostCheck(Duration.ofSeconds(5));
    private int exit = ExitCodes.OK;

    @Override
    public Integer call() {
        out = spec.commandLine().getOut();
        TolkConfig tolk;
        try {
            tolk = config.load(root.context());
        } catch (ConfigException e) {
            fail(ExitCodes.USAGE, "config: " + e.getMessage());
            notChecked("store, mappings, hosts and credentials", "the config must be valid first");
            return finish();
        }
        ok("config " + (tolk.file() == null ? "" : tolk.file() + " ") + "is valid: " + tolk.connections().size()
                + " connection(s): " + String.join(", ", tolk.connections().stream().map(ConnectionConfig::name).toList()));
        checkStore(tolk);
        checkPublicUrl(tolk);
        List<ConnectionConfig> selected = config.connectionName() == null ? tolk.connections()
                : List.of(config.connection(tolk));
        for (ConnectionConfig connection : selected) {
            checkConnection(connection);
        }
        return finish();
    }

    private int finish() {
        out.println(exit == ExitCodes.OK ? "All checks passed." : "Some checks failed (exit code " + exit + ").");
        return exit;
    }

    private void checkStore(TolkConfig tolk) {
        java.nio.file.Path file = tolk.storeUrl().file();
        if (file != null && !java.nio.file.Files.exists(file)) {
            java.nio.file.Path parent = file.toAbsolutePath().getParent();
            if (parent != null && java.nio.file.Files.isDirectory(parent) && java.nio.file.Files.isWritable(parent)) {
                ok("store " + tolk.storeUrl().display() + " does not exist yet; the first sync creates it");
            } else {
                fail(ExitCodes.USAGE, "store " + tolk.storeUrl().display() + " cannot be created: " + parent
                        + " is not a writable directory");
            }
            return;
        }
        try {
            java.util.Optional<JdbcStore> existing = JdbcStore.openExisting(tolk.storeUrl(), Clock.systemUTC());
            if (existing.isEmpty()) {
                ok("store " + tolk.storeUrl().display() + " answers and has no tolk tables yet; the first sync creates them");
                return;
            }
            try (JdbcStore store = existing.get()) {
                store.notices().forEach(n -> ok(n));
                ok("store " + tolk.storeUrl().display() + " opens (" + store.connections().size()
                        + " connection(s) with state)");
            }
        } catch (RuntimeException e) {
            // the store's one rule: a wrong setting 2, a server out of reach or refusing the login 3, else 4
            fail(ErrorHandler.exitCode(e), "store " + tolk.storeUrl().display() + " cannot be opened: " + e.getMessage());
        }
    }

    /**
     * {@code server.publicUrl}, where Zoho calls back: it must be https (the config already refuses anything else
     * beyond loopback) and answer. From here tolk can only see that the address answers, not that Zoho reaches it;
     * when nothing answers (tolk run not started, the proxy down) Zoho's callbacks would be lost, and polling alone
     * finds the changes.
     */
    private void checkPublicUrl(TolkConfig tolk) {
        java.net.URI url = tolk.server().publicUrl();
        if (url == null) {
            ok("server.publicUrl: not set; Zoho notifications are off and changes are found by polling (sync.interval)");
            return;
        }
        if (reachable("server.publicUrl", url)) {
            ok("server.publicUrl " + url + " answers; Zoho will call " + url.toString().replaceAll("/+$", "")
                    + "/webhooks/zoho (tolk run must be listening behind it)");
        }
    }

    private void checkConnection(ConnectionConfig c) {
        String prefix = "[" + c.name() + "] ";
        Mapping mapping = null;
        try {
            mapping = Mappings.mapping(c);
            ok(prefix + "mappings: flows " + String.join(", ", mapping.flowIds()) + " (fingerprint "
                    + mapping.fingerprint().substring(0, 12) + ")");
        } catch (MappingException e) {
            fail(ExitCodes.USAGE, prefix + "mappings: " + e.getMessage());
        }
        Clock clock = root.context().clock();
        String po = prefix + "PowerOffice Go";
        boolean poReachable = reachable(po, c.poweroffice().apiUrl(), c.poweroffice().tokenUrl());
        if (poReachable) {
            access(po + " at " + c.poweroffice().apiUrl(), () -> Connectors.poweroffice(c.poweroffice(), clock));
        } else {
            notChecked(po + " credentials", "its host cannot be reached");
        }
        ZohoSettings zoho = Connectors.settings(c.zoho());
        String zohoName = prefix + "Zoho CRM";
        boolean zohoReachable = reachable(zohoName, c.zoho().apiDomain(), c.zoho().accountsUrl());
        boolean zohoOk = zohoReachable && access(zohoName + " at " + c.zoho().apiDomain(),
                () -> new ZohoConnector(zoho.withExternalIdField(null), clock, io.tolk.api.http.Sleeper.SYSTEM));
        if (!zohoReachable) {
            notChecked(zohoName + " credentials", "its host cannot be reached");
        }
        if (zohoOk && mapping != null && !c.flows().isEmpty()) {
            try (ZohoConnector connector = new ZohoConnector(zoho.withExternalIdField(null), clock, io.tolk.api.http.Sleeper.SYSTEM)) {
                int checked = io.tolk.app.wiring.ConfiguredFields.checkZohoFields(c, mapping, connector);
                if (checked > 0) {
                    ok(prefix + "Zoho fields named in flows (" + checked + "): all in Zoho's field metadata");
                }
            } catch (MappingException e) {
                fail(ExitCodes.USAGE, prefix + "mappings: " + e.getMessage());
            } catch (ConnectorException e) {
                fail(ExitCodes.UNAVAILABLE, prefix + "Zoho fields named in flows: " + e.getMessage());
            }
        }
        String field = c.zoho().externalIdField();
        if (field == null) {
            ok(prefix + "Zoho external-id field: none configured; a create with an unknown outcome is resolved by "
                    + "its match keys (set zoho.externalIdField to a unique text field to make this exact)");
        } else if (zohoOk) {
            try (ZohoConnector connector = new ZohoConnector(zoho, clock, io.tolk.api.http.Sleeper.SYSTEM)) {
                connector.verifyExternalIdField();
                ok(prefix + "Zoho external-id field " + field + " exists and is unique in Accounts and Contacts");
            } catch (ConnectorException e) {
                fail(ExitCodes.USAGE, prefix + "Zoho external-id field " + field + ": " + e.getMessage());
            }
        } else {
            notChecked(prefix + "Zoho external-id field " + field, zohoReachable ? "the Zoho access check failed"
                    : "Zoho cannot be reached");
        }
    }

    /** Whether every distinct host of {@code urls} answers; a FAIL line for each that does not. */
    private boolean reachable(String what, URI... urls) {
        Set<String> seen = new LinkedHashSet<>();
        boolean all = true;
        for (URI url : urls) {
            String origin = url.getScheme() + "://" + url.getAuthority();
            if (!seen.add(origin)) {
                continue;
            }
            Optional<String> problem = hosts.problem(url.toString());
            if (problem.isPresent()) {
                fail(ExitCodes.UNAVAILABLE, what + " at " + url + " cannot be reached: " + problem.get());
                all = false;
            }
        }
        return all;
    }

    private boolean access(String what, java.util.function.Supplier<Connector> factory) {
        try (Connector connector = factory.get()) {
            connector.checkAccess();
            ok(what + " answers and accepts the credentials");
            return true;
        } catch (ConnectorException e) {
            fail(ExitCodes.UNAVAILABLE, what + ": " + e.getMessage());
            return false;
        }
    }

    /** A check that was not made because one it depends on failed: neither passed nor failed. */
    private void notChecked(String what, String because) {
        out.println("--    " + what + ": not checked (" + because + ")");
        out.flush();
    }

    private void ok(String line) {
        out.println("ok    " + line);
        out.flush();
    }

    private void fail(int code, String line) {
        out.println("FAIL  " + line);
        out.flush();
        // the most serious problem decides the exit code: config (2) over unreachable (3) over the rest
        if (exit == ExitCodes.OK || code == ExitCodes.USAGE || (code == ExitCodes.UNAVAILABLE && exit != ExitCodes.USAGE)) {
            exit = code;
        }
    }
}
