package org.maftia.group.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.maftia.group.core.MalformedMessageException;

/** The stream's progress report decodes strictly: a bad one is refused, never misread. */
class ProgressReportTest {

    @Test
    void roundTrips() throws MalformedMessageException {
        ProgressReport r = new ProgressReport(3, 1L << 40);
        assertThat(ProgressReport.decode(ProgressReport.TYPE, r.body(), 4)).isEqualTo(r);
    }

    @Test
    void refusesAnotherTypeALaneOutsideTheGroupANegativeNumberAndAWrongLength() {
        byte[] good = new ProgressReport(1, 8).body();
        assertThatThrownBy(() -> ProgressReport.decode(ProgressReport.TYPE + 1, good, 4))
                .isInstanceOf(MalformedMessageException.class);
        assertThatThrownBy(() -> ProgressReport.decode(ProgressReport.TYPE, new ProgressReport(4, 8).body(), 4))
                .isInstanceOf(MalformedMessageException.class).hasMessageContaining("lane of P4");
        assertThatThrownBy(() -> ProgressReport.decode(ProgressReport.TYPE, new ProgressReport(1, -1).body(), 4))
                .isInstanceOf(MalformedMessageException.class).hasMessageContaining("entry number -1");
        assertThatThrownBy(() -> ProgressReport.decode(ProgressReport.TYPE, Arrays.copyOf(good, good.length - 1), 4))
                .isInstanceOf(MalformedMessageException.class);
        assertThatThrownBy(() -> ProgressReport.decode(ProgressReport.TYPE, Arrays.copyOf(good, good.length + 1), 4))
                .isInstanceOf(MalformedMessageException.class);
    }
}
