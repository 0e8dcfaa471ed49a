package org.maftia.group.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.maftia.testkit.sim.Seeds;

/** The waiting room's bounds: per sender, in bytes, the heaviest sender evicted first. */
class WaitingRoomTest {

    /** A message whose cost is exactly {@code cost} bytes under the id "x" (one character). */
    private static byte[] costing(long cost) {
        return new byte[(int) (cost - 1 - WaitingRoom.OVERHEAD_BYTES)];
    }

    private static List<Integer> types(List<WaitingRoom.Waiting> taken) {
        return taken.stream().map(w -> w.type).toList();
    }

    @Test
    void messagesAreHandedOverPerIdInArrivalOrderAndTheIdIsForgotten() {
        WaitingRoom room = new WaitingRoom(4, WaitingRoom.Bounds.DEFAULT, new GroupCounters(4));
        room.admit(2, "a", 1, new byte[3]);
        room.admit(0, "b", 2, new byte[0]);
        room.admit(1, "a", 3, new byte[5]);
        room.admit(2, "a", 4, new byte[0]);

        List<WaitingRoom.Waiting> a = room.take("a");
        assertThat(types(a)).containsExactly(1, 3, 4);
        assertThat(a).extracting(w -> w.from).containsExactly(2, 1, 2);
        assertThat(room.take("a")).isEmpty();
        assertThat(room.bytesOf(2)).isZero();
        assertThat(room.ids()).isEqualTo(1);
        assertThat(room.bytes()).isEqualTo(1 + WaitingRoom.OVERHEAD_BYTES);
        assertThat(types(room.take("b"))).containsExactly(2);
        assertThat(room.bytes()).isZero();
        assertThat(room.ids()).isZero();
    }

    @Test
    void aSenderOverItsBoundLosesItsOwnOldestMessages() {
        GroupCounters counters = new GroupCounters(4);
        WaitingRoom room = new WaitingRoom(4, new WaitingRoom.Bounds(100_000, 1000), counters);
        room.admit(0, "x", 0, costing(400));
        for (int k = 1; k <= 5; k++) {
            room.admit(3, "x", k, costing(300));
        }
        assertThat(room.bytesOf(3)).isEqualTo(900);
        assertThat(types(room.take("x"))).as("sender 0's message, then sender 3's newest three").containsExactly(0, 3, 4, 5);
        assertThat(counters.pendingDropped(3)).isEqualTo(2);
        assertThat(counters.pendingDropped(0)).isZero();
    }

    @Test
    void aFullRoomEvictsTheHeaviestSendersOldestAndNeverASenderWithinItsFairShare() {
        GroupCounters counters = new GroupCounters(4);
        // Fair share 1000 bytes; one sender may hold the whole room.
        WaitingRoom room = new WaitingRoom(4, new WaitingRoom.Bounds(4000, 4000), counters);
        room.admit(0, "x", 0, costing(900));
        room.admit(1, "x", 1, costing(1000));
        for (int k = 0; k < 20; k++) {
            room.admit(3, "x", 100 + k, costing(300));
        }
        assertThat(room.bytes()).isLessThanOrEqualTo(4000);
        assertThat(counters.pendingDropped(0) + counters.pendingDropped(1)).isZero();
        assertThat(counters.pendingDropped(3)).isEqualTo(20 - 7);

        // Sender 2 arrives in a full room: the flooder makes room for it, down to what fits.
        room.admit(2, "x", 2, costing(600));
        assertThat(counters.pendingDropped(3)).isEqualTo(20 - 5);
        assertThat(types(room.take("x"))).containsExactly(0, 1, 115, 116, 117, 118, 119, 2);
        assertThat(counters.pendingDropped(2)).isZero();
    }

    @Test
    void anArrivalThatOutweighsEveryOtherSenderIsTheOneRefused() {
        GroupCounters counters = new GroupCounters(4);
        WaitingRoom room = new WaitingRoom(4, new WaitingRoom.Bounds(4000, 4000), counters);
        for (int s : new int[] {0, 2, 3}) {
            room.admit(s, "x", s, costing(1300));
        }
        room.admit(1, "z", 9, costing(1400));
        assertThat(counters.pendingDropped(1)).isEqualTo(1);
        assertThat(room.take("z")).isEmpty();

        room.admit(1, "z", 8, costing(1200));
        assertThat(counters.pendingDropped(0)).as("the first of the heaviest made room").isEqualTo(1);
        assertThat(types(room.take("x"))).containsExactly(2, 3);
        assertThat(types(room.take("z"))).containsExactly(8);
    }

