package io.tolk.engine.mapping;

import io.tolk.api.SystemSpoke;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The whole mapping: the canonical model, the spokes (one {@link TypeBinding} per system record type, from the
 * connectors' {@link SystemSpoke}s), and the flows the application declared, composed from them. Immutable and
 * thread-safe. The engine knows systems only through this: their names, display names and bindings are data.
 */
public final class Mapping {

    private final CanonicalModel model;
    private final List<SystemSpoke> systems;
    private final List<TypeBinding> bindings;
    private final List<Flow> flows;
    private final String fingerprint;

    Mapping(CanonicalModel model, List<SystemSpoke> systems, List<TypeBinding> bindings, List<Flow> flows) {
        this.model = Objects.requireNonNull(model, "model");
        this.systems = List.copyOf(systems);
        this.bindings = List.copyOf(bindings);
        this.flows = List.copyOf(flows);
        this.fingerprint = sha256(describe());
    }

    /**
     * Composes the declared flows from the systems' spokes and refines them by tolk.yaml.
     *
     * @throws MappingException         naming the config key and line of the first mistake in {@code overrides}
     * @throws IllegalArgumentException when a declaration names a system or type no spoke maps
     */
    public static Mapping build(List<SystemSpoke> spokes, List<FlowDeclaration> flows, MappingOverrides overrides) {
        return new MappingBuilder(spokes).build(flows, overrides == null ? MappingOverrides.none() : overrides);
    }

    /** The flows, in declaration order. */
    public List<Flow> flows() {
        return flows;
    }

    /**
     * One flow by id.
     *
     * @throws IllegalArgumentException listing the known ids
     */
    public Flow flow(String id) {
        for (Flow f : flows) {
            if (f.id().equals(id)) {
                return f;
            }
        }
        throw new IllegalArgumentException("no flow " + id + "; known: " + String.join(", ", flowIds()));
    }

    /** The flow ids, in order. */
    public List<String> flowIds() {
        return flows.stream().map(Flow::id).toList();
    }

    /** The canonical model, including properties added by tolk.yaml. */
    public CanonicalModel model() {
        return model;
    }

    /** The spokes: every system record type's full binding. */
    public List<TypeBinding> bindings() {
        return bindings;
    }

    /** The full binding of one system's type, or {@code null}. */
    public TypeBinding binding(String system, String type) {
        for (TypeBinding b : bindings) {
            if (b.system().equals(system) && b.recordType().equals(type)) {
                return b;
            }
        }
        return null;
    }

    /** The systems the flows join, in the order their first sides appear. */
    public List<String> systems() {
        Set<String> out = new LinkedHashSet<>();
        flows.forEach(f -> out.addAll(f.systems()));
        return List.copyOf(out);
    }

    /** The record types of one system the flows join, in flow order. */
    public List<String> boundTypes(String system) {
        Set<String> out = new LinkedHashSet<>();
        for (Flow f : flows) {
            if (f.hasSide(system)) {
                out.add(f.side(system).type());
            }
        }
        return List.copyOf(out);
    }

    /** A system's name for people, as its spoke gives it ({@code system} itself when it has no spoke). */
    public String displayName(String system) {
        for (SystemSpoke s : systems) {
            if (s.system().equals(system)) {
                return s.displayName();
            }
        }
        return system;
    }

    /** A system's spoke of one type (display names, resource), or {@code null}. */
    public SystemSpoke.TypeSpoke typeSpoke(String system, String type) {
        for (SystemSpoke s : systems) {
            if (s.system().equals(system)) {
                return s.type(type);
            }
        }
        return null;
    }

    /** The flows a record type takes part in (a type several flows share is in each of them). */
    public List<Flow> flowsFor(String system, String recordType) {
        return flows.stream().filter(f -> f.joins(system, recordType)).toList();
    }

    /**
     * A stable hash (hex SHA-256) of everything that affects sync: properties and kinds, bindings and primaries,
     * sides, rows and directions, filters, create switches. Equal mappings give equal strings in every run; a change
     * means the engine must re-examine (backfill) the records.
     */
    public String fingerprint() {
        return fingerprint;
    }

    /** A readable, deterministic description of everything the fingerprint covers. */
    String describe() {
        StringBuilder out = new StringBuilder("model\n").append(model.describe());
        for (TypeBinding b : bindings) {
            out.append("binding ").append(b.system()).append('/').append(b.recordType()).append(" as ")
                    .append(b.canonicalType().key()).append('\n');
            b.fields().forEach(f -> out.append("  ").append(f.property()).append(" <- ").append(f.field())
                    .append(f.primary() ? " primary" : "").append('\n'));
        }
        for (Flow f : flows) {
            out.append("flow ").append(f.id()).append('\n');
            for (FlowSide s : f.sides()) {
                out.append("  side ").append(s.system()).append('/').append(s.type())
                        .append(" filter ").append(s.filter().expression())
                        .append(" createInto ").append(s.createInto()).append('\n');
            }
            f.rows().forEach(r -> out.append("  ").append(r.property()).append(": ").append(r.left().system()).append('.')
                    .append(r.left().field()).append(" <-> ").append(r.right().system()).append('.').append(r.right().field())
                    .append(' ').append(r.direction().word()).append(' ').append(r.valueType()).append('\n'));
        }
        return out.toString();
    }

    private static String sha256(String text) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Mapping other && fingerprint.equals(other.fingerprint);
    }

    @Override
    public int hashCode() {
        return fingerprint.hashCode();
    }

    @Override
    public String toString() {
        List<String> ids = new ArrayList<>(flowIds());
        return "Mapping" + ids + " " + fingerprint.substring(0, 12);
    }
}
