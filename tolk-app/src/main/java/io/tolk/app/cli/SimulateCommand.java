package io.tolk.app.cli;

import io.tolk.app.UsageException;
import io.tolk.app.sim.RunningSimulator;
import io.tolk.app.sim.SimulatorKind;
import io.tolk.sim.common.Faults;
import io.tolk.sim.common.SimOptions;
import io.tolk.sim.zoho.ZohoEdition;
import io.tolk.sim.zoho.ZohoSettings;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code tolk simulate poweroffice|zoho}: one API simulator in the foreground until Ctrl-C. */
@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = {"Runs one API simulator in the foreground until Ctrl-C.",
                "It serves the vendor's API at the real paths, plus a test-only admin API under /__sim/."},
        footer = {"", "Fault items (all optional, comma-separated): latency=50ms, error=0.2, throttle=0.1, drop=0.05,",
                "stall=0.02, lag=1s, seed=42.",
                "Example: tolk simulate zoho --port 9002 --records 200 --faults throttle=0.1,seed=7",
                "Zoho's API limits are set at run time with GET|POST /__sim/limits, e.g. {\"edition\":\"free\",\"credits\":100}.",
                "With --tenants N one process serves N clients (PowerOffice: client keys demo-client, demo-client-2 …) or",
                "orgs (Zoho: refresh tokens demo-refresh, demo-refresh-2 …), each with its own --records; GET /__sim/tenants",
                "lists them, POST /__sim/tenants adds one, and ?tenant=NAME selects one on the admin API."})
public final class SimulateCommand implements Callable<Integer> {

    @ParentCommand
    TolkCommand root;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SYSTEM", description = "poweroffice or zoho")
    String system;

    @Option(names = "--port", paramLabel = "N", defaultValue = "0",
            description = "Port to listen on (default: 0 = any free port; the URL is printed).")
    int port;

    @Option(names = "--records", paramLabel = "N", defaultValue = "100",
            description = "About this many sample records over the simulated types, the same every time; "
                    + "0 starts empty (default: ${DEFAULT-VALUE}).")
    int records;

    @Option(names = "--tenants", paramLabel = "N", defaultValue = "1",
            description = "Serve N tenants in this one process: PowerOffice clients under one subscription key, or Zoho "
                    + "orgs, named after the credentials with -2 … -N; each gets its own --records (default: ${DEFAULT-VALUE}).")
    int tenants;

    @Option(names = "--state", paramLabel = "FILE",
            description = "Keep the simulator's data in this file between starts.")
    Path state;

    @Option(names = "--faults", paramLabel = "SPEC", description = "Faults to inject, e.g. latency=50ms,throttle=0.1,seed=42.")
    String faults;

    @Option(names = "--no-limits", description = "Switch off the vendor's rate and credit limits (for benchmarks).")
    boolean noLimits;

    @Option(names = "--application-key", paramLabel = "KEY", description = "PowerOffice: the application key it accepts (default: demo-app).")
    String applicationKey;

    @Option(names = "--client-key", paramLabel = "KEY", description = "PowerOffice: the client key it accepts (default: demo-client).")
    String clientKey;

    @Option(names = "--subscription-key", paramLabel = "KEY", description = "PowerOffice: the subscription key it accepts (default: demo-sub).")
    String subscriptionKey;

    @Option(names = "--client-id", paramLabel = "ID", description = "Zoho: the client id it accepts (default: demo-client).")
    String clientId;

    @Option(names = "--client-secret", paramLabel = "SECRET", description = "Zoho: the client secret it accepts (default: demo-secret).")
    String clientSecret;

    @Option(names = "--refresh-token", paramLabel = "TOKEN", description = "Zoho: the refresh token it accepts (default: demo-refresh).")
    String refreshToken;

