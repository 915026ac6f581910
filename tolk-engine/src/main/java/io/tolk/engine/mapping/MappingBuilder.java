package io.tolk.engine.mapping;

import io.tolk.api.SystemSpoke;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** Composes the systems' spokes into the declared flows and applies tolk.yaml's refinements; one build per instance. */
final class MappingBuilder {

    private static final String VALUE_TYPE = "string";

    private final Map<String, SystemSpoke> systems = new LinkedHashMap<>();
    private final List<TypeBinding> spokes = new ArrayList<>();
    private CanonicalModel model = CanonicalModel.standard();
    /** flow id → row key → direction of an added pair. */
    private final Map<String, Map<String, Direction>> addedDirections = new HashMap<>();

    MappingBuilder(List<SystemSpoke> systemSpokes) {
        for (SystemSpoke s : systemSpokes) {
            if (systems.put(s.system(), s) != null) {
                throw new IllegalArgumentException("two spokes for system " + s.system());
            }
            for (SystemSpoke.TypeSpoke t : s.types()) {
                spokes.add(binding(s.system(), t));
            }
        }
    }

    Mapping build(List<FlowDeclaration> declarations, MappingOverrides overrides) {
        Map<String, FlowDeclaration> byId = new LinkedHashMap<>();
        for (FlowDeclaration d : declarations) {
            for (FlowDeclaration.Side side : d.sides()) {
                spoke(side.system(), side.type());
            }
            if (byId.put(d.id(), d) != null) {
                throw new IllegalArgumentException("flow " + d.id() + " is declared twice");
            }
        }
        Map<String, FlowOverride> byFlow = indexByFlow(overrides.flows(), List.copyOf(byId.keySet()));
        byFlow.values().forEach(o -> addPairs(o, byId.get(o.flow())));
        List<Flow> flows = new ArrayList<>();
        for (FlowDeclaration d : declarations) {
            flows.add(refine(compose(d), d, byFlow.get(d.id()), overrides, byId.values()));
        }
        return new Mapping(model, List.copyOf(systems.values()), spokes, flows);
    }

    private static TypeBinding binding(String system, SystemSpoke.TypeSpoke t) {
        List<FieldBinding> fields = new ArrayList<>();
        for (SystemSpoke.FieldSpoke f : t.fields()) {
            boolean primary = fields.stream().noneMatch(b -> b.property().equals(f.property()));
            fields.add(new FieldBinding(f.property(), f.field(), primary));
        }
        return new TypeBinding(system, t.type(), CanonicalType.of(t.canonicalType()), fields);
    }

