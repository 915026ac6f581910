package io.tolk.app.config;

import java.util.List;

/**
 * One entry of {@code flows:} as written (with lines), refining a built-in flow. Turned into the engine's
 * mapping overrides; the engine judges field names and filters, and its errors are shown with these lines.
 */
public record FlowConfig(String flow, int line, String filter, int filterLine, Boolean createInPoweroffice,
                         int createLine, List<PropertyDirection> properties, List<AddedPair> added) {

    /** {@code properties: {Shipping_City: createOnly}}. */
    public record PropertyDirection(String field, String directionWord, int line) {
    }

    /**
     * {@code add: [{property, poweroffice, zoho, direction}]}: a further property pair.
     *
     * @param line     the item's line
     * @param poLine   the line of its {@code poweroffice:} value
     * @param zohoLine the line of its {@code zoho:} value
     */
    public record AddedPair(String property, String poField, String zohoField, String directionWord, int line,
                            int poLine, int zohoLine) {

        /** With the fields' lines unknown: the item's line stands for them. */
        public AddedPair(String property, String poField, String zohoField, String directionWord, int line) {
            this(property, poField, zohoField, directionWord, line, line, line);
        }
    }
}
