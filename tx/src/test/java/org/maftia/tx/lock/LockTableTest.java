package org.maftia.tx.lock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.maftia.tx.TransactionId;
import org.maftia.crypto.MalformedEncodingException;

/** Protocol 24's table, case by case. */
class LockTableTest {

    private final LockTable table = new LockTable();
    private final TransactionId a = tid(1);
    private final TransactionId b = tid(2);
    private final TransactionId c = tid(3);

    static TransactionId tid(int k) {
        byte[] bytes = new byte[TransactionId.LENGTH];
        Arrays.fill(bytes, (byte) k);
        return new TransactionId(bytes);
    }

    @Test
    void aFreeResourceIsGrantedEitherLock() {
        assertThat(table.lock("x", a, LockMode.READ)).isTrue();
        assertThat(table.lock("y", b, LockMode.WRITE)).isTrue();
        assertThat(table.lockOn("x")).isEqualTo(LockMode.READ);
        assertThat(table.lockOn("y")).isEqualTo(LockMode.WRITE);
    }

    @Test
    void readLocksAreShared() {
        assertThat(table.lock("x", a, LockMode.READ)).isTrue();
        assertThat(table.lock("x", b, LockMode.READ)).isTrue();
        assertThat(table.holders("x")).containsExactly(a, b);
    }

    @Test
    void aWriteLockIsExclusive() {
        assertThat(table.lock("x", a, LockMode.WRITE)).isTrue();
        assertThat(table.lock("x", b, LockMode.READ)).isFalse();
        assertThat(table.lock("x", b, LockMode.WRITE)).isFalse();
        assertThat(table.holders("x")).containsExactly(a);
        assertThat(table.lock("x", a, LockMode.READ)).as("its holder reads under it").isTrue();
        assertThat(table.lock("x", a, LockMode.WRITE)).isTrue();
        assertThat(table.lockOn("x")).isEqualTo(LockMode.WRITE);
    }

    @Test
    void theOnlyReaderIsPromotedToWriter() {
        assertThat(table.lock("x", a, LockMode.READ)).isTrue();
        assertThat(table.lock("x", a, LockMode.WRITE)).isTrue();
        assertThat(table.lockOn("x")).isEqualTo(LockMode.WRITE);
        assertThat(table.holds("x", a, LockMode.WRITE)).isTrue();
    }

    @Test
    void aWriteWhereOthersReadIsNotOk() {
        table.lock("x", a, LockMode.READ);
        table.lock("x", b, LockMode.READ);
        assertThat(table.lock("x", a, LockMode.WRITE)).as("not the only reader").isFalse();
        assertThat(table.lockOn("x")).isEqualTo(LockMode.READ);
    }

    @Test
    void anotherTransactionsLoneReadLockIsNotPromotedForTheRequester() {
        table.lock("x", a, LockMode.READ);
        assertThat(table.lock("x", b, LockMode.WRITE)).isFalse();
        assertThat(table.holders("x")).containsExactly(a);
        assertThat(table.lockOn("x")).isEqualTo(LockMode.READ);
    }

    @Test
    void unlockByAHolderReleasesItsShareOnly() {
        table.lock("x", a, LockMode.READ);
        table.lock("x", b, LockMode.READ);
        assertThat(table.unlock("x", a)).isTrue();
        assertThat(table.holders("x")).containsExactly(b);
        assertThat(table.unlock("x", b)).isTrue();
        assertThat(table.lockOn("x")).isNull();
        assertThat(table.isEmpty()).isTrue();
    }

    @Test
    void unlockByANonHolderIsNotOk() {
        table.lock("x", a, LockMode.WRITE);
        assertThat(table.unlock("x", b)).isFalse();
        assertThat(table.unlock("free", b)).isFalse();
        assertThat(table.holders("x")).containsExactly(a);
    }

    @Test
    void releaseAllFreesEveryLockOfOneTransaction() {
        table.lock("x", a, LockMode.WRITE);
        table.lock("y", a, LockMode.READ);
        table.lock("y", b, LockMode.READ);
        table.lock("z", c, LockMode.WRITE);
        table.releaseAll(a);
        assertThat(table.resourcesOf(a)).isEmpty();
        assertThat(table.lockOn("x")).isNull();
        assertThat(table.holders("y")).containsExactly(b);
        assertThat(table.holders("z")).containsExactly(c);
        assertThat(table.lock("x", b, LockMode.WRITE)).as("free again").isTrue();
    }

    @Test
    void encodingIsSortedAndRoundTrips() {
        LockTable other = new LockTable();
        table.lock("y", b, LockMode.READ);
        table.lock("y", a, LockMode.READ);
        table.lock("x", c, LockMode.WRITE);
        other.lock("x", c, LockMode.WRITE);
        other.lock("y", a, LockMode.READ);
        other.lock("y", b, LockMode.READ);
        assertThat(table.encode()).isEqualTo(other.encode());
        assertThat(LockTable.decode(table.encode()).encode()).isEqualTo(table.encode());
    }

    @Test
    void garbageDoesNotDecode() {
        byte[] good = table.encode();
        table.lock("x", a, LockMode.WRITE);
        byte[] one = table.encode();
        assertThatThrownBy(() -> LockTable.decode(new byte[] {0, 0})).isInstanceOf(MalformedEncodingException.class);
        assertThatThrownBy(() -> LockTable.decode(Arrays.copyOf(one, one.length - 1))).isInstanceOf(MalformedEncodingException.class);
        byte[] trailing = Arrays.copyOf(good, good.length + 1);
        assertThatThrownBy(() -> LockTable.decode(trailing)).hasMessageContaining("trailing bytes");
        byte[] huge = {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff};
        assertThatThrownBy(() -> LockTable.decode(huge)).isInstanceOf(MalformedEncodingException.class);
    }
}
