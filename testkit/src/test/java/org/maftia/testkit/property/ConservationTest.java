package org.maftia.testkit.property;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class ConservationTest {

    @Test
    void transfersKeepTheSumAndAnyOtherChangeIsReportedWithItsDifference() {
        Map<String, Long> initial = Map.of("bank-a/alice", 100L, "bank-b/bob", 50L);
        assertThatCode(() -> Conservation.check(initial, Map.of("bank-a/alice", 30L, "bank-b/bob", 120L))).doesNotThrowAnyException();
        assertThatThrownBy(() -> Conservation.check(initial, new TreeMap<>(Map.of("bank-a/alice", 30L, "bank-b/bob", 50L))))
                .isInstanceOf(PropertyViolation.class)
                .hasMessage("conservation violated: the objects sum to 80 but summed to 150 initially (-70) over [bank-a/alice, bank-b/bob]");
        assertThatThrownBy(() -> Conservation.check(initial, new TreeMap<>(Map.of("bank-a/alice", 110L, "bank-b/bob", 50L))))
                .hasMessageContaining("(+10)");
    }
}
