package io.tolk.engine.cycle;

/**
 * Told about every decision as a cycle makes it, so a command can print a long plan as it goes instead of holding it.
 * Called on the cycle's thread; must return quickly and not throw.
 */
@FunctionalInterface
public interface ChangeListener {

    void changed(Change change);

    ChangeListener NONE = change -> { };
}
