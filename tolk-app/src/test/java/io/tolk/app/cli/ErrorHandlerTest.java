package io.tolk.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.tolk.api.ConnectorException;
import io.tolk.api.ErrorKind;
import io.tolk.engine.EngineBusyException;
import io.tolk.store.StoreException;
import io.tolk.store.StoreUrlException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.concurrent.CompletionException;

/** Exit codes and messages for what ends a command. */
class ErrorHandlerTest {

    @TempDir
    Path dir;

    @Test
    void anUnexpectedExceptionIsExit4AndSaysItIsABugAndTheStoreIsConsistent() {
        RuntimeException bug = new CompletionException(new NullPointerException("entity is null"));

        assertThat(ErrorHandler.exitCode(bug)).isEqualTo(4);
        assertThat(ErrorHandler.describe(bug)).startsWith("tolk hit an internal error: NullPointerException: entity is null")
                .contains("This is a bug in tolk", "-v", "The store is consistent", "run again");
    }

    @Test
    void aStoreThatFailsInUseIsExit4AndASettingThatPointsNowhereIsExit2() {
        StoreException broken = new StoreException("store sqlite:/data/tolk.db: migrating the schema failed: disk I/O error");
        StoreException setting = StoreException.configuration("store sqlite:/nowhere/tolk.db: the directory /nowhere"
                + " does not exist", null);

        assertThat(ErrorHandler.exitCode(broken)).isEqualTo(4);
        assertThat(ErrorHandler.describe(broken)).startsWith(broken.getMessage()).contains("store is consistent")
                .doesNotContain("bug");
        assertThat(ErrorHandler.exitCode(setting)).isEqualTo(2);
        assertThat(ErrorHandler.describe(setting)).isEqualTo(setting.getMessage());
        assertThat(ErrorHandler.exitCode(new StoreUrlException("store: 'mysql://x' is not a store URL"))).isEqualTo(2);
    }

    @Test
    void aStoreServerOutOfReachIsExit3NamingTheStoreAndSayingWhatToCheck() {
        StoreException unreachable = new StoreException("store jdbc:postgresql://db:5432/tolk: cannot connect: Connection"
                + " refused", null, StoreException.Problem.UNREACHABLE);
        java.io.StringWriter text = new java.io.StringWriter();
        picocli.CommandLine cl = new picocli.CommandLine(picocli.CommandLine.Model.CommandSpec.create()).setErr(new java.io.PrintWriter(text));

        int code = new ErrorHandler().handleExecutionException(unreachable, cl, null);

        assertThat(code).isEqualTo(3);
        assertThat(text.toString()).startsWith("tolk: store jdbc:postgresql://db:5432/tolk: cannot connect")
                .contains("TOLK_DB_USER").doesNotContain("bug");
    }

    @Test
    void theKnownOutcomesKeepTheirCodes() {
        assertThat(ErrorHandler.exitCode(new ConnectorException(ErrorKind.UNAVAILABLE, "zoho", "unreachable"))).isEqualTo(3);
        assertThat(ErrorHandler.exitCode(new EngineBusyException("default"))).isEqualTo(1);
    }

    @Test
    void aStoreInADirectoryThatDoesNotExistIsExit2NamingIt() throws Exception {
        configWithStore("sqlite:./missing/tolk.db");

        Cli.Result r = new Cli(dir).run("sync", "--once");

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("missing", "does not exist");
    }

    private void configWithStore(String store) throws Exception {
        Files.writeString(dir.resolve("tolk.yaml"), "store: " + store + "\n"
                + "poweroffice:\n  apiUrl: http://127.0.0.1:1/v2\n  tokenUrl: http://127.0.0.1:1/OAuth/Token\n"
                + "  applicationKey: a\n  clientKey: b\n  subscriptionKey: c\n"
                + "zoho:\n  apiDomain: http://127.0.0.1:1\n  accountsUrl: http://127.0.0.1:1\n"
                + "  clientId: a\n  clientSecret: b\n  refreshToken: c\n");
    }

    @Test
    void aStorePathThatIsNotADatabaseIsExit2NamingTheStore() throws Exception {
        Files.writeString(dir.resolve("notes.txt"), "this is not a database, it is a shopping list\n".repeat(200));
        configWithStore("sqlite:./notes.txt");

        Cli.Result r = new Cli(dir).run("sync", "--once");

        assertThat(r.exitCode()).as(r.err()).isEqualTo(2);
        assertThat(r.err()).contains("store sqlite:", "notes.txt", "not a database");
    }

    @Test
    void aStoreWhoseSchemaCannotBeMigratedIsExit4NamingTheStore() throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("tolk.db"))) {
            c.createStatement().execute("CREATE TABLE tolk_connection (something_else TEXT)");
        }
        configWithStore("sqlite:./tolk.db");

        Cli.Result r = new Cli(dir).run("sync", "--once");

        assertThat(r.exitCode()).as(r.err()).isEqualTo(4);
        assertThat(r.err()).contains("store sqlite:", "tolk.db", "store is consistent").doesNotContain("bug");
    }
}
