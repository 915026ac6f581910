package io.tolk.sim.poweroffice;

import java.util.List;

/**
 * One property of a PowerOffice DTO.
 *
 * @param name      canonical PascalCase name
 * @param type      JSON type
 * @param readOnly  set by the server only
 * @param postable  accepted in the Post DTO
 * @param patchable a JSON Patch may target it
 * @param maxLength for strings, 0 = no limit
 * @param enumValues for ENUM
 * @param nested    for OBJECT: the nested schema
 */
record Field(String name, FieldType type, boolean readOnly, boolean postable, boolean patchable, int maxLength,
             List<String> enumValues, Schema nested) {

  static Field of(String name, FieldType type) {
    return new Field(name, type, false, true, false, 0, List.of(), null);
  }

  Field ro() {
    return new Field(name, type, true, false, false, maxLength, enumValues, nested);
  }

  Field post() {
    return new Field(name, type, readOnly, true, patchable, maxLength, enumValues, nested);
  }

  Field noPost() {
    return new Field(name, type, readOnly, false, patchable, maxLength, enumValues, nested);
  }

  Field patch() {
    return new Field(name, type, readOnly, postable, true, maxLength, enumValues, nested);
  }

  Field max(int n) {
    return new Field(name, type, readOnly, postable, patchable, n, enumValues, nested);
  }

  Field oneOf(List<String> values) {
    return new Field(name, type, readOnly, postable, patchable, maxLength, values, nested);
  }

  Field nested(Schema s) {
    return new Field(name, type, readOnly, postable, patchable, maxLength, enumValues, s);
  }
}
