package io.tolk.sim.poweroffice;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The properties of one PowerOffice DTO family (Dto, PostDto, PatchDto), in the order the simulator writes them.
 * Names are matched case-insensitively on input (as ASP.NET does) and written in canonical PascalCase.
 */
final class Schema {
  final String entity;        // "Customer", used in messages
  final String postDtoName;   // "CustomerPostDto"
  final String patchDtoName;  // "CustomerPatchDto"
  final List<Field> fields;
  private final Map<String, Field> byLowerName;

  Schema(String entity, String postDtoName, String patchDtoName, List<Field> fields) {
    this.entity = entity;
    this.postDtoName = postDtoName;
    this.patchDtoName = patchDtoName;
    this.fields = List.copyOf(fields);
    Map<String, Field> m = new LinkedHashMap<>();
    for (Field f : fields) {
      m.put(f.name().toLowerCase(Locale.ROOT), f);
    }
    this.byLowerName = Collections.unmodifiableMap(m);
  }

  /** The field with this name, ignoring case, or null. */
  Field field(String name) {
    return byLowerName.get(name.toLowerCase(Locale.ROOT));
  }
}
