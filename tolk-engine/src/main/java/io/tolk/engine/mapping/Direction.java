package io.tolk.engine.mapping;

import java.util.Collection;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Per property pair: who may write where. Config words: {@code both}, {@code createOnly}, and {@code to<System>} for a
 * pair that flows into one system only, the system named as its connector names itself ({@code toCrm} for a system
 * called {@code crm}).
 */
public sealed interface Direction {

    /** Edits on either side reach the other (the default). */
    record Both() implements Direction {
        @Override
        public boolean carries(String from, String to) {
            return true;
        }

        @Override
        public String word() {
            return "both";
        }
    }

    /** Values flow into {@code system} only; that system's edits of the field are ignored. */
    record Into(String system) implements Direction {
        public Into {
            Objects.requireNonNull(system, "system");
        }

        @Override
        public boolean carries(String from, String to) {
            return to.equals(system);
        }

        @Override
        public String word() {
            return "to" + system.substring(0, 1).toUpperCase(Locale.ROOT) + system.substring(1);
        }
    }

    /** Set when tolk creates the record, never updated afterwards, never read back as a change. */
    record CreateOnly() implements Direction {
        @Override
        public boolean carries(String from, String to) {
            return false;
        }

        @Override
        public String word() {
            return "createOnly";
        }
    }

    Direction BOTH = new Both();
    Direction CREATE_ONLY = new CreateOnly();

    /** Whether an edit in system {@code from} is carried to system {@code to} after the record exists. */
    boolean carries(String from, String to);

    /** The word used in tolk.yaml and in documents. */
    String word();

    static Direction into(String system) {
        return new Into(system);
    }

    /**
     * Parses a config word, ignoring case, {@code _} and {@code -} ({@code toCrm}, {@code tocrm}, {@code TO_CRM}).
     *
     * @param systems the systems of the flow, for {@code to<System>}
     * @throws IllegalArgumentException naming the word and listing the allowed ones
     */
    static Direction parse(String word, Collection<String> systems) {
        String w = word == null ? "" : word.trim().replace("_", "").replace("-", "").toLowerCase(Locale.ROOT);
        if (w.equals("both")) {
            return BOTH;
        }
        if (w.equals("createonly")) {
            return CREATE_ONLY;
        }
        for (String system : systems) {
            if (w.equals("to" + system.toLowerCase(Locale.ROOT))) {
                return into(system);
            }
        }
        String allowed = "both, " + systems.stream().map(s -> new Into(s).word()).collect(Collectors.joining(", "))
                + ", createOnly";
        throw new IllegalArgumentException("'" + (word == null ? "" : word.trim()) + "' is not a direction; use one of: "
                + allowed);
    }
}
