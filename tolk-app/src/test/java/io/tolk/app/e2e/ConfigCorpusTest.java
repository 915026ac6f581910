package io.tolk.app.e2e;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The broken-config corpus ({@code src/test/resources/corpus/configs}): every file is a tolk.yaml with one mistake and
 * its expected outcome written next to it, in its header comment or, for files that cannot carry one (an empty file,
 * binary garbage), in a sidecar {@code NN-name.expect}:
 * <pre>
 * # corpus: what the mistake is
 * # expect: exit 2
 * # key: flows.F1.add[0].zoho        ("-" when the mistake is the file as a whole)
 * # line: 24                          (0 when the file as a whole)
 * # says: did you mean Account_Number
 * </pre>
 * Each file runs through the real command line ({@code tolk sync --once}) against the simulators (a check such as a
 * Zoho field name needs their metadata), and must exit as stated, name the file, the key and the line, say what it
 * says, show no stack trace, write nothing to either system and create no store (nor any other file).
 */
class ConfigCorpusTest extends E2eBase {

    private static final Path CORPUS = corpusFolder();

    @Override
    protected boolean oneWorldPerClass() {
        return true;
    }

    /** What a corpus file states about itself. */
    record Expectation(String why, int exit, String key, int line, String says) {

        static Expectation parse(String header, Path file) {
            Map<String, String> fields = new HashMap<>();
            for (String line : header.split("\\R")) {
                if (line.startsWith("# ") && line.indexOf(':') > 2) {
                    int colon = line.indexOf(':');
                    fields.putIfAbsent(line.substring(2, colon).trim(), line.substring(colon + 1).trim());
                }
            }
            for (String required : List.of("corpus", "expect", "key", "line", "says")) {
                if (!fields.containsKey(required)) {
                    throw new AssertionError(file + " states no '" + required + ":' in its header or sidecar");
                }
            }
            return new Expectation(fields.get("corpus"), Integer.parseInt(fields.get("expect").replace("exit", "").trim()),
                    fields.get("key").equals("-") ? "" : fields.get("key"), Integer.parseInt(fields.get("line")),
                    fields.get("says"));
        }

        /** Where the message must point: {@code key (line N)}, {@code line N}, or nothing for the file as a whole. */
        String where() {
            if (key.isEmpty()) {
                return line == 0 ? "" : "line " + line;
            }
            return line == 0 ? key : key + " (line " + line + ")";
        }
    }

    @TestFactory
    Stream<DynamicTest> everyBrokenConfigExitsAsStatedNamingFileKeyAndLineAndWritesNothing() throws IOException {
        List<Path> files;
        try (Stream<Path> all = Files.list(CORPUS)) {
            files = all.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
        }
        assertThat(files).as("the corpus holds at least 40 broken configs").hasSizeGreaterThanOrEqualTo(40);
        return files.stream().map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), () -> check(f)));
    }

    private void check(Path corpusFile) throws IOException {
        Path sidecar = corpusFile.resolveSibling(corpusFile.getFileName().toString().replace(".yaml", ".expect"));
        byte[] raw = Files.readAllBytes(corpusFile);
        Expectation expect = Expectation.parse(Files.exists(sidecar) ? Files.readString(sidecar)
                : new String(raw, StandardCharsets.UTF_8), corpusFile);
        Path caseDir = Files.createTempDirectory(dir, corpusFile.getFileName().toString().replace(".yaml", ""));
        Path config = caseDir.resolve("tolk.yaml");
        Files.write(config, Files.exists(sidecar) ? raw : placeholders(new String(raw, StandardCharsets.UTF_8), caseDir)
                .getBytes(StandardCharsets.UTF_8));
        resetCounters();

        Tolk.Result r = new Tolk(caseDir, config).run("sync", "--once");

        String why = corpusFile.getFileName() + " (" + expect.why() + ")\nerr:\n" + r.err() + "\nout:\n" + r.out();
        assertThat(r.exitCode()).as("exit code of " + why).isEqualTo(expect.exit());
        assertThat(r.err()).as("names the file: " + why).contains(config.toString());
        assertThat(r.err()).as("names key and line: " + why).contains(expect.where());
        assertThat(r.err()).as("says: " + why).containsIgnoringCase(expect.says());
        assertThat(r.all()).as("no stack trace: " + why).doesNotContain("\tat ").doesNotContain("Exception");
        assertThat(writes()).as("nothing written to PowerOffice or Zoho: " + why).containsExactly(0, 0);
        try (Stream<Path> left = Files.list(caseDir)) {
            assertThat(left.map(p -> p.getFileName().toString())).as("no store or other file created: " + why)
                    .containsExactly("tolk.yaml");
        }
    }

    /** The corpus's placeholders: the simulators' addresses and a store in the case's own folder (lines unchanged). */
    private String placeholders(String text, Path caseDir) {
        return text.replace("@PO_API@", poSim.apiUrl()).replace("@PO_TOKEN@", poSim.tokenUrl())
                .replace("@ZOHO@", zohoSim.baseUrl()).replace("@STORE@", caseDir.resolve("tolk.db").toString())
                .replace("@DIR@", caseDir.toString());
    }

    private static Path corpusFolder() {
        try {
            return Path.of(ConfigCorpusTest.class.getResource("/corpus/configs").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
