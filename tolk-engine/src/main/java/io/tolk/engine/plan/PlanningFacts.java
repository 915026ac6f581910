package io.tolk.engine.plan;

import io.tolk.api.FieldIssue;
import io.tolk.api.FieldMarker;
import io.tolk.api.FieldRule;
import io.tolk.engine.mapping.Mapping;
import io.tolk.engine.policy.SyncOptions;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What the planner knows besides the records: the mapping, the options, the cycle's instant, and what each system
 * told about itself (field rules, time resolution, how it retires records). Gathered once per cycle; immutable.
 *
 * @param mapping       the mapping
 * @param options       the connection's policies
 * @param now           the cycle's instant
 * @param systems       per system, its facts
 * @param deletesHalted why propagated deletions are held back this cycle, or {@code null} when they are not
 */
public record PlanningFacts(Mapping mapping, SyncOptions options, Instant now, Map<String, SystemFacts> systems,
                            String deletesHalted) {

    public PlanningFacts {
        Objects.requireNonNull(mapping, "mapping");
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(now, "now");
        systems = Map.copyOf(systems);
    }

    /**
     * One system's facts.
     *
     * @param system      the system
     * @param displayName its name for people
     * @param resolution  the resolution of its modification instants
     * @param types       per bound record type, its facts
     */
    public record SystemFacts(String system, String displayName, Duration resolution, Map<String, TypeFacts> types) {
        public SystemFacts {
            types = Map.copyOf(types);
        }
    }

    /**
     * One record type's facts.
     *
     * @param rules      what the system accepts per field (rule 6)
     * @param softDelete how a propagated deletion retires a record instead of deleting it, if the system does that
     * @param inactive   which values mark a record inactive (its partners are not newly created), if any
     * @param precheck   the connector's own checks of values before sending
     * @param modifiedBy the field naming who last changed a record, where the system says
     */
    public record TypeFacts(Map<String, FieldRule> rules, Optional<FieldMarker> softDelete, Optional<FieldMarker> inactive,
                            Precheck precheck, Optional<String> modifiedBy) {
        public TypeFacts {
            rules = Map.copyOf(rules);
            Objects.requireNonNull(modifiedBy, "modifiedBy");
            Objects.requireNonNull(softDelete, "softDelete");
            Objects.requireNonNull(inactive, "inactive");
            Objects.requireNonNull(precheck, "precheck");
        }
    }

    /** A connector's checks of values it would refuse ({@code RecordWriter.precheck}); pure. */
    @FunctionalInterface
    public interface Precheck {
        List<FieldIssue> check(Map<String, String> fields, boolean create);

        Precheck NONE = (fields, create) -> List.of();
    }

    public SystemFacts system(String system) {
        SystemFacts s = systems.get(system);
        if (s == null) {
            throw new IllegalArgumentException("no connector for system " + system + "; connectors: " + systems.keySet());
        }
        return s;
    }

    public TypeFacts type(String system, String type) {
        TypeFacts t = system(system).types().get(type);
        return t != null ? t : new TypeFacts(Map.of(), Optional.empty(), Optional.empty(), Precheck.NONE,
                Optional.empty());
    }

    public String displayName(String system) {
        SystemFacts s = systems.get(system);
        return s == null ? system : s.displayName();
    }
}
