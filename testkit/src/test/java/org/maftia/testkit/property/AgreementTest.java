package org.maftia.testkit.property;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class AgreementTest {

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void equalDecisionsPassAndSitesThatDidNotDecideAreNotDisagreeing() {
        DeliveryLog<byte[]> log = Logs.of(List.of(b("v")), List.of(), List.of(b("v")));
        assertThatCode(() -> Agreement.check(log)).doesNotThrowAnyException();
    }

    @Test
    void twoHonestSitesDecidingDifferentValuesIsAViolationNamingBothAndTheirValues() {
        DeliveryLog<byte[]> log = Logs.of(List.of(b("v")), List.of(b("v")), List.of(b("w")));
        assertThatThrownBy(() -> Agreement.check(log)).isInstanceOfSatisfying(PropertyViolation.class, v -> {
            org.assertj.core.api.Assertions.assertThat(v.property()).isEqualTo("agreement");
            org.assertj.core.api.Assertions.assertThat(v.sites()).containsExactly(0, 2);
        }).hasMessage("agreement violated at sites [0, 2]: site 0 decided 'v' but site 2 decided 'w' (deliveries)");
    }

    @Test
    void totalityFailsWhenSomeButNotAllHonestSitesDelivered() {
        assertThatCode(() -> Agreement.totality(Logs.of(List.of(1), List.of(1)))).doesNotThrowAnyException();
        assertThatCode(() -> Agreement.totality(Logs.of(List.of(), List.of()))).doesNotThrowAnyException();
        assertThatThrownBy(() -> Agreement.totality(Logs.of(List.of(1), List.of(), List.of(1), List.of())))
                .isInstanceOf(PropertyViolation.class)
                .hasMessage("totality violated at sites [1, 3]: delivered [0, 0] of the 1 values site 0 delivered (deliveries)");
    }
}
