package org.maftia.testkit.property;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IntegrityTest {

    private static int origin(String payload) {
        return payload.charAt(1) - '0';
    }

    @Test
    void decidingTwiceIsAViolationOfASingleShotProtocol() {
        assertThatCode(() -> Integrity.once(Logs.of(List.of(1), List.of()))).doesNotThrowAnyException();
        assertThatThrownBy(() -> Integrity.once(Logs.of(List.of(1), List.of(1, 1))))
                .isInstanceOf(PropertyViolation.class)
                .hasMessage("integrity violated at site 1: delivered 2 times, [1, 1], where the protocol delivers once (deliveries)");
    }

    @Test
    void deliveringTheSameValueTwiceIsAViolationComparedByContent() {
        byte[] a = "a".getBytes(StandardCharsets.UTF_8);
        assertThatCode(() -> Integrity.noDuplicates(Logs.of(List.of(a, "b".getBytes(StandardCharsets.UTF_8)))))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> Integrity.noDuplicates(Logs.of(List.of(a, "a".getBytes(StandardCharsets.UTF_8)))))
                .isInstanceOf(PropertyViolation.class)
                .hasMessage("integrity violated at site 0: delivered 'a' twice, again as its delivery 1 (deliveries)");
    }

    @Test
    void aValueItsOriginNeverSentIsAViolationForTheOriginsChecked() {
        Map<Integer, List<String>> sent = Map.of(0, List.of("P0#0", "P0#1"));
        assertThatCode(() -> Integrity.onlySent(Logs.of(List.of("P0#1", "P3#7")), IntegrityTest::origin, sent))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> Integrity.onlySent(Logs.of(List.of("P0#1"), List.of("P0#1forged")), IntegrityTest::origin, sent))
                .isInstanceOf(PropertyViolation.class)
                .hasMessage("integrity violated at site 1: delivered 'P0#1forged' as sent by P0, which sent only ['P0#0', 'P0#1']");
    }

    @Test
    void anHonestSendersValuesOutOfOrderOrSkippedAreAViolationOfFifo() {
        Map<Integer, List<String>> sent = Map.of(0, List.of("P0#0", "P0#1", "P0#2"));
        assertThatCode(() -> Integrity.fifo(Logs.of(List.of("P0#0", "P3#0", "P0#1"), List.of()), IntegrityTest::origin, sent))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> Integrity.fifo(Logs.of(List.of("P0#0"), List.of("P0#1", "P0#0")), IntegrityTest::origin, sent))
                .isInstanceOf(PropertyViolation.class)
                .hasMessage("integrity violated at site 1: delivered 'P0#1' as P0's value 0, but P0 sent, in order, ['P0#0', 'P0#1', 'P0#2']");
        assertThatThrownBy(() -> Integrity.fifo(Logs.of(List.of("P0#0", "P0#1", "P0#2", "P0#2")), IntegrityTest::origin, sent))
                .isInstanceOf(PropertyViolation.class).hasMessageContaining("as P0's value 3");
    }
}
