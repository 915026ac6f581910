package io.tolk.engine.mapping;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * The whole mapping: the canonical model, the spokes (one {@link TypeBinding} per system record type), and the
 * flows they compose to. Immutable and thread-safe.
 */
public final class Mapping {

    private final CanonicalModel model;
    private final List<TypeBinding> bindings;
    private final List<Flow> flows;
    private final String fingerprint;

    Mapping(CanonicalModel model, List<TypeBinding> bindings, List<Flow> flows) {
        this.model = Objects.requireNonNull(model, "model");
        this.bindings = List.copyOf(bindings);
        this.flows = List.copyOf(flows);
        this.fingerprint = sha256(describe());
    }

    /** Exactly the spec's flows F1, F2 and F3, every direction {@code both}, created in Zoho only, no filters. */
    public static Mapping defaults() {
        return build(MappingOverrides.none());
    }

    /**
     * The defaults refined by tolk.yaml.
     *
     * @throws MappingException naming the config key and line of the first mistake
     */
    public static Mapping build(MappingOverrides overrides) {
        return new MappingBuilder().build(overrides == null ? MappingOverrides.none() : overrides);
    }

    /** F1, F2, F3 in that order. */
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

    /** The flows a record type takes part in: Zoho {@code Accounts} → F1 and F2; PowerOffice {@code Department} → F2. */
    public List<Flow> flowsFor(String system, String recordType) {
        return flows.stream().filter(f -> {
            TypeBinding side = system.equals(f.poweroffice().system()) ? f.poweroffice()
                    : system.equals(f.zoho().system()) ? f.zoho() : null;
            return side != null && side.recordType().equals(recordType);
        }).toList();
    }

    /**
     * A stable hash (hex SHA-256) of everything that affects sync: properties and kinds, bindings and primaries,
     * rows and directions, filters, create switches. Equal mappings give equal strings in every run; a change means
     * the engine must re-examine (backfill) the records.
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
            out.append("flow ").append(f.id()).append(' ').append(f.poweroffice().recordType()).append(" <-> ")
                    .append(f.zoho().recordType()).append('\n')
                    .append("  poFilter ").append(f.poFilter().expression()).append('\n')
                    .append("  zohoFilter ").append(f.zohoFilter().expression()).append('\n')
                    .append("  createInZoho ").append(f.createInZoho()).append('\n')
                    .append("  createInPoweroffice ").append(f.createInPoweroffice()).append('\n');
            f.rows().forEach(r -> out.append("  ").append(r.property()).append(": ").append(r.poField()).append(" <-> ")
                    .append(r.zohoField()).append(' ').append(r.direction().word()).append(' ').append(r.valueType()).append('\n'));
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
        return "Mapping" + flowIds() + " " + fingerprint.substring(0, 12);
    }
}
