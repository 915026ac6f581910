package io.tolk.sim.poweroffice;

/** The JSON type of a DTO property, as the official OpenAPI document declares it. */
enum FieldType {
  STRING, INT64, INT32, BOOL, DOUBLE, DATE, DATETIME, UUID, INT64_ARRAY, ENUM, OBJECT
}
