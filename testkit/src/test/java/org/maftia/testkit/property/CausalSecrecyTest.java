package org.maftia.testkit.property;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class CausalSecrecyTest {

    @Test
    void sharesAndCleartextsAfterTheirOrderingPass() {
        CausalSecrecy s = new CausalSecrecy(List.of(0, 1));
        s.ordered(0, 0);
        s.shareReleased(0, 0);
        s.orderedUpTo(1, 2);
        s.shareReleased(1, 1);
        s.revealed(1, 0);
        s.orderedUpTo(1, 2);
        assertThatCode(s::check).doesNotThrowAnyException();
        assertThat(s.recorded()).as("the second orderedUpTo adds nothing").isEqualTo(6);
    }

    @Test
    void aShareLeavingBeforeItsPositionIsOrderedAtThatSiteIsAViolation() {
        CausalSecrecy s = new CausalSecrecy(List.of(0, 1));
        s.ordered(0, 0);
        s.ordered(0, 1);
        s.shareReleased(1, 1);
        s.orderedUpTo(1, 2);
        assertThatThrownBy(s::check).isInstanceOfSatisfying(PropertyViolation.class,
                        v -> assertThat(v.property()).isEqualTo("causal secrecy"))
                .hasMessage("causal secrecy violated at site 1: released its decryption share for position 1 before ordering it; it had ordered nothing");
    }

    @Test
    void aCleartextRevealedBeforeItsPositionIsOrderedIsAViolation() {
        CausalSecrecy s = new CausalSecrecy(List.of(0));
        s.orderedUpTo(0, 2);
        s.revealed(0, 2);
        s.ordered(0, 2);
        assertThatThrownBy(s::check).isInstanceOf(PropertyViolation.class)
                .hasMessage("causal secrecy violated at site 0: revealed the cleartext of position 2 before ordering it; it had ordered positions 0 to 1");
    }

    @Test
    void onlyHonestSitesAreRecorded() {
        CausalSecrecy s = new CausalSecrecy(List.of(0, 1));
        assertThatThrownBy(() -> s.shareReleased(3, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
