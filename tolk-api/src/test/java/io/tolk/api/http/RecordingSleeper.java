package io.tolk.api.http;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records the waits asked for and, instead of sleeping, advances a {@link ManualClock} (if given). */
public final class RecordingSleeper implements Sleeper {
    private final List<Duration> waits = new CopyOnWriteArrayList<>();
    private final ManualClock clock;

    public RecordingSleeper(ManualClock clock) {
        this.clock = clock;
    }

    @Override
    public void sleep(Duration duration) {
        waits.add(duration);
        if (clock != null) {
            clock.advance(duration);
        }
    }

    public List<Duration> waits() {
        return List.copyOf(waits);
    }
}
