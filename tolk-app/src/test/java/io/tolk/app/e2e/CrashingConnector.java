package io.tolk.app.e2e;

import io.tolk.api.Checkpoint;
import io.tolk.api.Connector;
import io.tolk.api.CreateRequest;
import io.tolk.api.DeletedFeed;
import io.tolk.api.FieldIssue;
import io.tolk.api.ForwardingConnector;
import io.tolk.api.PageSink;
import io.tolk.api.ReadStream;
import io.tolk.api.ReadSummary;
import io.tolk.api.RecordReader;
import io.tolk.api.RecordWriter;
import io.tolk.api.SourceRecord;
import io.tolk.api.UpdateRequest;
import io.tolk.api.WriteOperation;
import io.tolk.api.WriteResult;
import io.tolk.api.ChangeDetection;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * A connector whose process "dies" at a chosen call, in process: every read, write, lookup and deleted-feed call goes
 * through a shared {@link Fuse}; the call that blows it is still carried out by the system (as when a process is
 * killed right after its request left) but its answer is lost, and it and every later call, on any thread, throw
 * {@link SimulatedCrash}. The cycle is abandoned there, like a crash; the test then reopens the store as a restart would.
 */
final class CrashingConnector extends ForwardingConnector {

    /** The process ending: an Error, so nothing in tolk treats it as a system's answer. */
    static final class SimulatedCrash extends Error {
        SimulatedCrash(long call) {
            super("simulated crash at connector call " + call, null, false, false);
        }
    }

    /**
     * Counts connector calls across both systems and blows at the {@code k}-th (1-based); {@link #never()} never blows.
     * Thread-safe: write lanes call from several threads.
     */
    static final class Fuse {
        private final long blowAt;
        private long calls;
        private boolean blown;
        private int inFlight;

        private Fuse(long blowAt) {
            this.blowAt = blowAt;
        }

        static Fuse at(long call) {
            if (call < 1) {
                throw new IllegalArgumentException("calls count from 1: " + call);
            }
            return new Fuse(call);
        }

        static Fuse never() {
            return new Fuse(Long.MAX_VALUE);
        }

        synchronized boolean blown() {
            return blown;
        }

        /** Calls made so far (the blowing one included). */
        synchronized long calls() {
            return calls;
        }

        private synchronized void enter() {
            if (blown) {
                throw new SimulatedCrash(calls);
            }
            inFlight++;
        }

        /** After the system answered: the answer is lost if this call (or another meanwhile) blew the fuse. */
        private synchronized void leave() {
            inFlight--;
            notifyAll();
            calls++;
            if (calls >= blowAt) {
                blown = true;
            }
            if (blown) {
                throw new SimulatedCrash(calls);
            }
        }

        private synchronized void leaveFailed() {
            inFlight--;
            notifyAll();
            calls++;
            if (calls >= blowAt) {
                blown = true;
            }
        }

        /** Waits until no call is inside a system any more (the dead process's last requests have landed). */
        synchronized void awaitQuiet() throws InterruptedException {
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (inFlight > 0 && System.nanoTime() < deadline) {
                wait(50);
            }
        }

        <T> T call(Supplier<T> call) {
            enter();
            T answer;
            try {
                answer = call.get();
            } catch (RuntimeException | Error e) {
                leaveFailed();
                throw e;
            }
            leave();
            return answer;
        }
    }

    private final Fuse fuse;

    CrashingConnector(Connector delegate, Fuse fuse) {
        super(delegate);
        this.fuse = fuse;
    }

    /**
     * One write call at a time per system, so that a seed's faults hit the same calls and a fuse blows at the same
     * call on every run (the sync model must replay exactly); reads are sequential anyway.
     */
    @Override
    public int writeConcurrency() {
        return 1;
    }

    @Override
    public RecordReader reader(String type) {
        return new Reader(delegate().reader(type));
    }

    @Override
    public RecordReader reader(ReadStream stream) {
        return new Reader(delegate().reader(stream));
    }

    @Override
    public RecordWriter writer(String type) {
        return new Writer(delegate().writer(type));
    }

    @Override
    public Optional<DeletedFeed> deletedFeed() {
        return delegate().deletedFeed().map(feed -> (DeletedFeed) (type, since) -> fuse.call(() -> feed.deletedSince(type, since)));
    }

    private final class Reader implements RecordReader {
        private final RecordReader reader;

        Reader(RecordReader reader) {
            this.reader = reader;
        }

        @Override
        public ReadSummary readAll(Set<String> fields, PageSink sink) {
            return fuse.call(() -> reader.readAll(fields, sink));
        }

        @Override
        public ReadSummary readChanges(Checkpoint since, Set<String> fields, PageSink sink) {
            return fuse.call(() -> reader.readChanges(since, fields, sink));
        }

        @Override
        public List<SourceRecord> readByIds(Collection<String> ids, Set<String> fields) {
            return fuse.call(() -> reader.readByIds(ids, fields));
        }

        @Override
        public ChangeDetection changeDetection() {
            return reader.changeDetection();
        }
    }

    private final class Writer implements RecordWriter {
        private final RecordWriter writer;

        Writer(RecordWriter writer) {
            this.writer = writer;
        }

        @Override
        public int maxBatchSize() {
            return writer.maxBatchSize();
        }

        @Override
        public int requestsPerHttpCall() {
            return writer.requestsPerHttpCall();
        }

        @Override
        public List<WriteResult> create(List<CreateRequest> requests) {
            return fuse.call(() -> writer.create(requests));
        }

        @Override
        public List<WriteResult> update(List<UpdateRequest> requests) {
            return fuse.call(() -> writer.update(requests));
        }

        @Override
        public List<WriteResult> delete(List<String> ids) {
            return fuse.call(() -> writer.delete(ids));
        }

        @Override
        public Optional<SourceRecord> findCreated(CreateRequest request, Instant notBefore) {
            return fuse.call(() -> writer.findCreated(request, notBefore));
        }

        @Override
        public Optional<String> idempotencyKeyField() {
            return writer.idempotencyKeyField();
        }

        @Override
        public List<FieldIssue> precheck(Map<String, String> fields, boolean create) {
            return writer.precheck(fields, create);
        }

        @Override
        public long creditCost(WriteOperation operation, int records) {
            return writer.creditCost(operation, records);
        }
    }
}