    @Test
    void aMessageLargerThanASendersBoundIsRefusedAtOnce() {
        GroupCounters counters = new GroupCounters(4);
        WaitingRoom room = new WaitingRoom(4, new WaitingRoom.Bounds(10_000, 1000), counters);
        room.admit(1, "x", 0, costing(500));
        room.admit(1, "x", 1, costing(1001));
        assertThat(counters.pendingDropped(1)).isEqualTo(1);
        assertThat(types(room.take("x"))).containsExactly(0);
    }

    @Test
    void freshIdsCostTheirSenderAndLeaveNothingBehindOnceEvicted() {
        GroupCounters counters = new GroupCounters(4);
        WaitingRoom room = new WaitingRoom(4, new WaitingRoom.Bounds(64 << 10, 32 << 10), counters);
        room.admit(0, "honest", 7, new byte[10]);
        for (int k = 0; k < 100_000; k++) {
            room.admit(3, "fresh-" + k, 1, new byte[0]);
        }
        assertThat(room.bytesOf(3)).isLessThanOrEqualTo(32 << 10);
        assertThat(room.ids()).as("ids of the flood still holding a message, and the honest one")
                .isLessThanOrEqualTo((32 << 10) / WaitingRoom.OVERHEAD_BYTES + 1);
        assertThat(types(room.take("honest"))).containsExactly(7);
    }

    @Test
    void boundsThatCannotHoldAMessageOrExceedTheRoomAreRefused() {
        assertThatThrownBy(() -> new WaitingRoom.Bounds(1000, 2000)).hasMessageContaining("fit in the room");
        assertThatThrownBy(() -> new WaitingRoom.Bounds(1000, 10)).hasMessageContaining("must hold a message");
    }

    /**
     * Random traffic from n senders, t of them loud: the bounds hold after every step, and a
     * sender that stays within its fair share never loses a message.
     */
    @Test
    void underRandomFloodsTheBoundsHoldAndModestSendersLoseNothing() {
        Seeds.forEachCostly(20, seed -> {
            SplittableRandom random = new SplittableRandom(seed);
            int n = 4 + random.nextInt(7);
            int t = (n - 1) / 3;
            long roomBytes = 20_000 + random.nextInt(50_000);
            long senderBytes = roomBytes / n + random.nextLong(roomBytes - roomBytes / n + 1);
            GroupCounters counters = new GroupCounters(n);
            WaitingRoom room = new WaitingRoom(n, new WaitingRoom.Bounds(roomBytes, senderBytes), counters);
            List<String> ids = new ArrayList<>();
            for (int step = 0; step < 20_000; step++) {
                int from = random.nextInt(n);
                boolean loud = from >= n - t;
                long fair = roomBytes / n;
                if (loud) {
                    String id = random.nextBoolean() ? "fresh-" + step : "future";
                    room.admit(from, id, 0, new byte[random.nextInt(2000)]);
                } else if (room.bytesOf(from) + 300 + WaitingRoom.OVERHEAD_BYTES + 8 <= fair) {
                    String id = "honest-" + random.nextInt(8);
                    ids.add(id);
                    room.admit(from, id, 0, new byte[random.nextInt(300)]);
                } else if (!ids.isEmpty()) {
                    room.take(ids.remove(random.nextInt(ids.size())));
                }
                if (room.bytes() > roomBytes) {
                    fail("step %d: %d bytes in a room of %d", step, room.bytes(), roomBytes);
                }
                for (int s = 0; s < n; s++) {
                    if (room.bytesOf(s) > senderBytes) {
                        fail("step %d: sender %d holds %d bytes, over its %d", step, s, room.bytesOf(s), senderBytes);
                    }
                }
            }
            for (int s = 0; s < n - t; s++) {
                assertThat(counters.pendingDropped(s)).as("modest sender %d's drops", s).isZero();
            }
        });
    }
}
