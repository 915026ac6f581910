package io.tolk.app.web.access;

import java.util.Locale;

/** Host names that mean this machine. */
final class LoopbackNames {

    private LoopbackNames() {
    }

    static boolean isLoopbackName(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return n.equals("localhost") || n.endsWith(".localhost") || n.equals("::1") || n.startsWith("127.");
    }
}