    private static Map<String, FlowOverride> indexByFlow(List<FlowOverride> overrides, List<String> known) {
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

    private void addPairs(FlowOverride o, FlowDeclaration decl) {
        List<String> flowSystems = decl.sides().stream().map(FlowDeclaration.Side::system).toList();
        for (int i = 0; i < o.added().size(); i++) {
            AddedPair pair = o.added().get(i);
            String key = "flows." + o.flow() + ".add[" + i + "]";
            CanonicalType canonical = spoke(decl.sides().get(0).system(), decl.sides().get(0).type()).canonicalType();
            String prefix = canonical.key() + ".";
            if (pair.property() == null || !pair.property().startsWith(prefix) || pair.property().length() == prefix.length()) {
                throw new MappingException(key, pair.line(), "an added property of " + o.flow() + " must be named "
                        + prefix + "<name>, e.g. " + prefix + "orgNumber");
            }
            if (CanonicalModel.standard().has(pair.property())) {
                throw new MappingException(key, pair.line(), pair.property() + " is a built-in property; change its direction under flows."
                        + o.flow() + ".properties instead");
            }
            for (String system : pair.fields().keySet()) {
                if (!flowSystems.contains(system)) {
                    throw new MappingException(key, pair.line(), o.flow() + " has no " + system + " side; its sides: "
                            + String.join(", ", flowSystems));
                }
            }
            for (String system : flowSystems) {
                String field = pair.fields().get(system);
                if (field == null || field.isBlank()) {
                    throw new MappingException(key, pair.line(), "the " + system + " field is missing");
                }
            }
            Direction direction = parseDirection(key, pair.line(), pair.directionWord() == null ? "both" : pair.directionWord(),
                    flowSystems);
            if (!model.has(pair.property())) {
                model = model.withProperty(pair.property(), ValueKind.TEXT);
            }
            for (FlowDeclaration.Side side : decl.sides()) {
                bind(key, pair.line(), spoke(side.system(), side.type()), pair.property(), pair.fields().get(side.system()));
            }
            Map<String, Direction> directions = addedDirections.computeIfAbsent(o.flow(), k -> new HashMap<>());
            for (int a = 0; a < decl.sides().size(); a++) {
                for (int b = a + 1; b < decl.sides().size(); b++) {
                    String sa = decl.sides().get(a).system();
                    String sb = decl.sides().get(b).system();
                    directions.put(rowKey(pair.property(), sa, pair.fields().get(sa), sb, pair.fields().get(sb)), direction);
                }
            }
        }
    }

    /** Binds a field to a property in a spoke, unless it is already bound to it; a field bound elsewhere is a mistake. */
    private void bind(String key, int line, TypeBinding spoke, String property, String field) {
        FieldBinding existing = spoke.binding(field);
        if (existing != null) {
            if (existing.property().equals(property)) {
                return;
            }
            throw new MappingException(key, line, systems.get(spoke.system()).displayName() + " " + spoke.recordType() + "."
                    + field + " is already bound to " + existing.property());
        }
        boolean primary = spoke.fieldsOf(property).isEmpty();
        spokes.set(spokes.indexOf(spoke), spoke.with(new FieldBinding(property, field, primary)));
    }

    /** The rows of a flow: every pair of fields of two sides bound to the same property, all directions {@code both}. */
    private Flow compose(FlowDeclaration decl) {
        List<TypeBinding> full = decl.sides().stream().map(s -> spoke(s.system(), s.type())).toList();
        List<FlowRow> rows = new ArrayList<>();
        List<List<FieldBinding>> shared = new ArrayList<>();
        full.forEach(b -> shared.add(new ArrayList<>()));
        Map<String, Direction> added = addedDirections.getOrDefault(decl.id(), Map.of());
        for (int a = 0; a < full.size(); a++) {
            for (int b = a + 1; b < full.size(); b++) {
                TypeBinding left = full.get(a);
                TypeBinding right = full.get(b);
                List<FlowRow> pairRows = new ArrayList<>();
                for (FieldBinding l : left.fields()) {
                    for (FieldBinding r : right.fields()) {
                        if (!l.property().equals(r.property())) {
                            continue;
                        }
                        Direction d = added.getOrDefault(rowKey(l.property(), left.system(), l.field(), right.system(), r.field()),
                                Direction.BOTH);
                        pairRows.add(new FlowRow(l.property(), new FlowRow.FieldRef(left.system(), l.field()),
                                new FlowRow.FieldRef(right.system(), r.field()), d, VALUE_TYPE));
                        addOnce(shared.get(a), l);
                        addOnce(shared.get(b), r);
                    }
                }
                pairRows.sort(Comparator.comparing((FlowRow r) -> r.left().field()).thenComparing(r -> r.right().field()));
                rows.addAll(pairRows);
            }
        }
        List<FlowSide> sides = new ArrayList<>();
        for (int i = 0; i < full.size(); i++) {
            TypeBinding b = full.get(i);
            List<FieldBinding> kept = shared.get(i);
            kept.sort(Comparator.comparingInt(f -> b.fields().indexOf(f)));
            FlowDeclaration.Side side = decl.sides().get(i);
            sides.add(new FlowSide(new TypeBinding(b.system(), b.recordType(), b.canonicalType(), kept), RecordFilter.all(),
                    side.createInto(), side.creatable()));
        }
        return new Flow(decl.id(), sides, rows);
    }

    private static void addOnce(List<FieldBinding> list, FieldBinding f) {
        if (!list.contains(f)) {
            list.add(f);
        }
    }

    private Flow refine(Flow flow, FlowDeclaration decl, FlowOverride o, MappingOverrides overrides,
                        java.util.Collection<FlowDeclaration> all) {
        Map<String, Boolean> createInto = new HashMap<>();
        for (FlowSide side : flow.sides()) {
            Setting<Boolean> general = overrides.createInto().get(side.system());
            createInto.put(side.system(), side.creatable() && general != null ? general.value() : side.createInto());
        }
        Map<String, RecordFilter> filters = new HashMap<>();
        List<FlowRow> rows = new ArrayList<>(flow.rows());
        if (o != null) {
            for (Map.Entry<String, Setting<Boolean>> e : o.createInto().entrySet()) {
                Setting<Boolean> s = e.getValue();
                requireSide(flow, e.getKey(), s);
                FlowSide side = flow.side(e.getKey());
                if (Boolean.TRUE.equals(s.value()) && !side.creatable()) {
                    throw new MappingException(s.key(), s.line(), neverCreated(flow, side, s, all));
                }
                createInto.put(e.getKey(), side.creatable() && Boolean.TRUE.equals(s.value()));
            }
            for (Map.Entry<String, Setting<String>> e : o.filters().entrySet()) {
                Setting<String> s = e.getValue();
                requireSide(flow, e.getKey(), s);
                try {
                    filters.put(e.getKey(), RecordFilter.parse(s.value()));
                } catch (IllegalArgumentException ex) {
                    throw new MappingException(s.key(), s.line(), ex.getMessage());
                }
            }
            for (PropertyOverride p : o.properties()) {
                String key = "flows." + flow.id() + ".properties." + p.field();
                Direction d = parseDirection(key, p.line(), p.directionWord(), flow.systems());
                boolean found = false;
                for (int i = 0; i < rows.size(); i++) {
                    FlowRow r = rows.get(i);
                    if (r.left().field().equals(p.field()) || r.right().field().equals(p.field())) {
                        rows.set(i, r.withDirection(d));
                        found = true;
                    }
                }
                if (!found) {
                    TreeSet<String> known = new TreeSet<>();
                    flow.rows().forEach(r -> {
                        known.add(r.left().field());
                        known.add(r.right().field());
                    });
                    throw new MappingException(key, p.line(), "no field " + p.field() + " in " + flow.id() + " ("
                            + flow.sides().stream().map(FlowSide::type).collect(Collectors.joining(" ⇄ ")) + "); known: "
                            + String.join(", ", known));
                }
            }
        }
        List<FlowSide> sides = new ArrayList<>();
        for (FlowSide side : flow.sides()) {
            sides.add(side.with(side.binding(), filters.getOrDefault(side.system(), RecordFilter.all()),
                    createInto.get(side.system())));
        }
        return new Flow(flow.id(), sides, rows);
    }

    private static void requireSide(Flow flow, String system, Setting<?> s) {
        if (!flow.hasSide(system)) {
            throw new MappingException(s.key(), s.line(), flow.id() + " has no " + system + " side; its sides: "
                    + String.join(", ", flow.systems()));
        }
    }

    /** Why a side that is never created cannot be switched on, and where creating can be. */
    private String neverCreated(Flow flow, FlowSide side, Setting<Boolean> s, java.util.Collection<FlowDeclaration> all) {
        String name = typeName(side.system(), side.type());
        List<String> others = flow.sides().stream().filter(x -> x != side).toList().stream()
                .map(x -> systems.get(x.system()).displayName()).toList();
        List<String> otherTypes = flow.sides().stream().filter(x -> x != side).map(x -> typeName(x.system(), x.type())).toList();
        String setting = s.key().substring(s.key().lastIndexOf('.') + 1);
        List<String> alternatives = new ArrayList<>();
        for (FlowDeclaration d : all) {
            for (FlowDeclaration.Side x : d.sides()) {
                if (x.system().equals(side.system()) && x.creatable()) {
                    alternatives.add(d.id() + " (" + typeName(x.system(), x.type()) + "s)");
                }
            }
        }
        return name + "s are never created from " + String.join(" or ", others) + "; an unlinked "
                + String.join(" or ", otherTypes) + " is only matched to an existing " + name + ". Remove this line"
                + (alternatives.isEmpty() ? "" : ", or set " + setting + " under " + String.join(" or ", alternatives));
    }

    private String typeName(String system, String type) {
        SystemSpoke.TypeSpoke t = systems.get(system).type(type);
        return t == null ? type : t.displayName();
    }

    private static Direction parseDirection(String key, int line, String word, List<String> systems) {
        try {
            return Direction.parse(word, systems);
        } catch (IllegalArgumentException e) {
            throw new MappingException(key, line, e.getMessage());
        }
    }

    private static String rowKey(String property, String systemA, String fieldA, String systemB, String fieldB) {
        return property + "|" + systemA + "=" + fieldA + "|" + systemB + "=" + fieldB;
    }

    private TypeBinding spoke(String system, String recordType) {
        if (!systems.containsKey(system)) {
            throw new IllegalArgumentException("no spoke for system " + system + "; known: " + String.join(", ", systems.keySet()));
        }
        return spokes.stream().filter(s -> s.system().equals(system) && s.recordType().equals(recordType))
                .findFirst().orElseThrow(() -> new IllegalArgumentException("system " + system + " maps no record type "
                        + recordType));
    }
}
