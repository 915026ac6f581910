package io.tolk.app.cli;

import io.tolk.app.UsageException;
import io.tolk.app.config.TolkConfig;
import io.tolk.app.wiring.BuiltInMapping;
import io.tolk.app.wiring.Mappings;
import io.tolk.app.docs.DocsFormat;
import io.tolk.app.docs.DocsRenderer;
import io.tolk.engine.mapping.Mapping;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code tolk docs}: the QA checklist of the dataflow, generated from the mapping in force. */
@Command(name = "docs", mixinStandardHelpOptions = true,
        description = {"Prints the dataflow QA checklist generated from the mappings.",
                "One section per flow, one table row per property pair. Uses the flows: of tolk.yaml if there",
                "is one, else the built-in flows; credentials are not needed."})
public final class DocsCommand implements Callable<Integer> {

    @ParentCommand
    TolkCommand root;

    @Spec
    CommandSpec spec;

    @Mixin
    ConfigOptions config;

    @Option(names = "--format", paramLabel = "md|rst", defaultValue = "md",
            description = "Markdown (default) or reStructuredText.")
    String format;

    @Override
    public Integer call() {
        DocsFormat docsFormat;
        try {
            docsFormat = DocsFormat.parse(format);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--format: " + e.getMessage());
        }
        Optional<TolkConfig> loaded = config.loadLenient(root.context());
        Mapping mapping = loaded.map(c -> Mappings.mapping(config.connection(c))).orElseGet(BuiltInMapping::defaults);
        spec.commandLine().getOut().print(DocsRenderer.render(mapping, docsFormat));
        spec.commandLine().getOut().flush();
        return 0;
    }
}
