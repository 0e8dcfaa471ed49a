package org.maftia.testkit.property;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class DeliveryLogTest {

    @Test
    void recordsEachHonestSitesDeliveriesInOrderAndRefusesOtherSites() {
        DeliveryLog<String> log = DeliveryLog.of(List.of(2, 0));
        log.record(2, "a");
        log.record(2, "b");
        assertThat(log.sites()).containsExactly(0, 2);
        assertThat(log.at(2)).containsExactly("a", "b");
        assertThat(log.at(0)).isEmpty();
        assertThat(log.count(2)).isEqualTo(2);
        assertThatThrownBy(() -> log.record(1, "x")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("site 1 is not one of the honest sites [0, 2]");
        assertThatThrownBy(() -> DeliveryLog.of(List.of())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void viewsKeepOrderAndNameWhatTheyHold() {
        DeliveryLog<String> log = Logs.of(List.of("P0#0", "P1#0", "P0#1"), List.of("P1#0"));
        DeliveryLog<String> fromP0 = log.restrictedTo("P0's payloads", p -> p.startsWith("P0"));
        assertThat(fromP0.at(0)).containsExactly("P0#0", "P0#1");
        assertThat(fromP0.at(1)).isEmpty();
        assertThat(fromP0.what()).isEqualTo("P0's payloads");
        assertThat(log.map(String::length).at(0)).containsExactly(4, 4, 4);
    }
}
