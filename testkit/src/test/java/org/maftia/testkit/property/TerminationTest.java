package org.maftia.testkit.property;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class TerminationTest {

    @Test
    void honestSitesThatDeliveredTooLittleAreNamed() {
        assertThatCode(() -> Termination.delivered(Logs.of(List.of(1, 2), List.of(2, 1, 3)), 2)).doesNotThrowAnyException();
        assertThatThrownBy(() -> Termination.delivered(Logs.of(List.of(1, 2), List.of(1), List.of()), 2))
                .isInstanceOf(PropertyViolation.class)
                .hasMessage("termination violated at sites [1, 2]: delivered only [1, 0] of 2 deliveries by the end of the run");
    }

    @Test
    void honestSitesThatNeverReachedTheStateAreNamed() {
        assertThatCode(() -> Termination.reached(List.of(0, 1), "closed", s -> true)).doesNotThrowAnyException();
        assertThatThrownBy(() -> Termination.reached(List.of(2, 0, 1), "closed", s -> s == 0))
                .isInstanceOf(PropertyViolation.class)
                .hasMessage("termination violated at sites [1, 2]: never closed by the end of the run");
    }
}
