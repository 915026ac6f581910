package io.tolk.app.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.tolk.api.Connector;
import io.tolk.api.ConnectorException;
import io.tolk.api.RecordRef;
import io.tolk.api.http.Sleeper;
import io.tolk.app.config.ConfigLoader;
import io.tolk.app.config.ConnectionConfig;
import io.tolk.app.config.TolkConfig;
import io.tolk.app.wiring.Connectors;
import io.tolk.app.wiring.EngineSession;
import io.tolk.app.wiring.Mappings;
import io.tolk.engine.SyncEngine;
import io.tolk.engine.store.ConnectionStore;
import io.tolk.engine.store.Store;
import io.tolk.engine.testing.TestClock;
import io.tolk.poweroffice.PowerOfficeConnector;
import io.tolk.sim.common.Faults;
import io.tolk.sim.common.SimOptions;
import io.tolk.sim.poweroffice.PowerOfficeSimulator;
import io.tolk.sim.zoho.ZohoSimulator;
import io.tolk.zoho.ZohoConnector;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The world the sync model acts on: both simulators in process (real HTTP, empty, limits off), tolk's engine with the
 * real connectors and a real SQLite store in a directory of its own, and one clock for all three, moved by hand (every
 * action is a second later than the one before, so Zoho's whole-second times tell edits from tolk's writes).
 *
 * <p>People act through the simulators' APIs ({@link PowerOfficeUser}, {@link ZohoUser}); tolk runs cycles, may be
 * crashed in the middle of one ({@link CrashingConnector}), and is then started again on the same store file, as after
 * a restart. What people did is remembered in a {@link ModelLedger}, which says at the end what must hold.
 * Not thread-safe: one try at a time.
 */
final class SyncWorld implements AutoCloseable {

    static final String PO = "poweroffice";
    static final String ZOHO = "zoho";

    private final PowerOfficeSimulator poSim;
    private final ZohoSimulator zohoSim;
    final PowerOfficeUser po;
    final ZohoUser zoho;

    private Path dir;
    private TestClock clock;
    private Instant now;
    private Process process;
    private ModelLedger ledger;
    private int nextValue;
    private String poFaults = "";
    private String zohoFaults = "";
    private final List<String> trace = new ArrayList<>();

    private SyncWorld(PowerOfficeSimulator poSim, ZohoSimulator zohoSim) {
        this.poSim = poSim;
        this.zohoSim = zohoSim;
        this.po = new PowerOfficeUser(poSim.baseUrl());
        this.zoho = new ZohoUser(zohoSim.baseUrl());
    }

    /** Starts both simulators (empty, no limits, no faults). */
    static SyncWorld start() {
        SimOptions options = SimOptions.defaults().withPort(0).withRecords(0).withNoLimits(true).withFaults(Faults.NONE);
        PowerOfficeSimulator p = PowerOfficeSimulator.start(options);
        ZohoSimulator z = ZohoSimulator.start(options);
        return new SyncWorld(p, z);
    }

