package io.tolk.engine.policy;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DeleteGuardTest {

    @Test
    void maxDeletesPerCycleCapsLargeConnections() {
        assertThat(DeleteGuard.allowed(20, 1_000)).isEqualTo(20);
    }

    @Test
    void tenPercentOfLinksCapsSmallerConnections() {
        assertThat(DeleteGuard.allowed(20, 50)).isEqualTo(5);
        assertThat(DeleteGuard.allowed(20, 51)).isEqualTo(6);
    }

    @Test
    void oneDeletionIsAlwaysAllowedUnlessTheMaximumIsZero() {
        assertThat(DeleteGuard.allowed(20, 3)).isEqualTo(1);
        assertThat(DeleteGuard.allowed(0, 3)).isZero();
    }
}
