package io.tolk.api;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A connector that hands every call to another one, for wrappers that change one or two things (a dry run that writes
 * nowhere, a check before the first read): a subclass overrides only what it changes, and a method added to
 * {@link Connector} is forwarded here once, for all of them.
 */
public abstract class ForwardingConnector implements Connector {

    private final Connector delegate;

    protected ForwardingConnector(Connector delegate) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
    }

    /** The connector every call goes to. */
    protected final Connector delegate() {
        return delegate;
    }

    @Override
    public String system() {
        return delegate.system();
    }

    @Override
    public Set<String> types() {
        return delegate.types();
    }

    @Override
    public RecordReader reader(String type) {
        return delegate.reader(type);
    }

    @Override
    public RecordWriter writer(String type) {
        return delegate.writer(type);
    }

    @Override
    public List<ReadStream> streams(Set<String> types) {
        return delegate.streams(types);
    }

    @Override
    public RecordReader reader(ReadStream stream) {
        return delegate.reader(stream);
    }

    @Override
    public Duration timeResolution() {
        return delegate.timeResolution();
    }

    @Override
    public void checkAccess() {
        delegate.checkAccess();
    }

    @Override
    public Map<String, FieldRule> fieldRules(String type) {
        return delegate.fieldRules(type);
    }

    @Override
    public Map<String, FieldRule> fallbackFieldRules(String type) {
        return delegate.fallbackFieldRules(type);
    }

    @Override
    public Optional<String> modifiedByField(String type) {
        return delegate.modifiedByField(type);
    }

    @Override
    public Optional<FieldMarker> softDelete(String type) {
        return delegate.softDelete(type);
    }

    @Override
    public Optional<FieldMarker> inactive(String type) {
        return delegate.inactive(type);
    }

    @Override
    public Optional<DeletedFeed> deletedFeed() {
        return delegate.deletedFeed();
    }

    @Override
    public Optional<ChangeNotifications> notifications() {
        return delegate.notifications();
    }

    @Override
    public int writeConcurrency() {
        return delegate.writeConcurrency();
    }

    @Override
    public ApiUsage usage() {
        return delegate.usage();
    }

    @Override
    public void close() {
        delegate.close();
    }

    @Override
    public String toString() {
        return delegate.toString();
    }
}
