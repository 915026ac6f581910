package io.tolk.app.cli;

import io.tolk.app.ExitCodes;
import io.tolk.app.wiring.EngineSession;
import io.tolk.engine.cycle.CycleReport;

/** Runs one cycle for a command that made a decision and wants it applied at once (retry, resync, link...). */
final class SyncCommandRunner {

    private final EngineCommand command;

    SyncCommandRunner(EngineCommand command) {
        this.command = command;
    }

    int cycle(EngineSession session) {
        command.root.context().stopsCleanly();
        session.engine().onStop(command.root.context()::stopRequested);
        CycleReport report;
        try (Progress progress = Progress.of(command.err(), command.root.context().clock())) {
            session.engine().onProgress(progress);
            report = session.engine().runCycle();
        } finally {
            session.engine().onProgress(null);
        }
        Reports.summary(command.out(), session.connection().name(), report);
        if (report.outcome() == io.tolk.engine.store.RunOutcome.INTERRUPTED) {
            command.err().println("tolk: " + session.connection().name() + ": stopped; what was written is recorded,"
                    + " the next run carries on from here");
            command.err().flush();
        }
        boolean unfinished = report.hasFailures() || report.deletesHalted() != null;   // records that need a person
        return unfinished ? ExitCodes.RECORDS_FAILED : ExitCodes.OK;
    }
}
