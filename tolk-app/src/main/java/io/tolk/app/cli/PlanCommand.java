package io.tolk.app.cli;

import io.tolk.app.wiring.EngineSession;
import io.tolk.engine.Plan;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code tolk plan}: the dry run. */
@Command(name = "plan", mixinStandardHelpOptions = true,
        description = {"Dry run: shows what one cycle would do, writing nothing.",
                "Lists what one cycle would link, create, update (field by field, with direction) and flag,",
                "without writing anything to either system or to the store. The next 'tolk sync' makes exactly",
                "these writes if nothing changes in between. With --summary only the totals."})
public final class PlanCommand extends EngineCommand {

    @Option(names = "--summary", description = "Print only the totals, not each record and field.")
    boolean summary;

    @Override
    public Integer call() {
        try (EngineSession session = openReadOnly(); Progress progress = Progress.of(err(), root.context().clock())) {
            String name = session.connection().name();
            boolean[] any = {false};
            session.engine().onProgress(progress);
            if (!summary) {
                session.engine().onChange(c -> {
                    if (!any[0]) {
                        out().println("Plan for connection '" + name + "' (nothing has been written):");
                        any[0] = true;
                    }
                    Reports.planLine(out(), c);
                });
            }
            Plan plan = session.engine().plan();
            boolean decided = any[0] || summary && plan.report().kinds().values().stream().anyMatch(n -> n > 0);
            Reports.planTotals(out(), name, plan, decided);
            return 0;
        }
    }
}
