package io.tolk.engine.cycle;

import io.tolk.api.Connector;
import io.tolk.api.ConnectorException;
import io.tolk.api.ErrorKind;
import io.tolk.engine.StopSignal;

import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs a cycle's write calls, several at a time: each system gets as many calls in flight as its connector allows
 * ({@link Connector#writeConcurrency()}), so the writes of one chunk overlap each other and the planning of the
 * next. Once a system says its quota is spent ({@link ErrorKind#QUOTA}), no more calls are sent to it this cycle:
 * they fail at once with the same exception; once the cycle is asked to stop, calls not yet sent fail with
 * {@link NotSent}. Closed with the cycle.
 */
final class WriteLanes implements AutoCloseable {

    private final ExecutorService pool;
    private final Map<String, Semaphore> permits = new ConcurrentHashMap<>();
    private final Map<String, ConnectorException> spent = new ConcurrentHashMap<>();
    private final StopSignal stop;

    /**
     * @param synchronous run every call on the caller's thread (a dry run, whose writes go nowhere)
     * @param stop        once it asks to stop, calls not yet sent fail at once with {@link NotSent}
     */
    WriteLanes(Systems systems, boolean synchronous, StopSignal stop) {
        this.stop = stop;
        int threads = 0;
        for (Connector c : systems.all()) {
            int n = Math.max(1, c.writeConcurrency());
            permits.put(c.system(), new Semaphore(n));
            threads += n;
        }
        AtomicInteger count = new AtomicInteger();
        this.pool = synchronous ? null : Executors.newFixedThreadPool(Math.max(1, threads), r -> {
            Thread t = new Thread(r, "tolk-write-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** Sends one call to {@code system} when a slot is free. */
    <T> CompletableFuture<T> submit(String system, Callable<T> call) {
        if (pool == null) {
            CompletableFuture<T> done = new CompletableFuture<>();
            try {
                done.complete(run(system, call));
            } catch (Exception | Error e) {
                done.completeExceptionally(e);
            }
            return done;
        }
        CompletableFuture<T> future = new CompletableFuture<>();
        pool.execute(() -> {
            Semaphore slot = permits.get(system);
            try {
                slot.acquire();
                try {
                    future.complete(run(system, call));
                } finally {
                    slot.release();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                future.completeExceptionally(e);
            } catch (Exception | Error e) {
                // an Error (out of memory) completes the future too: the cycle thread waiting on it ends the cycle
                future.completeExceptionally(e);
            }
        });
        return future;
    }

    private <T> T run(String system, Callable<T> call) throws Exception {
        if (stop.requested()) {
            throw new NotSent();
        }
        ConnectorException quota = spent.get(system);
        if (quota != null) {
            throw quota;
        }
        try {
            return call.call();
        } catch (ConnectorException e) {
            if (e.kind() == ErrorKind.QUOTA) {
                spent.putIfAbsent(system, e);
            }
            throw e;
        }
    }

    @Override
    public void close() {
        if (pool != null) {
            pool.shutdownNow();
        }
    }
}