    /** An empty world for one try: simulators emptied, a new store directory, tolk started on it. */
    void begin() {
        endTry();
        try {
            dir = Files.createTempDirectory("tolk-model");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        po.admin().reset();
        zoho.admin().reset();
        po.forgetToken();
        setFaults("", "");
        Instant a = po.admin().now();
        Instant b = zoho.admin().now();
        now = (a.isAfter(b) ? a : b).plusSeconds(60).truncatedTo(ChronoUnit.SECONDS);
        clock = new TestClock(now);
        po.admin().setClock(now);
        zoho.admin().setClock(now);
        ledger = new ModelLedger();
        nextValue = 1;
        trace.clear();
        writeConfig();
        process = Process.start(dir.resolve("tolk.yaml"), clock);
    }

    private void writeConfig() {
        String yaml = "store: sqlite:" + dir.resolve("tolk.db") + "\n"
                + "poweroffice:\n"
                + "  apiUrl: " + poSim.apiUrl() + "\n"
                + "  tokenUrl: " + poSim.tokenUrl() + "\n"
                + "  applicationKey: demo-app\n"
                + "  clientKey: demo-client\n"
                + "  subscriptionKey: demo-sub\n"
                + "  requestsPerSecond: off\n"
                + "zoho:\n"
                + "  apiDomain: " + zohoSim.baseUrl() + "\n"
                + "  accountsUrl: " + zohoSim.baseUrl() + "\n"
                + "  clientId: demo-client\n"
                + "  clientSecret: demo-secret\n"
                + "  refreshToken: demo-refresh\n"
                + "sync:\n"
                + "  interval: 5m\n"
                + "  createInPoweroffice: true\n";
        try {
            Files.writeString(dir.resolve("tolk.yaml"), yaml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    ModelLedger ledger() {
        return ledger;
    }

    /** What happened in this try so far, one line per action, for a failure's message. */
    String trace() {
        return String.join("\n", trace);
    }

    void note(String line) {
        trace.add(line);
    }

    /** One second later for everyone: both simulators and tolk. */
    void tick(long seconds) {
        now = now.plusSeconds(seconds);
        clock.set(now);
        po.admin().setClock(now);
        zoho.admin().setClock(now);
    }

    /** The next fresh value of a property (unique in the try). */
    String fresh(ModelProp prop) {
        return prop.value(nextValue++);
    }

    // ------------------------------------------------------------------------------------------------ records

    /** The live PowerOffice customers of a kind (all kinds when null), in id order. */
    List<JsonNode> poRecords(ModelKind kind) {
        return po.customers().stream()
                .filter(c -> kind == null || c.path("IsPerson").asBoolean() == (kind == ModelKind.PERSON))
                .sorted(Comparator.comparingLong(c -> c.get("Id").asLong())).toList();
    }

    /** The live Zoho records of a kind (both modules when null), Accounts first, each in id order. */
    List<JsonNode> zohoRecords(ModelKind kind) {
        List<JsonNode> out = new ArrayList<>();
        for (ModelKind k : ModelKind.values()) {
            if (kind == null || kind == k) {
                zoho.all(k.module).stream().sorted(Comparator.comparing(r -> r.get("id").asText())).forEach(out::add);
            }
        }
        return out;
    }

    static <T> T pick(List<T> from, int pick) {
        return from.isEmpty() ? null : from.get(Math.floorMod(pick, from.size()));
    }

    static ModelKind kindOf(JsonNode poCustomer) {
        return poCustomer.path("IsPerson").asBoolean() ? ModelKind.PERSON : ModelKind.COMPANY;
    }

    static RecordRef poRef(JsonNode customer) {
        return new RecordRef(PO, kindOf(customer).poType, customer.get("Id").asText());
    }

    /** The store of the running tolk (between cycles). */
    ConnectionStore store() {
        return process.store.connection("default");
    }

    // ------------------------------------------------------------------------------------------------ tolk

    /** Faults both simulators answer with during the next cycle only, e.g. {@code drop=0.5,seed=3}; empty for none. */
    void faultsForNextCycle(String poSpec, String zohoSpec) {
        poFaults = poSpec;
        zohoFaults = zohoSpec;
    }

    private void setFaults(String poSpec, String zohoSpec) {
        po.admin().setFaults(poSpec);
        zoho.admin().setFaults(zohoSpec);
    }

    /** How one cycle ended. */
    enum CycleEnd { COMPLETED, SYSTEM_FAILED, CRASHED }

    /**
     * Runs one cycle with the faults asked for (if any), crashed at connector call {@code crashAt} unless that is 0;
     * after a crash, tolk is started again on the same store. A system failing the cycle (faults) is an expected end;
     * anything else thrown is a defect and propagates.
     */
    CycleEnd cycle(long crashAt) {
        tick(1);
        CrashingConnector.Fuse fuse = crashAt > 0 ? CrashingConnector.Fuse.at(crashAt) : CrashingConnector.Fuse.never();
        setFaults(poFaults, zohoFaults);
        CycleEnd end;
        try {
            process.engine(fuse).runCycle();
            end = CycleEnd.COMPLETED;
        } catch (ConnectorException e) {
            end = CycleEnd.SYSTEM_FAILED;
        } catch (RuntimeException | Error e) {
            if (!crashed(e)) {
                throw e;
            }
            end = CycleEnd.CRASHED;
        } finally {
            setFaults("", "");
            poFaults = "";
            zohoFaults = "";
        }
        if (end == CycleEnd.CRASHED) {
            try {
                fuse.awaitQuiet();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            process.close();
            process = Process.start(dir.resolve("tolk.yaml"), clock);
        }
        return end;
    }

    private static boolean crashed(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof CrashingConnector.SimulatedCrash) {
                return true;
            }
        }
        return false;
    }

    /** A cycle ({@link #cycle}), then the ledger settles what arrived. */
    CycleEnd cycleAndSettle(long crashAt) {
        CycleEnd end = cycle(crashAt);
        if (end == CycleEnd.COMPLETED) {
            ledger.cycleCompleted();
        }
        ledger.settle(store(), ModelLedger.Systems.read(this));
        trace.set(trace.size() - 1, trace.get(trace.size() - 1) + " -> " + end);
        return end;
    }

    /** The most fault-free cycles tolk gets at the end to become quiet (a cycle that writes nothing). */
    static final int QUIET_WITHIN = 6;

    /**
     * Plays the steps in a fresh world, then lets tolk run fault-free cycles until one writes nothing, each a few
     * hours after the last (so every failure is due for retry), and returns what does not hold then (empty: all does).
     */
    List<String> play(List<SyncAction> actions) {
        begin();
        for (SyncAction action : actions) {
            ledger.nextStep();
            trace.add(ledger.pending().size() + " pending | " + action);
            if (!(action instanceof SyncAction.Sync || action instanceof SyncAction.Crash
                    || action instanceof SyncAction.SyncWithFaults)) {
                tick(1);
            }
            action.run(this);
        }
        faultsForNextCycle("", "");
        boolean quiet = false;
        long[] writes = null;
        for (int i = 0; i < QUIET_WITHIN && !quiet; i++) {
            ledger.nextStep();
            trace.add("final sync()");
            tick(7 * 3600);
            resetCounters();
            CycleEnd end = cycleAndSettle(0);
            writes = writes();
            quiet = end == CycleEnd.COMPLETED && writes[0] == 0 && writes[1] == 0;
        }
        List<String> problems = new ArrayList<>();
        if (!quiet) {
            problems.add("not quiet after " + QUIET_WITHIN + " fault-free cycles: the last wrote {PowerOffice, Zoho} "
                    + java.util.Arrays.toString(writes));
        }
        problems.addAll(ledger.problems(store(), ModelLedger.Systems.read(this)));
        return problems;
    }

    /** Write calls both simulators answered since the counters were last reset: {PowerOffice, Zoho}. */
    long[] writes() {
        return new long[] {po.admin().writes(), zoho.admin().writes()};
    }

    void resetCounters() {
        po.admin().resetCounters();
        zoho.admin().resetCounters();
    }

    /** Ends the try: tolk stopped, its directory removed. */
    void endTry() {
        if (process != null) {
            process.close();
            process = null;
        }
        if (dir != null) {
            try (var files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            dir = null;
        }
    }

    @Override
    public void close() {
        endTry();
        poSim.close();
        zohoSim.close();
    }

    /** A running tolk: its store and connectors, as one process opens them from tolk.yaml. */
    private static final class Process implements AutoCloseable {
        private final Store store;
        private final Connector poweroffice;
        private final Connector zoho;
        private final ConnectionConfig connection;
        private final TestClock clock;

        private Process(Store store, Connector poweroffice, Connector zoho, ConnectionConfig connection, TestClock clock) {
            this.store = store;
            this.poweroffice = poweroffice;
            this.zoho = zoho;
            this.connection = connection;
            this.clock = clock;
        }

        static Process start(Path configFile, TestClock clock) {
            TolkConfig config = new ConfigLoader(k -> null).load(configFile);
            ConnectionConfig c = config.connections().get(0);
            Store store = EngineSession.store(config, clock, false);
            // the real connectors; retries wait on the test's time, not the wall clock's
            Sleeper noWait = d -> { };
            Connector p = new PowerOfficeConnector(Connectors.settings(c.poweroffice()), clock, noWait);
            Connector z = new ZohoConnector(Connectors.settings(c.zoho()), clock, noWait);
            return new Process(store, p, z, c, clock);
        }

        /** The engine of this process, its connectors behind the fuse. */
        SyncEngine engine(CrashingConnector.Fuse fuse) {
            return new SyncEngine(connection.name(), store,
                    List.of(new CrashingConnector(poweroffice, fuse), new CrashingConnector(zoho, fuse)),
                    Mappings.mapping(connection), EngineSession.options(connection.sync()), clock);
        }

        @Override
        public void close() {
            poweroffice.close();
            zoho.close();
            store.close();
        }
    }

    /** Fields of a Zoho record to create, in insertion order. */
    static Map<String, Object> fields(Object... pairs) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            out.put((String) pairs[i], pairs[i + 1]);
        }
        return out;
    }
}
