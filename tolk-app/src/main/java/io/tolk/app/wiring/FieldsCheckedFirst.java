package io.tolk.app.wiring;

import io.tolk.api.Connector;
import io.tolk.api.ReadStream;
import io.tolk.api.RecordReader;

import java.util.List;
import java.util.Set;

/**
 * A connector that runs a check before its first read: the check of the field names tolk.yaml gives against the
 * system's field metadata ({@link ConfiguredFields#checkZoho}), shared by both connectors of a connection so that it
 * runs once, before any record of either system is read. Everything else is the wrapped connector's, unchanged.
 */
final class FieldsCheckedFirst extends io.tolk.api.ForwardingConnector {

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
        super(real);
        this.check = check;
    }

    private void checkOnce() {
        check.run();
    }

    @Override
    public RecordReader reader(String type) {
        checkOnce();
        return super.reader(type);
    }

    @Override
    public RecordReader reader(ReadStream stream) {
        checkOnce();
        return super.reader(stream);
    }

    @Override
    public List<ReadStream> streams(Set<String> types) {
        checkOnce();
        return super.streams(types);
    }

}
