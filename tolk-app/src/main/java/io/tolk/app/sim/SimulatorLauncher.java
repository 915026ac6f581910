package io.tolk.app.sim;

import io.tolk.app.UsageException;
import io.tolk.sim.common.SimOptions;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

/**
 * Starts a simulator through its {@code static start(SimOptions)} entry point and adapts whatever handle it
 * returns (anything with {@code baseUrl()} or {@code port()}, and {@code close()}).
 */
final class SimulatorLauncher {

    private SimulatorLauncher() {
    }

    static RunningSimulator start(SimulatorKind kind, String className, SimOptions options) {
        Object handle;
        try {
            Class<?> type = Class.forName(className);
            Method start = type.getMethod("start", SimOptions.class);
            handle = start.invoke(null, options);
        } catch (ClassNotFoundException | NoSuchMethodException e) {
            throw new UsageException("the " + kind.title() + " simulator is not available in this build yet");
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(kind.title() + " simulator failed to start: " + cause.getMessage(), cause);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
        String baseUrl = baseUrl(handle, options);
        return new RunningSimulator() {
            @Override
            public SimulatorKind kind() {
                return kind;
            }

            @Override
            public String baseUrl() {
                return baseUrl;
            }

            @Override
            public void close() {
                try {
                    if (handle instanceof AutoCloseable closeable) {
                        closeable.close();
                    } else {
                        handle.getClass().getMethod("close").invoke(handle);
                    }
                } catch (Exception e) {
                    // closing a simulator must not hide the real outcome of the command
                }
            }
        };
    }

    private static String baseUrl(Object handle, SimOptions options) {
        Object url = call(handle, "baseUrl");
        if (url != null) {
            String s = url.toString();
            return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
        }
        Object port = call(handle, "port");
        if (port == null) {
            Object server = call(handle, "server");
            if (server != null) {
                return baseUrl(server, options);
            }
            throw new IllegalStateException("cannot tell where the simulator listens");
        }
        String host = options.bindAddress();
        if (host.equals("0.0.0.0") || host.equals("::")) {
            host = "127.0.0.1";
        }
        return "http://" + host + ":" + port;
    }

    private static Object call(Object target, String method) {
        try {
            Method m = target.getClass().getMethod(method);
            m.setAccessible(true);
            return m.invoke(target);
        } catch (NoSuchMethodException e) {
            return null;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }
}
