package io.tolk.app.wiring;

import io.tolk.api.ApiUsage;
import io.tolk.api.ChangeNotifications;
import io.tolk.api.Connector;
import io.tolk.api.DeletedFeed;
import io.tolk.api.FieldMarker;
import io.tolk.api.FieldRule;
import io.tolk.api.ReadStream;
import io.tolk.api.RecordReader;
import io.tolk.api.RecordWriter;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A connector that runs a check before its first read: the check of the field names tolk.yaml gives against the
 * system's field metadata ({@link ConfiguredFields#checkZoho}), shared by both connectors of a connection so that it
 * runs once, before any record of either system is read. Everything else is the wrapped connector's, unchanged.
 */
final class FieldsCheckedFirst implements Connector {

    private final Connector real;
    private final Once check;

    /** A check that runs until it has passed once; then it is never run again. Thread-safe. */
    static final class Once {
        private final Runnable check;
        private volatile boolean passed;

        Once(Runnable check) {
            this.check = check;
        }

        void run() {
            if (passed) {
                return;
            }
            synchronized (this) {
                if (!passed) {
                    check.run();
                    passed = true;
                }
            }
        }
    }

    FieldsCheckedFirst(Connector real, Once check) {
        this.real = real;
        this.check = check;
    }

    private void checkOnce() {
        check.run();
    }

    @Override
    public RecordReader reader(String type) {
        checkOnce();
        return real.reader(type);
    }

    @Override
    public RecordReader reader(ReadStream stream) {
        checkOnce();
        return real.reader(stream);
    }

    @Override
    public List<ReadStream> streams(Set<String> types) {
        checkOnce();
        return real.streams(types);
    }

    @Override
    public String system() {
        return real.system();
    }

    @Override
    public Set<String> types() {
        return real.types();
    }

    @Override
    public RecordWriter writer(String type) {
        return real.writer(type);
    }

    @Override
    public Duration timeResolution() {
        return real.timeResolution();
    }

    @Override
    public void checkAccess() {
        real.checkAccess();
    }

    @Override
    public Map<String, FieldRule> fieldRules(String type) {
        return real.fieldRules(type);
    }

    @Override
    public Map<String, FieldRule> fallbackFieldRules(String type) {
        return real.fallbackFieldRules(type);
    }

    @Override
    public Optional<FieldMarker> softDelete(String type) {
        return real.softDelete(type);
    }

    @Override
    public Optional<FieldMarker> inactive(String type) {
        return real.inactive(type);
    }

    @Override
    public Optional<DeletedFeed> deletedFeed() {
        return real.deletedFeed();
    }

    @Override
    public Optional<ChangeNotifications> notifications() {
        return real.notifications();
    }

    @Override
    public int writeConcurrency() {
        return real.writeConcurrency();
    }

    @Override
    public ApiUsage usage() {
        return real.usage();
    }

    @Override
    public void close() {
        real.close();
    }

    @Override
    public String toString() {
        return real.toString();
    }
}
