/**
 * {@code tolk docs}: the dataflow QA checklist rendered from a {@link io.tolk.engine.mapping.Mapping}
 * ({@link io.tolk.app.docs.DocsRenderer}, Markdown or reStructuredText) and read back
 * ({@link io.tolk.app.docs.DocsParser}) to prove it says what the mapping does.
 */
package io.tolk.app.docs;
