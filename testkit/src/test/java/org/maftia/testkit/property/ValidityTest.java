package org.maftia.testkit.property;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ValidityTest {

    @Test
    void aDecisionNoHonestPartyProposedIsAViolation() {
        assertThatCode(() -> Validity.proposed(Logs.of(List.of(true), List.of(true)), List.of(true, false)))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> Validity.proposed(Logs.of(List.of(true), List.of(false)), List.of(true, true)))
                .isInstanceOf(PropertyViolation.class)
                .hasMessage("validity violated at site 1: decided false, which no honest party proposed; they proposed [true, true]");
    }

    @Test
    void aDecisionFailingTheExternalPredicateIsAViolation() {
        assertThatCode(() -> Validity.external(Logs.of(List.of("ok:1"), List.of("ok:1")), "Q", v -> v.startsWith("ok:")))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> Validity.external(Logs.of(List.of("ok:1"), List.of("bad:3")), "Q", v -> v.startsWith("ok:")))
                .isInstanceOf(PropertyViolation.class)
                .hasMessage("external validity violated at site 1: decided 'bad:3', which fails the predicate Q");
    }

    @Test
    void anHonestPayloadSomeHonestSiteNeverDeliveredIsAViolation() {
        assertThatCode(() -> Validity.delivered(Logs.of(List.of("a", "b", "x"), List.of("b", "a")), List.of("a", "b")))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> Validity.delivered(Logs.of(List.of("a", "b"), List.of("b")), List.of("a", "b")))
                .isInstanceOf(PropertyViolation.class)
                .hasMessage("validity violated at site 1: never delivered ['a'] of the 2 values honest parties sent; it delivered ['b']");
    }
}
