package io.tolk.engine.cycle;

import io.tolk.api.ApiUsage;
import io.tolk.api.ChangeNotifications;
import io.tolk.api.Connector;
import io.tolk.api.CreateRequest;
import io.tolk.api.DeletedFeed;
import io.tolk.api.FieldIssue;
import io.tolk.api.FieldMarker;
import io.tolk.api.ReadStream;
import io.tolk.api.WriteOperation;
import io.tolk.api.FieldRule;
import io.tolk.api.RecordReader;
import io.tolk.api.RecordWriter;
import io.tolk.api.SourceRecord;
import io.tolk.api.UpdateRequest;
import io.tolk.api.WriteResult;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A connector for {@code tolk plan}: reads go to the real system; writes go nowhere and answer as if they succeeded
 * (a create gets the id {@code planned-<key>}, nothing is read back); every capability is the real connector's.
 * Closing it does not close the real connector.
 */
public final class DryRunConnector implements Connector {

    private final Connector real;

    public DryRunConnector(Connector real) {
        this.real = real;
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
    public RecordReader reader(String type) {
        return real.reader(type);
    }

    @Override
    public RecordWriter writer(String type) {
        RecordWriter w = real.writer(type);
        return new RecordWriter() {
            @Override
            public int maxBatchSize() {
                return w.maxBatchSize();
            }

            @Override
            public int requestsPerHttpCall() {
                return w.requestsPerHttpCall();
            }

            @Override
            public List<WriteResult> create(List<CreateRequest> requests) {
                return requests.stream()
                        .map(r -> WriteResult.ok(r.idempotencyKey(), "planned-" + r.idempotencyKey(), null))
                        .toList();
            }

            @Override
            public List<WriteResult> update(List<UpdateRequest> requests) {
                return requests.stream().map(r -> WriteResult.ok(r.id(), r.id(), null)).toList();
            }

            @Override
            public List<WriteResult> delete(List<String> ids) {
                return ids.stream().map(id -> WriteResult.ok(id, id, null)).toList();
            }

            @Override
            public Optional<SourceRecord> findCreated(CreateRequest request, Instant notBefore) {
                return w.findCreated(request, notBefore);
            }

            @Override
            public Optional<String> idempotencyKeyField() {
                return w.idempotencyKeyField();
            }

            @Override
            public List<FieldIssue> precheck(Map<String, String> fields, boolean create) {
                return w.precheck(fields, create);
            }

            @Override
            public long creditCost(WriteOperation operation, int records) {
                return w.creditCost(operation, records);
            }
        };
    }

    @Override
    public List<ReadStream> streams(Set<String> types) {
        return real.streams(types);
    }

    @Override
    public RecordReader reader(ReadStream stream) {
        return real.reader(stream);
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
    public Map<String, FieldRule> fallbackFieldRules(String type) {
        return real.fallbackFieldRules(type);
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
    public Optional<DeletedFeed> deletedFeed() {
        return real.deletedFeed();
    }

    @Override
    public Optional<ChangeNotifications> notifications() {
        return Optional.empty();
    }

    @Override
    public ApiUsage usage() {
        return real.usage();
    }

    @Override
    public void close() {
    }
}
