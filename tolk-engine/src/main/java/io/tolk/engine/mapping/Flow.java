package io.tolk.engine.mapping;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A flow: record types of two or more systems that stand for the same canonical things, composed from their
 * {@link TypeBinding}s through the canonical model. An entity of the flow has at most one record per side.
 *
 * <p>Each side holds only the bindings of properties that another side binds too, so iterating a side never touches a
 * field this flow does not own.
 *
 * @param id    the flow's id, e.g. {@code F1}
 * @param sides one per system, in declaration order (the order ties and documents follow)
 * @param rows  one row per pair of fields of two sides bound to the same property; sorted by the earlier side's field,
 *              then the later side's. Unmodifiable.
 */
public record Flow(String id, List<FlowSide> sides, List<FlowRow> rows) {

    public Flow {
        Objects.requireNonNull(id, "id");
        sides = List.copyOf(sides);
        rows = List.copyOf(rows);
        if (sides.size() < 2) {
            throw new IllegalArgumentException("flow " + id + " needs at least two sides");
        }
        Set<String> systems = new LinkedHashSet<>();
        for (FlowSide s : sides) {
            if (!systems.add(s.system())) {
                throw new IllegalArgumentException("flow " + id + " has two sides in " + s.system());
            }
        }
    }

    /** The systems of the sides, in order. */
    public List<String> systems() {
        return sides.stream().map(FlowSide::system).toList();
    }

    /** Whether the flow has a side in {@code system}. */
    public boolean hasSide(String system) {
        return sides.stream().anyMatch(s -> s.system().equals(system));
    }

    /**
     * The side of one system.
     *
     * @throws IllegalArgumentException if the flow has none there
     */
    public FlowSide side(String system) {
        for (FlowSide s : sides) {
            if (s.system().equals(system)) {
                return s;
            }
        }
        throw new IllegalArgumentException("flow " + id + " has no side " + system);
    }

    /** The binding of one system's side. */
    public TypeBinding binding(String system) {
        return side(system).binding();
    }

    /** The filter of one system's records. */
    public RecordFilter filter(String system) {
        return side(system).filter();
    }

    /** Whether the flow joins records of this system and type. */
    public boolean joins(String system, String type) {
        return hasSide(system) && side(system).type().equals(type);
    }

    /** The canonical type all sides are. */
    public CanonicalType canonicalType() {
        return sides.get(0).binding().canonicalType();
    }

    /** The rows of one property (empty if this flow does not carry it). */
    public List<FlowRow> rowsOf(String property) {
        List<FlowRow> out = new ArrayList<>();
        for (FlowRow r : rows) {
            if (r.property().equals(property)) {
                out.add(r);
            }
        }
        return out;
    }

    /** The canonical properties this flow carries, in row order, without repeats. */
    public List<String> properties() {
        return rows.stream().map(FlowRow::property).distinct().toList();
    }

    /**
     * The direction of one bound field towards one other side. A field has one row per field of the other side bound
     * to its property; with several, the row with the other side's primary field decides (for a city bound to a billing
     * and a shipping city, the billing city's row carries the property). {@code null} when the field has no row with
     * that side.
     */
    public Direction direction(String property, String system, String field, String otherSystem) {
        FlowRow first = null;
        for (FlowRow r : rowsOf(property)) {
            if (!r.has(system, field) || !r.other(system).system().equals(otherSystem)) {
                continue;
            }
            FieldBinding otherBinding = binding(otherSystem).binding(r.other(system).field());
            if (otherBinding != null && otherBinding.primary()) {
                return r.direction();
            }
            if (first == null) {
                first = r;
            }
        }
        return first == null ? null : first.direction();
    }

    /** Whether edits of this field are carried to some other side (after the record exists). */
    public boolean readsFrom(String property, String system, String field) {
        for (FlowSide other : sides) {
            if (!other.system().equals(system)) {
                Direction d = direction(property, system, field, other.system());
                if (d != null && d.carries(system, other.system())) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Whether tolk writes this field when the property changes elsewhere (after the record exists). */
    public boolean writesInto(String property, String system, String field) {
        for (FlowSide other : sides) {
            if (!other.system().equals(system)) {
                Direction d = direction(property, system, field, other.system());
                if (d != null && d.carries(other.system(), system)) {
                    return true;
                }
            }
        }
        return false;
    }
}
