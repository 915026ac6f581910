package io.tolk.engine.store;

import io.tolk.api.RecordRef;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** What {@code tolk plan} relies on: the dry run sees its own changes, and the real store is never written. */
class OverlayStoreTest {

    private static final Instant T0 = Instant.parse("2026-03-02T08:00:00Z");
    private static final RecordRef PO_1 = new RecordRef("poweroffice", "CompanyCustomer", "1");
    private static final RecordRef PO_2 = new RecordRef("poweroffice", "CompanyCustomer", "2");
    private static final RecordRef Z_1 = new RecordRef("zoho", "Accounts", "9001");

    private final ConnectionStore real = new InMemoryStore().connection("acme");
    private OverlayStore overlay;

    private static Snapshot snapshot(RecordRef ref, String name, boolean processed) {
        return new Snapshot(ref, "h-" + name, Map.of("Name", name), T0, Map.of(), processed);
    }

    @BeforeEach
    void realStoreWithALinkedPair() {
        Entity e = new Entity("e1", "organization", "F1", Map.of("organization.name", "Fjellvind AS"), Map.of(), T0, T0);
        real.apply(ChangeSet.builder()
                .snapshot(snapshot(PO_1, "Fjellvind AS", true)).snapshot(snapshot(Z_1, "Fjellvind AS", true))
                .matchKeys(PO_1, "organization", Set.of("fjellvind as"))
                .entity(e).link(Link.fresh(PO_1, "e1", T0)).link(Link.fresh(Z_1, "e1", T0)).build());
        overlay = new OverlayStore(real, new InMemoryStore().connection("acme"));
    }

    @Test
    void changesAreSeenThroughTheOverlayAndNeverReachTheRealStore() {
        overlay.apply(ChangeSet.builder()
                .snapshot(snapshot(PO_1, "Fjellvind Energi AS", false))
                .snapshot(snapshot(PO_2, "Havbris AS", false))
                .matchKeys(PO_2, "organization", Set.of("havbris as"))
                .removeLink(Z_1).removeSnapshot(Z_1)
                .build());

        assertThat(overlay.snapshot(PO_1).orElseThrow().fields()).containsEntry("Name", "Fjellvind Energi AS");
        assertThat(overlay.snapshots(List.of(PO_1, PO_2, Z_1))).containsOnlyKeys(PO_1, PO_2);
        assertThat(overlay.link(Z_1)).as("a removed link is hidden").isEmpty();
        assertThat(overlay.linksOf("e1")).extracting(Link::ref).containsExactly(PO_1);
        assertThat(overlay.holders("organization", List.of("havbris as"))).containsExactly(new MatchHolder("havbris as", PO_2));
        assertThat(overlay.dirty(null, 10)).as("the dry run's unprocessed records, by key").containsExactly(PO_1, PO_2);

        assertThat(real.snapshot(PO_1).orElseThrow().fields()).as("the real store is unchanged")
                .containsEntry("Name", "Fjellvind AS");
        assertThat(real.snapshot(PO_2)).isEmpty();
        assertThat(real.link(Z_1)).isPresent();
        assertThat(real.snapshot(Z_1)).isPresent();
        assertThat(real.dirty(null, 10)).isEmpty();
        assertThat(real.holders("organization", List.of("havbris as"))).isEmpty();
    }

    @Test
    void aFailureRecordedInTheDryRunIsReadBackByRecordAndTarget() {
        overlay.putFailure(new Failure(0, PO_1, "zoho", "too long", 1, T0, T0, T0.plusSeconds(60), "h1"));

        assertThat(overlay.failure(PO_1, "zoho")).map(Failure::reason).contains("too long");
        assertThat(overlay.failuresOf(List.of(PO_1))).extracting(Failure::reason).containsExactly("too long");
        assertThat(real.failure(PO_1, "zoho")).isEmpty();
        assertThat(real.failures()).isEmpty();
    }

    @Test
    void anEntityRemovedInTheDryRunIsGoneFromItsKeysetPagesOnly() {
        overlay.apply(ChangeSet.builder().removeEntity("e1").build());

        assertThat(overlay.entity("e1")).isEmpty();
        assertThat(overlay.entities(null, 10)).isEmpty();
        assertThat(real.entities(null, 10)).extracting(Entity::id).containsExactly("e1");
    }

    @Test
    void aDryRunNeverPrunesAndLeavesTheRealStoresHistoryAlone() {
        real.appendActivity(new Activity(PO_1, T0, ActivityKind.LINKED, "to zoho/Accounts/9001"));
        Retention everything = new Retention(T0.plusSeconds(1), T0.plusSeconds(1), 1);

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> overlay.prune(everything))
                .isInstanceOf(UnsupportedOperationException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> overlay.prunable(everything))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThat(real.activity(PO_1, 10)).hasSize(1);
    }

    @Test
    void searchSeesTheDryRunsMatchKeysInsteadOfTheRealOnesOfTheSameRecord() {
        overlay.apply(ChangeSet.builder()
                .snapshot(snapshot(PO_2, "Fjellbris AS", false)).matchKeys(PO_2, "organization", Set.of("fjellbris as"))
                .matchKeys(PO_1, "organization", Set.of("nordlys as"))
                .build());

        assertThat(overlay.holdersStartingWith("organization", "fjell", 10)).containsExactly(new MatchHolder("fjellbris as", PO_2));
        assertThat(overlay.holdersStartingWith("organization", "nord", 10)).containsExactly(new MatchHolder("nordlys as", PO_1));
        assertThat(real.holdersStartingWith("organization", "fjell", 10)).as("the real store is unchanged")
                .containsExactly(new MatchHolder("fjellvind as", PO_1));
    }
}
