package io.tolk.engine.mapping;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** Composes the spokes into flows and applies tolk.yaml's refinements; one build per instance. */
final class MappingBuilder {

    private static final String VALUE_TYPE = "string";

    private CanonicalModel model = CanonicalModel.standard();
    private final List<TypeBinding> spokes = new ArrayList<>(StandardBindings.spokes());
    /** flow id → (property|poField|zohoField) → direction of an added pair. */
    private final Map<String, Map<String, Direction>> addedDirections = new HashMap<>();

    Mapping build(MappingOverrides overrides) {
        Map<String, FlowOverride> byFlow = indexByFlow(overrides.flows());
        byFlow.values().forEach(this::addPairs);
        List<Flow> flows = new ArrayList<>();
        for (StandardBindings.FlowDeclaration declaration : StandardBindings.FLOWS) {
            Flow composed = compose(declaration);
            flows.add(refine(composed, byFlow.get(declaration.id()), overrides));
        }
        return new Mapping(model, spokes, flows);
    }

    private static Map<String, FlowOverride> indexByFlow(List<FlowOverride> overrides) {
        List<String> known = StandardBindings.FLOWS.stream().map(StandardBindings.FlowDeclaration::id).toList();
        Map<String, FlowOverride> byFlow = new LinkedHashMap<>();
        for (FlowOverride o : overrides) {
            String key = "flows." + o.flow();
            if (!known.contains(o.flow())) {
                throw new MappingException(key, o.line(), "no flow " + o.flow() + "; known: " + String.join(", ", known));
            }
            if (byFlow.put(o.flow(), o) != null) {
                throw new MappingException(key, o.line(), "flow " + o.flow() + " is refined twice; keep one entry");
            }
        }
        return byFlow;
    }

    private void addPairs(FlowOverride o) {
        StandardBindings.FlowDeclaration decl = declaration(o.flow());
        for (int i = 0; i < o.added().size(); i++) {
            AddedPair pair = o.added().get(i);
            String key = "flows." + o.flow() + ".add[" + i + "]";
            TypeBinding po = spoke(StandardBindings.PO, decl.poType());
            TypeBinding zoho = spoke(StandardBindings.ZOHO, decl.zohoType());
            String prefix = po.canonicalType().key() + ".";
            if (pair.property() == null || !pair.property().startsWith(prefix) || pair.property().length() == prefix.length()) {
                throw new MappingException(key, pair.line(), "an added property of " + o.flow() + " must be named "
                        + prefix + "<name>, e.g. " + prefix + "orgNumber");
            }
            if (CanonicalModel.standard().has(pair.property())) {
                throw new MappingException(key, pair.line(), pair.property() + " is a built-in property; change its direction under flows."
                        + o.flow() + ".properties instead");
            }
            requireField(key, pair.line(), "poweroffice", pair.poField());
            requireField(key, pair.line(), "zoho", pair.zohoField());
            Direction direction = parseDirection(key, pair.line(), pair.directionWord() == null ? "both" : pair.directionWord());
            if (!model.has(pair.property())) {
                model = model.withProperty(pair.property(), ValueKind.TEXT);
            }
            bind(key, pair.line(), po, pair.property(), pair.poField());
            bind(key, pair.line(), zoho, pair.property(), pair.zohoField());
            addedDirections.computeIfAbsent(o.flow(), k -> new HashMap<>())
                    .put(rowKey(pair.property(), pair.poField(), pair.zohoField()), direction);
        }
    }

    private static void requireField(String key, int line, String side, String field) {
        if (field == null || field.isBlank()) {
            throw new MappingException(key, line, "the " + side + " field is missing");
        }
    }

    /** Binds a field to a property in a spoke, unless it is already bound to it; a field bound elsewhere is a mistake. */
    private void bind(String key, int line, TypeBinding spoke, String property, String field) {
        FieldBinding existing = spoke.binding(field);
        if (existing != null) {
            if (existing.property().equals(property)) {
                return;
            }
            String system = StandardBindings.PO.equals(spoke.system()) ? "PowerOffice" : "Zoho";
            throw new MappingException(key, line, system + " " + spoke.recordType() + "." + field
                    + " is already bound to " + existing.property());
        }
        boolean primary = spoke.fieldsOf(property).isEmpty();
        spokes.set(spokes.indexOf(spoke), spoke.with(new FieldBinding(property, field, primary)));
    }

