package io.tolk.app.cli;

import io.tolk.app.sim.RunningSimulator;
import io.tolk.sim.common.SimOptions;
import io.tolk.app.sim.SimulatorKind;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Both simulators on free loopback ports with the vendors' limits off, and a {@code tolk.yaml} in a folder that points
 * at them with a SQLite store in that folder: the set-up of the command tests that run against real HTTP.
 */
final class SimulatorPair implements AutoCloseable {

    final RunningSimulator po;
    final RunningSimulator zoho;

    private SimulatorPair(RunningSimulator po, RunningSimulator zoho) {
        this.po = po;
        this.zoho = zoho;
    }

    /**
     * @param records     sample records per simulator ({@code 0}: empty)
     * @param extraConfig YAML appended to the config (a {@code flows:} block, say), or {@code ""}
     */
    static SimulatorPair start(int records, Path dir, String extraConfig) throws IOException {
        RunningSimulator po = SimulatorKind.POWEROFFICE.start(SimOptions.defaults().withRecords(records).withNoLimits(true));
        RunningSimulator zoho = SimulatorKind.ZOHO.start(SimOptions.defaults().withRecords(records).withNoLimits(true));
        Files.writeString(dir.resolve("tolk.yaml"), "store: sqlite:./tolk.db\n"
                + String.join("\n", SimulatorKind.POWEROFFICE.configLines(po.baseUrl())) + "\n"
                + String.join("\n", SimulatorKind.ZOHO.configLines(zoho.baseUrl())) + "\n"
                + extraConfig);
        return new SimulatorPair(po, zoho);
    }

    @Override
    public void close() {
        po.close();
        zoho.close();
    }
}
