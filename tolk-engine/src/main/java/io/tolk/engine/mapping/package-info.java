/**
 * The mapping: a hub of canonical types ({@link io.tolk.engine.mapping.CanonicalType}) and properties
 * ({@link io.tolk.engine.mapping.CanonicalModel}), one {@link io.tolk.engine.mapping.TypeBinding} per system record
 * type (the spokes), and the flows F1-F3 ({@link io.tolk.engine.mapping.Flow}) that composing two spokes gives.
 * {@link io.tolk.engine.mapping.Mapping#defaults()} is exactly the dataflow spec; tolk.yaml refines it through
 * {@link io.tolk.engine.mapping.MappingOverrides}, and mistakes there are
 * {@link io.tolk.engine.mapping.MappingException}s naming the config key and line.
 */
package io.tolk.engine.mapping;
