package io.tolk.poweroffice;

/** A request field the connector cannot send: unknown, read-only, reserved or of the wrong form. */
final class FieldProblem extends Exception {
    private final String field;

    FieldProblem(String field, String message) {
        super(message, null, false, false);
        this.field = field;
    }

    String field() {
        return field;
    }
}
