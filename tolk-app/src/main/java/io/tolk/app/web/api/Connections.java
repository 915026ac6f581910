package io.tolk.app.web.api;

import io.tolk.api.RecordRef;
import io.tolk.app.service.ServiceControl;
import io.tolk.app.wiring.EngineSession;
import io.tolk.engine.SyncEngine;

/** Turns what a request names (a connection, a record reference) into the service's objects, or a 404/400. */
final class Connections {

    private Connections() {
    }

    /** The connection's session; an unknown name is a 404 naming the known ones. */
    static EngineSession session(ServiceControl service, String connection) {
        if (connection == null || !service.connections().contains(connection)) {
            throw ApiException.notFound("no connection '" + connection + "'; connections: "
                    + String.join(", ", service.connections()));
        }
        return service.session(connection);
    }

    /** A {@code system/type/id} reference; anything else is a 400 that shows the form. */
    static RecordRef ref(String text) {
        try {
            return SyncEngine.parseRef(text);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage());
        }
    }
}