    @Option(names = "--edition", paramLabel = "NAME",
            description = "Zoho: the edition whose API limits apply: free (5 000 credits/24 h, 5 concurrent calls), "
                    + "standard (50 000, 10; the default), professional (50 000, 15), enterprise (50 000, 20), "
                    + "ultimate (50 000, 25).")
    String edition;

    @Option(names = "--credits", paramLabel = "N", description = "Zoho: API credits per rolling 24 hours (overrides the edition's).")
    Long credits;

    @Option(names = "--concurrency", paramLabel = "N",
            description = "Zoho: simultaneous API calls before 429 (overrides the edition's).")
    Integer concurrency;

    @Option(names = "--bind", paramLabel = "ADDR", defaultValue = "127.0.0.1",
            description = "Address to listen on (default: ${DEFAULT-VALUE}, loopback only).")
    String bind;

    @Override
    public Integer call() {
        SimulatorKind kind;
        try {
            kind = SimulatorKind.parse(system);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        SimOptions options = options();
        SimulatorKind.Credentials credentials = credentials(kind);
        ZohoSettings zoho = zohoSettings(kind);
        PrintWriter out = spec.commandLine().getOut();
        boolean resumed = options.stateFile() != null && java.nio.file.Files.exists(options.stateFile());
        try (RunningSimulator sim = start(kind, options, credentials, zoho)) {
            print(out, sim, options, resumed, credentials, zoho);
            root.context().stopsCleanly();
            root.context().awaitStop();
            out.println(kind.title() + " simulator stopped.");
        }
        return 0;
    }

    /** Starts the simulator; a port that is taken is a usage error naming it, not an internal one. */
    private RunningSimulator start(SimulatorKind kind, SimOptions options, SimulatorKind.Credentials credentials,
                                   ZohoSettings zoho) {
        try {
            return kind.start(options, credentials, zoho);
        } catch (java.io.UncheckedIOException e) {
            if (e.getCause() instanceof java.net.BindException) {
                throw new UsageException("cannot listen on " + options.bindAddress() + ":" + options.port() + ": the"
                        + " port is in use or the address is not this machine's; choose another with --port or --bind");
            }
            throw e;
        }
    }

    private SimOptions options() {
        Faults parsed;
        try {
            parsed = Faults.parse(faults);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        if (port < 0 || port > 65535) {
            throw new UsageException("--port must be between 0 and 65535, was " + port);
        }
        if (records < 0) {
            throw new UsageException("--records must not be negative, was " + records);
        }
        if (tenants < 1 || tenants > SimOptions.MAX_TENANTS) {
            throw new UsageException("--tenants must be between 1 and " + SimOptions.MAX_TENANTS + ", was " + tenants);
        }
        SimOptions options = SimOptions.defaults()
                .withBindAddress(bind)
                .withPort(port)
                .withRecords(records)
                .withFaults(parsed)
                .withNoLimits(noLimits)
                .withTenants(tenants);
        return state == null ? options : options.withStateFile(state.toAbsolutePath());
    }

    private ZohoSettings zohoSettings(SimulatorKind kind) {
        if (kind == SimulatorKind.POWEROFFICE) {
            refuseOption(kind, "--edition", edition);
            refuseOption(kind, "--credits", credits);
            refuseOption(kind, "--concurrency", concurrency);
            return ZohoSettings.defaults();
        }
        ZohoSettings settings = ZohoSettings.defaults();
        if (edition != null) {
            try {
                settings = settings.withEdition(ZohoEdition.parse(edition));
            } catch (IllegalArgumentException e) {
                throw new UsageException("--edition: " + e.getMessage());
            }
        }
        if (credits != null) {
            if (credits < 1) {
                throw new UsageException("--credits must be at least 1, was " + credits);
            }
            settings = settings.withCreditsPerDay(credits);
        }
        if (concurrency != null) {
            if (concurrency < 1) {
                throw new UsageException("--concurrency must be at least 1, was " + concurrency);
            }
            settings = settings.withConcurrencyLimit(concurrency);
        }
        return settings;
    }

    private static void refuseOption(SimulatorKind kind, String option, Object value) {
        if (value != null) {
            throw new UsageException(option + " is a Zoho CRM option; the " + kind.title() + " simulator has no editions");
        }
    }

    private SimulatorKind.Credentials credentials(SimulatorKind kind) {
        SimulatorKind.Credentials demo = kind.demoCredentials();
        if (kind == SimulatorKind.POWEROFFICE) {
            refuse(kind, "--client-id", clientId);
            refuse(kind, "--client-secret", clientSecret);
            refuse(kind, "--refresh-token", refreshToken);
            return new SimulatorKind.Credentials(or(applicationKey, demo.first()), or(clientKey, demo.second()),
                    or(subscriptionKey, demo.third()));
        }
        refuse(kind, "--application-key", applicationKey);
        refuse(kind, "--client-key", clientKey);
        refuse(kind, "--subscription-key", subscriptionKey);
        return new SimulatorKind.Credentials(or(clientId, demo.first()), or(clientSecret, demo.second()),
                or(refreshToken, demo.third()));
    }

    private static void refuse(SimulatorKind kind, String option, String value) {
        if (value != null) {
            throw new UsageException(option + " is not a " + kind.title() + " credential");
        }
    }

    private static String editionOf(ZohoSettings zoho) {
        for (ZohoEdition e : ZohoEdition.values()) {
            if (e.creditsPerDay() == zoho.creditsPerDay() && e.concurrency() == zoho.concurrencyLimit()) {
                return e.word() + " edition";
            }
        }
        return "custom limits";
    }

    private static String or(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value;
    }

    private static void print(PrintWriter out, RunningSimulator sim, SimOptions options, boolean resumed,
                              SimulatorKind.Credentials credentials, ZohoSettings zoho) {
        SimulatorKind kind = sim.kind();
        out.println(kind.title() + " simulator listening on " + sim.baseUrl());
        out.println("  records: " + (resumed ? "from the state file " + options.stateFile()
                        : options.records() + (options.stateFile() == null ? "" : " (saved to " + options.stateFile() + ")"))
                + ", faults: " + (options.faults().isNone() ? "none" : options.faults().toSpec())
                + ", vendor limits: " + (options.noLimits() ? "off" : "on"));
        if (options.tenants() > 1) {
            String first = kind == SimulatorKind.POWEROFFICE ? credentials.second() : credentials.third();
            out.println("  tenants: " + options.tenants() + " (" + (kind == SimulatorKind.POWEROFFICE
                    ? "client keys " : "orgs with refresh tokens ") + first + ", " + first + "-2 … " + first + "-"
                    + options.tenants() + (kind == SimulatorKind.POWEROFFICE ? " under subscription key "
                    + credentials.third() + ", sharing its rate limit" : ", each with its own limits")
                    + "); " + options.records() + " records each; GET /__sim/tenants lists them");
        }
        if (kind == SimulatorKind.ZOHO) {
            out.println("  API limits: " + editionOf(zoho) + ", " + zoho.creditsPerDay() + " credits per 24 h, "
                    + zoho.concurrencyLimit() + " concurrent calls (10 for writes of more than 10 records)"
                    + (options.noLimits() ? ", not enforced" : ""));
        }
        out.println();
        out.println("Point tolk at it with these lines in tolk.yaml"
                + (credentials.equals(kind.demoCredentials()) ? " (demo credentials):" : ":"));
        for (String line : kind.configLines(sim.baseUrl(), credentials)) {
            out.println("  " + line);
        }
        out.println();
        out.println("Test-only admin API: " + sim.baseUrl() + "/__sim/counters (also /__sim/writes, /__sim/clock, /__sim/faults"
                + (kind == SimulatorKind.ZOHO ? ", /__sim/limits)" : ")"));
        out.println("Stop with Ctrl-C.");
        out.flush();
    }
}
