package io.tolk.store;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IsoInstantsTest {

    @Test
    void formatsExactlyAsInstantToStringAndParsesBack() {
        SplittableRandom random = new SplittableRandom(7);
        long min = Instant.parse("0000-01-01T00:00:00Z").getEpochSecond();
        long max = Instant.parse("9999-12-31T23:59:59Z").getEpochSecond();
        for (int i = 0; i < 200_000; i++) {
            int nano = switch (i % 4) {
                case 0 -> 0;
                case 1 -> random.nextInt(1000) * 1_000_000;
                case 2 -> random.nextInt(1_000_000) * 1_000;
                default -> random.nextInt(1_000_000_000);
            };
            Instant t = Instant.ofEpochSecond(random.nextLong(min, max + 1), nano);
            String text = IsoInstants.format(t);
            assertThat(text).isEqualTo(t.toString());
            assertThat(IsoInstants.parse(text)).isEqualTo(t);
        }
    }

    @Test
    void instantsOutsideFourDigitYearsAndOddTextTakeTheJdksWay() {
        for (Instant t : new Instant[] {Instant.MIN, Instant.MAX, Instant.EPOCH, Instant.parse("+10000-01-01T00:00:00Z"),
                Instant.parse("-0001-12-31T23:59:59.5Z")}) {
            assertThat(IsoInstants.format(t)).isEqualTo(t.toString());
            assertThat(IsoInstants.parse(t.toString())).isEqualTo(t);
        }
        assertThat(IsoInstants.parse("2026-12-02T21:38:28.1Z")).isEqualTo(Instant.parse("2026-12-02T21:38:28.1Z"));
        assertThat(IsoInstants.parse("2026-12-02T21:38:28.1234Z")).isEqualTo(Instant.parse("2026-12-02T21:38:28.1234Z"));
        assertThatThrownBy(() -> IsoInstants.parse("2026-02-30T00:00:00Z")).isInstanceOf(DateTimeParseException.class);
        assertThatThrownBy(() -> IsoInstants.parse("2026-12-02T21:38:2x.000Z")).isInstanceOf(DateTimeParseException.class);
        assertThatThrownBy(() -> IsoInstants.parse("2026-12-02T25:38:28Z")).isInstanceOf(DateTimeParseException.class);
    }
}
