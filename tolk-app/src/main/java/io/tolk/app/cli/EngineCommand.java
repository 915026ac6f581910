package io.tolk.app.cli;

import io.tolk.api.RecordRef;
import io.tolk.app.UsageException;
import io.tolk.app.config.ConnectionConfig;
import io.tolk.app.config.TolkConfig;
import io.tolk.app.wiring.EngineSession;
import io.tolk.app.wiring.Sessions;
import java.util.List;
import io.tolk.engine.SyncEngine;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** A command that works on one connection of tolk.yaml through the engine. */
abstract class EngineCommand implements Callable<Integer> {

    @ParentCommand
    TolkCommand root;

    @Spec
    CommandSpec spec;

    @Mixin
    ConfigOptions config;

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }

    /** Loads the config and opens the chosen connection. */
    EngineSession open(boolean confirmDeletes) {
        TolkConfig tolk = config.load(root.context());
        ConnectionConfig connection = config.connection(tolk);
        EngineSession session = EngineSession.open(tolk, connection, root.context().clock(), confirmDeletes);
        notices(session.storeNotices());
        return session;
    }

    /** The chosen connection, or every connection of the file when none was chosen. */
    Sessions openAll(boolean confirmDeletes) {
        return openAll(confirmDeletes, false);
    }

    /** The store and a session for each of {@code chosen} (connections of {@code tolk}). */
    Sessions openAll(TolkConfig tolk, List<ConnectionConfig> chosen, boolean confirmDeletes) {
        Sessions sessions = Sessions.open(tolk, chosen, root.context().clock(), confirmDeletes, false);
        notices(sessions.storeNotices());
        return sessions;
    }

    /** With {@code readOnly}, a store that does not exist yet is not created. */
    Sessions openAll(boolean confirmDeletes, boolean readOnly) {
        return openAll(config.load(root.context()), confirmDeletes, readOnly);
    }

    /** The connections of {@code tolk} (or the one {@code --connection} chose), as {@link #openAll(boolean, boolean)}. */
    Sessions openAll(TolkConfig tolk, boolean confirmDeletes, boolean readOnly) {
        List<ConnectionConfig> chosen = config.connectionName() == null ? tolk.connections()
                : List.of(config.connection(tolk));
        Sessions sessions = Sessions.open(tolk, chosen, root.context().clock(), confirmDeletes, readOnly);
        notices(sessions.storeNotices());
        if (sessions.nothingSyncedYet()) {
            noticeNothingSyncedYet(tolk);
        }
        return sessions;
    }

    /** For commands that only read: a store that does not exist yet is not created. */
    EngineSession openReadOnly() {
        TolkConfig tolk = config.load(root.context());
        EngineSession session = EngineSession.openReadOnly(tolk, config.connection(tolk), root.context().clock());
        notices(session.storeNotices());
        if (session.nothingSyncedYet()) {
            noticeNothingSyncedYet(tolk);
        }
        return session;
    }

    /** What opening the store put right (its files narrowed to owner-only), said on stderr. */
    private void notices(List<String> notices) {
        notices.forEach(n -> err().println("tolk: " + n));
        err().flush();
    }

    /** A read-only command on a store not created yet says so (on stderr, so --json output stays JSON), then goes on. */
    private void noticeNothingSyncedYet(TolkConfig tolk) {
        err().println("tolk: " + EngineSession.nothingSyncedYetNotice(tolk));
        err().flush();
    }

    EngineSession open() {
        return open(false);
    }

    /** A {@code system/type/id} argument, or a usage error saying how to write one. */
    static RecordRef ref(String text) {
        try {
            return SyncEngine.parseRef(text);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    /** Runs an engine decision; its refusals (IllegalArgumentException) are usage errors with its message. */
    static <T> T decide(java.util.function.Supplier<T> action) {
        try {
            return action.get();
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }
}
