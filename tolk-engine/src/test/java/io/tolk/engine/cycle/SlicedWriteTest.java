package io.tolk.engine.cycle;

import io.tolk.api.ConnectorException;
import io.tolk.api.ErrorKind;
import io.tolk.api.WriteOperation;
import io.tolk.api.WriteResult;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SlicedWriteTest {

    private final List<List<String>> sent = new ArrayList<>();
    private final Set<String> notSent = ConcurrentHashMap.newKeySet();

    private List<WriteResult> writeAll(List<String> requests) {
        sent.add(List.copyOf(requests));
        return requests.stream().map(r -> WriteResult.ok(r, "id-" + r, null)).toList();
    }

    private static SlicedWrite creates(int perSlice, String... keys) {
        return new SlicedWrite(WriteOperation.CREATE, "poweroffice", List.of(keys), perSlice);
    }

    @Test
    void aCallIsHandedToTheWriterAsManyRequestsAtATimeAsOneHttpRequestCarries() {
        List<WriteResult> results = creates(2, "a", "b", "c", "d", "e").run(List.of("a", "b", "c", "d", "e"),
                this::writeAll, () -> false, notSent);

        assertThat(sent).containsExactly(List.of("a", "b"), List.of("c", "d"), List.of("e"));
        assertThat(results).extracting(WriteResult::request).containsExactly("a", "b", "c", "d", "e");
        assertThat(results).allMatch(WriteResult::succeeded);
        assertThat(notSent).isEmpty();
    }

    @Test
    void aStopPartWayThroughACallSendsNoFurtherRequestAndNamesTheRestNotSent() {
        AtomicBoolean stop = new AtomicBoolean();
        List<WriteResult> results = creates(1, "a", "b", "c").run(List.of("a", "b", "c"), requests -> {
            stop.set(true);   // the signal arrives while the first request is in flight
            return writeAll(requests);
        }, stop::get, notSent);

        assertThat(sent).containsExactly(List.of("a"));
        assertThat(results.get(0).succeeded()).as("the answer of what was sent is kept").isTrue();
        assertThat(results.subList(1, 3)).allSatisfy(r -> assertThat(r.error()).hasValueSatisfying(e -> {
            assertThat(e.kind()).isEqualTo(ErrorKind.RETRYABLE);
            assertThat(e.describe()).contains("not sent");
        }));
        assertThat(notSent).containsExactlyInAnyOrder("b", "c");
    }

    @Test
    void aWholeCallFailureOfALaterSliceKeepsWhatWasWrittenAndLeavesTheFailedCreateToBeLookedUp() {
        List<WriteResult> results = creates(1, "a", "b", "c").run(List.of("a", "b", "c"), requests -> {
            if (requests.get(0).equals("b")) {
                throw new ConnectorException(ErrorKind.RETRYABLE, "poweroffice", "connection reset");
            }
            return writeAll(requests);
        }, () -> false, notSent);

        assertThat(results.get(0).succeeded()).isTrue();
        assertThat(results.get(1).error()).hasValueSatisfying(e -> assertThat(e.kind()).isEqualTo(ErrorKind.UNKNOWN_OUTCOME));
        assertThat(results.get(2).error()).hasValueSatisfying(e -> {
            assertThat(e.kind()).isEqualTo(ErrorKind.RETRYABLE);
            assertThat(e.describe()).contains("not attempted");
        });
        assertThat(sent).containsExactly(List.of("a"));
    }

    @Test
    void aFailureOfTheFirstSliceIsTheWholeCallsFailure() {
        ConnectorException down = new ConnectorException(ErrorKind.UNAVAILABLE, "poweroffice",
                "connection refused");

        assertThatThrownBy(() -> creates(1, "a", "b").run(List.of("a", "b"), requests -> {
            throw down;
        }, () -> false, notSent)).isSameAs(down);
    }
}
