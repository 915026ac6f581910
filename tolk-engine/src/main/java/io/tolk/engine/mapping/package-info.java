/**
 * The mapping: a hub of canonical types ({@link io.tolk.engine.mapping.CanonicalType}) and properties
 * ({@link io.tolk.engine.mapping.CanonicalModel}), one {@link io.tolk.engine.mapping.TypeBinding} per system record
 * type (the spokes, handed in as data by the connectors), and the flows ({@link io.tolk.engine.mapping.Flow}) the
 * application declares ({@link io.tolk.engine.mapping.FlowDeclaration}) and composing the spokes gives. tolk.yaml
 * refines them through {@link io.tolk.engine.mapping.MappingOverrides}; mistakes there are
 * {@link io.tolk.engine.mapping.MappingException}s naming the config key and line.
 */
package io.tolk.engine.mapping;
