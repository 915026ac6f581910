package io.tolk.sim.zoho;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tolk.sim.common.SimRequest;
import io.tolk.sim.common.SimResponse;

/**
 * Metadata: {@code GET /crm/v8/settings/modules} and {@code GET /crm/v8/settings/fields?module=}, rendered from the
 * same {@link FieldCatalog} the validator uses. A unique field carries {@code "unique":{"casesensitive":"false"}},
 * others {@code "unique":{}}. Every field has a positive {@code length} (see {@link #UNLIMITED_LENGTH}).
 */
public final class SettingsApi {
  /**
   * The {@code length} Zoho's samples show for a field without a text limit (owner lookups, lookups, picklists,
   * date-times). Never 0: the official SDK's JSON reader takes an object whose {@code length} is 0 for an empty
   * array and drops that field from the metadata it loads, so a 0 here fails every SDK call on the module.
   */
  static final int UNLIMITED_LENGTH = 120;

  private final ObjectMapper mapper;
  private final FieldCatalog catalog;
  private final ZohoErrors errors;

  public SettingsApi(ObjectMapper mapper, FieldCatalog catalog, ZohoErrors errors) {
    this.mapper = mapper;
    this.catalog = catalog;
    this.errors = errors;
  }

  public SimResponse modules(SimRequest rq) {
    ObjectNode body = mapper.createObjectNode();
    ArrayNode a = body.putArray("modules");
    for (ZohoModule m : ZohoModule.values()) {
      ObjectNode n = a.addObject();
      n.put("api_name", m.apiName());
      n.put("module_name", m.apiName());
      n.put("singular_label", m.singularLabel());
      n.put("plural_label", m.apiName());
      n.put("id", RecordWriter.moduleId(m));
      n.put("api_supported", true);
      n.put("generated_type", "default");
      n.put("editable", true);
      n.put("deletable", true);
      n.put("creatable", true);
      n.put("viewable", true);
    }
    return SimResponse.json(200, body, mapper);
  }

  public SimResponse fields(SimRequest rq) {
    String name = rq.query("module");
    if (name == null || name.isBlank()) throw errors.missingParam("module");
    ZohoModule module = ZohoModule.byApiName(name)
        .orElseThrow(() -> errors.badParam("INVALID_MODULE", "The module name given seems to be invalid", "module"));
    ObjectNode body = mapper.createObjectNode();
    ArrayNode a = body.putArray("fields");
    int seq = 0;
    for (FieldDef f : catalog.fields(module)) {
      ObjectNode n = a.addObject();
      n.put("api_name", f.apiName());
      n.put("field_label", f.label());
      n.put("display_label", f.label());
      n.put("id", String.valueOf(4_876_876_000_000_010_000L + module.ordinal() * 1000L + (++seq)));
      n.put("data_type", f.type().dataType());
      n.put("json_type", f.type().jsonType());
      n.put("length", f.length() > 0 ? f.length() : UNLIMITED_LENGTH);
      n.put("system_mandatory", f.systemMandatory());
      n.put("read_only", f.readOnly());
      n.put("field_read_only", f.readOnly());
      n.put("custom_field", f.custom());
      ObjectNode u = n.putObject("unique");
      if (f.unique()) u.put("casesensitive", "false");
      n.put("visible", true);
      if (f.type() == FieldType.LOOKUP) {
        ObjectNode l = n.putObject("lookup");
        ObjectNode m = l.putObject("module");
        m.put("api_name", f.lookupModule().apiName());
        m.put("id", RecordWriter.moduleId(f.lookupModule()));
      }
    }
    return SimResponse.json(200, body, mapper);
  }
}
