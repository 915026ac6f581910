package io.tolk.engine.cycle;

import io.tolk.api.ChangeNotifications;
import io.tolk.api.Connector;
import io.tolk.api.CreateRequest;
import io.tolk.api.FieldIssue;
import io.tolk.api.WriteOperation;
import io.tolk.api.RecordWriter;
import io.tolk.api.SourceRecord;
import io.tolk.api.UpdateRequest;
import io.tolk.api.WriteResult;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A connector for {@code tolk plan}: reads go to the real system; writes go nowhere and answer as if they succeeded
 * (a create gets the id {@code planned-<key>}, nothing is read back); every capability is the real connector's.
 * Closing it does not close the real connector.
 */
public final class DryRunConnector extends io.tolk.api.ForwardingConnector {

    public DryRunConnector(Connector real) {
        super(real);
    }

    @Override
    public RecordWriter writer(String type) {
        RecordWriter w = delegate().writer(type);
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

    /** A plan subscribes to nothing. */
    @Override
    public Optional<ChangeNotifications> notifications() {
        return Optional.empty();
    }

    /** The real connector stays open: it belongs to the caller. */
    @Override
    public void close() {
    }

    /** One call at a time, as before: a plan's writes go nowhere. */
    @Override
    public int writeConcurrency() {
        return 1;
    }
}
