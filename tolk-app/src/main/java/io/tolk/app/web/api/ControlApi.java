package io.tolk.app.web.api;

import io.tolk.app.service.ServiceControl;

/** {@code POST /api/connections/{c}/cycle}, {@code …/pause}, {@code …/resume}: steering the scheduler. */
public final class ControlApi {

    private final ServiceControl service;

    public ControlApi(ServiceControl service) {
        this.service = service;
    }

    /** The connection's scheduling after a request: whether it is paused and whether a cycle was asked for. */
    public record Control(String connection, boolean paused, boolean cycleRequested) {
    }

    public Control cycleNow(String connection) {
        Connections.session(service, connection);
        service.triggerNow(connection);
        return new Control(connection, service.paused(connection), !service.paused(connection));
    }

    public Control pause(String connection) {
        Connections.session(service, connection);
        service.pause(connection);
        return new Control(connection, true, false);
    }

    public Control resume(String connection) {
        Connections.session(service, connection);
        service.resume(connection);
        return new Control(connection, false, false);
    }
}
