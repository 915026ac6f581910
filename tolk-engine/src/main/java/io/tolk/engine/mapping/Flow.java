package io.tolk.engine.mapping;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A flow between one PowerOffice record type and one Zoho record type (F1, F2, F3), composed from two
 * {@link TypeBinding}s through the canonical model.
 *
 * <p>{@link #poweroffice()} and {@link #zoho()} hold only the bindings of properties both sides bind (for F2 the
 * Accounts binding holds {@code Account_Name} alone), so iterating them never touches a field this flow does not own.
 *
 * @param id                  {@code F1}, {@code F2}, {@code F3}
 * @param poweroffice         the PowerOffice side, restricted to this flow's properties
 * @param zoho                the Zoho side, restricted to this flow's properties
 * @param rows                one row per (PowerOffice field, Zoho field) pair bound to the same property; sorted by
 *                            PowerOffice field, then Zoho field. Unmodifiable.
 * @param poFilter            which PowerOffice records take part ({@link RecordFilter#all()} by default)
 * @param zohoFilter          which Zoho records take part ({@link RecordFilter#all()} by default)
 * @param createInZoho        whether unlinked PowerOffice records get a Zoho record
 * @param createInPoweroffice whether unlinked Zoho records get a PowerOffice record; never true for departments
 */
public record Flow(String id, TypeBinding poweroffice, TypeBinding zoho, List<FlowRow> rows,
                   RecordFilter poFilter, RecordFilter zohoFilter,
                   boolean createInZoho, boolean createInPoweroffice) {

    /** The PowerOffice record type that can never be created from Zoho. */
    public static final String DEPARTMENT = "Department";

    public Flow {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(poweroffice, "poweroffice");
        Objects.requireNonNull(zoho, "zoho");
        rows = List.copyOf(rows);
        poFilter = RecordFilter.requireNonNullOrAll(poFilter);
        zohoFilter = RecordFilter.requireNonNullOrAll(zohoFilter);
        if (createInPoweroffice && DEPARTMENT.equals(poweroffice.recordType())) {
            throw new IllegalArgumentException("flow " + id + ": departments are never created from Zoho");
        }
    }

    /** The canonical type both sides are. */
    public CanonicalType canonicalType() {
        return poweroffice.canonicalType();
    }

    /** The side of one system ({@code "poweroffice"} or {@code "zoho"}). */
    public TypeBinding side(String system) {
        if (poweroffice.system().equals(system)) {
            return poweroffice;
        }
        if (zoho.system().equals(system)) {
            return zoho;
        }
        throw new IllegalArgumentException("flow " + id + " has no side " + system);
    }

    /** The filter of one system's records. */
    public RecordFilter filter(String system) {
        return side(system) == poweroffice ? poFilter : zohoFilter;
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
     * The direction for one bound field (either side). A Zoho field has one row per PowerOffice field of its property;
     * with several, the row with the PowerOffice primary field decides. A PowerOffice field bound to several Zoho fields
     * (MailAddress.City ⇄ Billing_City, Shipping_City) takes the direction of its row with the Zoho primary field
     * (Billing_City): that is the field that carries the property into PowerOffice.
     *
     * @throws IllegalArgumentException if the field is not bound to that property in this flow
     */
    public Direction direction(String property, String field) {
        FlowRow zohoSide = pick(property, field, false);
        if (zohoSide != null) {
            return zohoSide.direction();
        }
        FlowRow poSide = pick(property, field, true);
        if (poSide != null) {
            return poSide.direction();
        }
        throw new IllegalArgumentException("flow " + id + " has no field " + field + " bound to " + property);
    }

    private FlowRow pick(String property, String field, boolean poSide) {
        FlowRow first = null;
        for (FlowRow r : rowsOf(property)) {
            String own = poSide ? r.poField() : r.zohoField();
            if (!own.equals(field)) {
                continue;
            }
            String other = poSide ? r.zohoField() : r.poField();
            FieldBinding otherBinding = (poSide ? zoho : poweroffice).binding(other);
            if (otherBinding != null && otherBinding.primary()) {
                return r;
            }
            if (first == null) {
                first = r;
            }
        }
        return first;
    }
}
