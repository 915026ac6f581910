package io.tolk.engine.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The engine is system-neutral: system names, vendor rules and mappings come from the connectors and the application.
 * Nothing in its main code may name a vendor, in code or in comments.
 */
class EngineNamesNoVendorTest {

    /** Vendor names in any case, and the vendors' own field and list names as they are spelled. */
    private static final Pattern VENDOR = Pattern.compile(
            "(?i:poweroffice|zoho)|IsArchived|IsActive|Accounts|Contacts|Customers");

    private static final Path MAIN = Path.of("src/main/java");

    @Test
    void noEngineSourceLineNamesAVendor() throws IOException {
        assertThat(MAIN.resolve("io/tolk/engine")).as("run from the tolk-engine module").isDirectory();
        List<String> hits = new ArrayList<>();
        try (Stream<Path> files = Files.walk(MAIN)) {
            files.filter(p -> p.toString().endsWith(".java")).forEach(p -> {
                List<String> lines = read(p);
                for (int i = 0; i < lines.size(); i++) {
                    Matcher m = VENDOR.matcher(lines.get(i));
                    if (m.find()) {
                        hits.add(MAIN.relativize(p) + ":" + (i + 1) + " names '" + m.group() + "': " + lines.get(i).strip());
                    }
                }
            });
        }
        assertThat(hits).as("engine main code must name no vendor").isEmpty();
    }

    @Test
    void theScanWouldFindAVendorName() {
        assertThat(VENDOR.matcher("return \"zoho\".equals(system);").find()).isTrue();
        assertThat(VENDOR.matcher("// archive via IsArchived").find()).isTrue();
        assertThat(VENDOR.matcher("PowerOffice customers").find()).isTrue();
        assertThat(VENDOR.matcher("a customer's organisation").find()).isFalse();
    }

    @Test
    void noEngineClassDependsOnAConnectorOrTheApplication() {
        JavaClasses engine = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.tolk.engine");
        noClasses().that().resideInAPackage("io.tolk.engine..")
                .should().dependOnClassesThat().resideInAnyPackage("io.tolk.poweroffice..", "io.tolk.zoho..", "io.tolk.app..",
                        "io.tolk.store..", "io.tolk.sim..")
                .check(engine);
    }

    private static List<String> read(Path p) {
        try {
            return Files.readAllLines(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
