package org.maftia.testkit.property;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class TotalOrderTest {

    @Test
    void sitesBehindOthersArePrefixesButTwoDifferentContinuationsAreAViolation() {
        assertThatCode(() -> TotalOrder.prefixes(Logs.of(List.of("a"), List.of("a", "b", "c"), List.of())))
                .doesNotThrowAnyException();
        // Sites 1 and 2 each extend site 0's sequence, differently.
        assertThatThrownBy(() -> TotalOrder.prefixes(Logs.of(List.of("a"), List.of("a", "b", "c"), List.of("a", "c"))))
                .isInstanceOf(PropertyViolation.class)
                .hasMessage("total order violated at sites [1, 2]: position 1 is 'b' at site 1 but 'c' at site 2 (deliveries)");
    }

    @Test
    void atTheEndEverySequenceIsTheSameAndOneThatStoppedShortIsAViolation() {
        assertThatCode(() -> TotalOrder.identical(Logs.of(List.of("a", "b"), List.of("a", "b")))).doesNotThrowAnyException();
        assertThatThrownBy(() -> TotalOrder.identical(Logs.of(List.of("a", "b"), List.of("a"))))
                .isInstanceOf(PropertyViolation.class)
                .hasMessage("total order violated at sites [0, 1]: site 0 delivered 2 values, site 1 only 1, lacking ['b'] (deliveries)");
        assertThatThrownBy(() -> TotalOrder.identical(Logs.of(List.of("a", "b"), List.of("b", "a"))))
                .isInstanceOf(PropertyViolation.class).hasMessageContaining("position 0 is 'a' at site 0 but 'b' at site 1");
    }
}