    /** The rows of a flow: every pair of fields bound to the same property, all directions {@code both}. */
    private Flow compose(StandardBindings.FlowDeclaration decl) {
        TypeBinding po = spoke(StandardBindings.PO, decl.poType());
        TypeBinding zoho = spoke(StandardBindings.ZOHO, decl.zohoType());
        List<FlowRow> rows = new ArrayList<>();
        List<FieldBinding> poShared = new ArrayList<>();
        List<FieldBinding> zohoShared = new ArrayList<>();
        for (FieldBinding p : po.fields()) {
            for (FieldBinding z : zoho.fields()) {
                if (p.property().equals(z.property())) {
                    Direction d = addedDirections.getOrDefault(decl.id(), Map.of())
                            .getOrDefault(rowKey(p.property(), p.field(), z.field()), Direction.BOTH);
                    rows.add(new FlowRow(p.property(), p.field(), z.field(), d, VALUE_TYPE));
                    if (!poShared.contains(p)) {
                        poShared.add(p);
                    }
                    if (!zohoShared.contains(z)) {
                        zohoShared.add(z);
                    }
                }
            }
        }
        zohoShared.sort((a, b) -> Integer.compare(zoho.fields().indexOf(a), zoho.fields().indexOf(b)));
        rows.sort((a, b) -> a.poField().equals(b.poField())
                ? a.zohoField().compareTo(b.zohoField()) : a.poField().compareTo(b.poField()));
        return new Flow(decl.id(),
                new TypeBinding(po.system(), po.recordType(), po.canonicalType(), poShared),
                new TypeBinding(zoho.system(), zoho.recordType(), zoho.canonicalType(), zohoShared),
                rows, RecordFilter.all(), RecordFilter.all(), true, false);
    }

    private static Flow refine(Flow flow, FlowOverride o, MappingOverrides overrides) {
        boolean department = Flow.DEPARTMENT.equals(flow.poweroffice().recordType());
        boolean createInPo = !department && Boolean.TRUE.equals(overrides.createInPoweroffice());
        if (o == null) {
            return withSwitches(flow, flow.rows(), RecordFilter.all(), createInPo);
        }
        String base = "flows." + flow.id();
        RecordFilter filter;
        try {
            filter = RecordFilter.parse(o.filter());
        } catch (IllegalArgumentException e) {
            throw new MappingException(base + ".filter", o.filterLine(), e.getMessage());
        }
        if (o.createInPoweroffice() != null) {
            if (department && o.createInPoweroffice()) {
                throw new MappingException(base + ".createInPoweroffice", o.createLine(),
                        "departments are never created from Zoho; an unlinked Account is only matched to an existing department. "
                                + "Remove this line, or set createInPoweroffice under F1 (company customers) or F3 (person customers)");
            }
            createInPo = o.createInPoweroffice();
        }
        List<FlowRow> rows = new ArrayList<>(flow.rows());
        for (PropertyOverride p : o.properties()) {
            String key = base + ".properties." + p.field();
            Direction d = parseDirection(key, p.line(), p.directionWord());
            boolean found = false;
            for (int i = 0; i < rows.size(); i++) {
                FlowRow r = rows.get(i);
                if (r.poField().equals(p.field()) || r.zohoField().equals(p.field())) {
                    rows.set(i, r.withDirection(d));
                    found = true;
                }
            }
            if (!found) {
                TreeSet<String> known = new TreeSet<>();
                flow.rows().forEach(r -> {
                    known.add(r.poField());
                    known.add(r.zohoField());
                });
                throw new MappingException(key, p.line(), "no field " + p.field() + " in " + flow.id() + " ("
                        + flow.poweroffice().recordType() + " ⇄ " + flow.zoho().recordType() + "); known: " + String.join(", ", known));
            }
        }
        return withSwitches(flow, rows, filter, createInPo);
    }

    private static Flow withSwitches(Flow flow, List<FlowRow> rows, RecordFilter poFilter, boolean createInPo) {
        return new Flow(flow.id(), flow.poweroffice(), flow.zoho(), rows, poFilter, flow.zohoFilter(),
                flow.createInZoho(), createInPo);
    }

    private static Direction parseDirection(String key, int line, String word) {
        try {
            return Direction.parse(word);
        } catch (IllegalArgumentException e) {
            throw new MappingException(key, line, e.getMessage());
        }
    }

    private static String rowKey(String property, String poField, String zohoField) {
        return property + "|" + poField + "|" + zohoField;
    }

    private static StandardBindings.FlowDeclaration declaration(String id) {
        return StandardBindings.FLOWS.stream().filter(d -> d.id().equals(id)).findFirst().orElseThrow();
    }

    private TypeBinding spoke(String system, String recordType) {
        return spokes.stream().filter(s -> s.system().equals(system) && s.recordType().equals(recordType))
                .findFirst().orElseThrow(() -> new IllegalStateException("no binding for " + system + " " + recordType));
    }
}
