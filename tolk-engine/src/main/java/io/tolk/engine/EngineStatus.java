package io.tolk.engine;

import io.tolk.engine.store.RunRecord;

import java.util.List;
import java.util.Optional;

/**
 * A connection's state for {@code tolk status}.
 *
 * @param connection the connection
 * @param flows      per flow, in flow order
 * @param lastCycle  the last cycle's run record (its counts, API calls per system, duration), if any
 */
public record EngineStatus(String connection, List<FlowStatus> flows, Optional<RunRecord> lastCycle) {
    public EngineStatus {
        flows = List.copyOf(flows);
    }
}
