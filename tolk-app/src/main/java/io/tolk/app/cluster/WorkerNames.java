package io.tolk.app.cluster;

/** A worker's default name: its host and process id ({@code host-a/4711}), unique in a cluster. */
public final class WorkerNames {

    private WorkerNames() {
    }

    public static String ofThisProcess() {
        String host = System.getenv("HOSTNAME");
        if (host == null || host.isBlank()) {
            try {
                host = java.net.InetAddress.getLocalHost().getHostName();
            } catch (java.io.IOException e) {
                host = "localhost";
            }
        }
        return host + "/" + ProcessHandle.current().pid();
    }
}
