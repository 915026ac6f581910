package io.tolk.api;

/**
 * What a system accepts in one field, as its own metadata says (Zoho's {@code /settings/fields}) or as the
 * connector knows it. The engine checks values against these before sending them.
 *
 * @param field     the field path
 * @param maxLength the most characters accepted, or {@code 0} when unknown or unlimited
 * @param mandatory whether a create without it is refused
 * @param dataType  the system's data type name ({@code text}, {@code email}, {@code phone}, ...), or {@code null}
 */
public record FieldRule(String field, int maxLength, boolean mandatory, String dataType) {
}
