package io.tolk.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.tolk.app.docs.DocsFormat;
import io.tolk.app.docs.DocsParser;
import io.tolk.app.docs.DocsRenderer;
import io.tolk.app.docs.DocsRow;
import io.tolk.app.wiring.BuiltInMapping;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DocsCommandTest {

    @TempDir
    Path dir;

    @Test
    void withoutAConfigTheBuiltInFlowsAreDocumented() {
        Cli.Result r = new Cli(dir).run("docs");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).isEqualTo(DocsRenderer.render(BuiltInMapping.defaults(), DocsFormat.MD));
        List<DocsRow> rows = DocsParser.parseMarkdown(r.out());
        assertThat(rows).extracting(DocsRow::flowId).contains("F1", "F2", "F3");
    }

    @Test
    void restructuredTextOnRequest() {
        Cli.Result r = new Cli(dir).run("docs", "--format", "rst");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains(".. list-table::");
    }

    @Test
    void aBadFormatIsAUsageError() {
        Cli.Result r = new Cli(dir).run("docs", "--format", "pdf");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("'pdf' is not a docs format");
    }

    @Test
    void theConfigsFlowRefinementsShowWithoutCredentials() throws Exception {
        Files.writeString(dir.resolve("tolk.yaml"), """
                poweroffice:
                  applicationKey: ${UNSET_IN_THIS_TEST}
                  clientKey: x
                  subscriptionKey: y
                flows:
                  F1:
                    properties:
                      Shipping_City: createOnly
                """);
        Cli.Result r = new Cli(dir).run("docs");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).containsPattern("Shipping_City \\| [^|]+ \\| createOnly");
    }

    @Test
    void aMappingMistakeNamesTheKeyAndLineAndExits2() throws Exception {
        Files.writeString(dir.resolve("tolk.yaml"), """
                flows:
                  F1:
                    properties:
                      Shiping_City: createOnly
                """);
        Cli.Result r = new Cli(dir).run("docs");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("flows.F1.properties.Shiping_City (line 4)");
    }
}
