package io.tolk.engine.cycle;

import io.tolk.api.ConnectorException;
import io.tolk.api.ErrorKind;
import io.tolk.api.WriteError;
import io.tolk.api.WriteOperation;
import io.tolk.api.WriteResult;
import io.tolk.engine.KillPoint;
import io.tolk.engine.StopSignal;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * One write call handed to its writer as many requests at a time as the system takes per HTTP request
 * ({@link io.tolk.api.RecordWriter#requestsPerHttpCall()}), so that a stop is honoured between HTTP requests, not
 * only between calls: a call of 500 creates to a system that takes one record per request is 500 HTTP requests,
 * and a stop must not wait for all of them. The requests after a stop are not sent: their results fail as not sent and their keys are added to
 * {@code notSent}. A whole-call failure of a later slice fails that slice and the rest with its kind, so the results
 * of the slices already written are kept (the failed slice's creates may have been applied: their outcome is unknown,
 * unless the system said nothing was attempted); of the first slice it is thrown, as the engine handles a whole call.
 *
 * @param operation what the call does
 * @param system    the system written to
 * @param keys      the result key of each request, in request order
 * @param perSlice  requests per slice (at least 1)
 */
record SlicedWrite(WriteOperation operation, String system, List<String> keys, int perSlice) {

    /** Writes {@code requests} (as many as {@link #keys}) slice by slice through {@code write}. */
    <R> List<WriteResult> run(List<R> requests, Function<List<R>, List<WriteResult>> write, StopSignal stop,
                              Set<String> notSent) {
        int n = Math.max(1, perSlice);
        Points points = Points.of(operation);
        points.send().reach();
        if (requests.size() <= n) {
            List<WriteResult> all = write.apply(requests);
            points.answered().reach();
            return all;
        }
        List<WriteResult> results = new ArrayList<>(requests.size());
        for (int from = 0; from < requests.size(); from += n) {
            int to = Math.min(requests.size(), from + n);
            if (from > 0) {
                points.midBatch().reach();
            }
            if (from > 0 && stop.requested()) {
                for (int i = from; i < requests.size(); i++) {
                    notSent.add(keys.get(i));
                    results.add(failed(keys.get(i), new NotSent().getMessage(), ErrorKind.RETRYABLE));
                }
                return results;
            }
            List<WriteResult> slice;
            try {
                slice = write.apply(requests.subList(from, to));
            } catch (ConnectorException e) {
                if (from == 0) {
                    throw e;
                }
                boolean attempted = e.kind() != ErrorKind.UNAVAILABLE && e.kind() != ErrorKind.QUOTA;
                ErrorKind thisSlice = !attempted ? e.kind()
                        : operation == WriteOperation.CREATE ? ErrorKind.UNKNOWN_OUTCOME : ErrorKind.RETRYABLE;
                for (int i = from; i < requests.size(); i++) {
                    results.add(i < to ? failed(keys.get(i), e.getMessage(), thisSlice)
                            : failed(keys.get(i), "not attempted: " + e.getMessage(), attempted ? ErrorKind.RETRYABLE : e.kind()));
                }
                return results;
            }
            for (int i = from; i < to; i++) {
                int at = i - from;
                results.add(at < slice.size() ? slice.get(at)
                        : failed(keys.get(i), "the connector returned no result for this request", ErrorKind.RETRYABLE));
            }
        }
        points.answered().reach();
        return results;
    }

    /** The kill points of one kind of write: before it is sent, between its HTTP requests, after its answer. */
    private record Points(KillPoint send, KillPoint midBatch, KillPoint answered) {
        static Points of(WriteOperation operation) {
            return switch (operation) {
                case CREATE -> new Points(KillPoint.CREATE_SEND, KillPoint.CREATE_MID_BATCH, KillPoint.CREATE_ANSWERED);
                case UPDATE -> new Points(KillPoint.UPDATE_SEND, KillPoint.UPDATE_MID_BATCH, KillPoint.UPDATE_ANSWERED);
                case DELETE -> new Points(KillPoint.DELETE_SEND, KillPoint.DELETE_MID_BATCH, KillPoint.DELETE_ANSWERED);
            };
        }
    }

    private WriteResult failed(String key, String message, ErrorKind kind) {
        return WriteResult.failed(key, new WriteError(kind, system, operation, key, null, null, message));
    }
}
