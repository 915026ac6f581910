package io.tolk.app.docs;

/**
 * One row of the QA checklist as printed.
 *
 * @param flowId    {@code F1}, {@code F2}, {@code F3}
 * @param poField   the PowerOffice property
 * @param zohoField the Zoho field
 * @param type      the value type ({@code string})
 */
public record DocsRow(String flowId, String poField, String zohoField, String type) {
}
