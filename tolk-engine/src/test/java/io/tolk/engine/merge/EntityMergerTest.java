package io.tolk.engine.merge;

import io.tolk.engine.mapping.ValueKind;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class EntityMergerTest {

    private static final Instant T = Instant.parse("2026-03-02T10:00:00Z");
    private static final Duration MS = Duration.ofMillis(1);
    private static final Duration S = Duration.ofSeconds(1);

    @Test
    void aPowerOfficeInstantInsideTheZohoSecondIsATie() {
        assertThat(EntityMerger.order(T.plusMillis(400), MS, T, S)).isZero();
        assertThat(EntityMerger.order(T.plusMillis(999), MS, T, S)).isZero();
        assertThat(EntityMerger.order(T, MS, T, S)).isZero();
    }

    @Test
    void instantsOutsideTheCoarserResolutionAreOrdered() {
        assertThat(EntityMerger.order(T.plusSeconds(1), MS, T, S)).isEqualTo(1);
        assertThat(EntityMerger.order(T.minusMillis(1), MS, T, S)).isEqualTo(-1);
        assertThat(EntityMerger.order(T.plusMillis(500), MS, T.plusSeconds(1), S)).isEqualTo(-1);
    }

    @Test
    void instantsInDifferentTimeZonesCompareAsInstants() {
        Instant oslo = java.time.OffsetDateTime.parse("2026-03-02T11:00:05+01:00").toInstant();
        assertThat(EntityMerger.order(oslo, MS, T, S)).isEqualTo(1);
    }

    @Test
    void anUnknownInstantIsATie() {
        assertThat(EntityMerger.order(null, MS, T, S)).isZero();
    }

    @Test
    void fanInTakesTheOnlyChangedFieldElseThePrimary() {
        List<String> fields = List.of("Billing_City", "Shipping_City");
        Map<String, String> last = Map.of("Billing_City", "Bergen", "Shipping_City", "Bergen");

        assertThat(FanIn.choose(fields, ValueKind.TEXT, Map.of("Billing_City", "Bergen", "Shipping_City", "Oslo"), last).raw())
                .isEqualTo("Oslo");
        assertThat(FanIn.choose(fields, ValueKind.TEXT, Map.of("Billing_City", "Molde", "Shipping_City", "Oslo"), last).raw())
                .isEqualTo("Molde");
        assertThat(FanIn.choose(fields, ValueKind.TEXT, Map.of("Billing_City", "Molde", "Shipping_City", "Oslo"), Map.of()).raw())
                .isEqualTo("Molde");
    }
}
