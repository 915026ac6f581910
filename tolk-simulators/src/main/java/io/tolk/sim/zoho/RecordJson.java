package io.tolk.sim.zoho;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * Renders stored records as Zoho JSON: {@code id} plus the requested fields, unset ones as null; lookups as
 * {@code {"name","id"}}, owner fields as {@code {"name","id","email"}}, datetimes in the org zone.
 */
public final class RecordJson {
  private final ObjectMapper mapper;
  private final FieldCatalog catalog;
  private final RecordStore store;
  private final ZohoTime time;
  private final ObjectNode userWithEmail;
  private final ObjectNode userWithoutEmail;

  public RecordJson(ObjectMapper mapper, FieldCatalog catalog, RecordStore store, ZohoTime time) {
    this.mapper = mapper;
    this.catalog = catalog;
    this.store = store;
    this.time = time;
    this.userWithEmail = userNode(true);
    this.userWithoutEmail = userNode(false);
  }

  /** @param fields API names to include (already checked to exist); null = every field */
  public ObjectNode render(StoredRecord r, List<String> fields) {
    ObjectNode n = mapper.createObjectNode();
    List<String> names = fields != null ? fields : catalog.fields(r.module()).stream().map(FieldDef::apiName).toList();
    for (String f : names) {
      if (f.equals("id")) continue;
      FieldDef def = catalog.field(r.module(), f);
      if (def == null) continue;
      put(n, r, def);
    }
    n.put("id", Long.toString(r.id()));
    return n;
  }

  private void put(ObjectNode n, StoredRecord r, FieldDef def) {
    String name = def.apiName();
    switch (name) {
      case "Created_Time" -> n.put(name, time.format(r.createdTime()));
      case "Modified_Time" -> n.put(name, time.format(r.modifiedTime()));
      case "Owner", "Created_By", "Modified_By" -> n.set(name, user(true));
      case "Full_Name" -> n.put(name, r.fullName());
      default -> {
        String v = r.value(name);
        if (v == null) {
          n.putNull(name);
        } else if (def.type() == FieldType.LOOKUP) {
          Long id = RecordValidator.parseId(v);
          StoredRecord target = id == null ? null : store.get(def.lookupModule(), id);
          if (target == null) {
            n.putNull(name);
          } else {
            ObjectNode l = n.putObject(name);
            l.put("name", target.displayName());
            l.put("id", v);
          }
        } else {
          n.put(name, v);
        }
      }
    }
  }

  /** The org user as {@code {name,id[,email]}}; a fresh node, so callers may add to it. */
  public ObjectNode user(boolean withEmail) {
    return (withEmail ? userWithEmail : userWithoutEmail).deepCopy();
  }

  private ObjectNode userNode(boolean withEmail) {
    ObjectNode u = mapper.createObjectNode();
    u.put("name", ZohoUser.ADMIN.name());
    u.put("id", ZohoUser.ADMIN.id());
    if (withEmail) u.put("email", ZohoUser.ADMIN.email());
    return u;
  }
}
