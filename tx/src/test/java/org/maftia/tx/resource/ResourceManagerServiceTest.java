package org.maftia.tx.resource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.maftia.net.client.ClientId;
import org.maftia.replication.Invoker;
import org.maftia.tx.Reply;
import org.maftia.tx.TransactionId;
import org.maftia.crypto.MalformedEncodingException;

/** Protocols 16, 19, 21 and 24 at one resource manager replica holding two accounts. */
class ResourceManagerServiceTest {

    static final ClientId TM = client(9);
    static final ClientId ALICE = client(1);
    static final TransactionId T1 = tid(1);
    static final TransactionId T2 = tid(2);

    private final Account from = new Account(100);
    private final Account to = new Account(5);
    private final ResourceManagerService rm = new ResourceManagerService(TM, Map.of("from", from, "to", to));
    private long sequence;

    static ClientId client(int k) {
        byte[] key = new byte[32];
        Arrays.fill(key, (byte) k);
        return new ClientId(key);
    }

    static TransactionId tid(int k) {
        byte[] bytes = new byte[TransactionId.LENGTH];
        Arrays.fill(bytes, (byte) k);
        return new TransactionId(bytes);
    }

    static ResourceManagerService bank() {
        return new ResourceManagerService(TM, Map.of("from", new Account(100), "to", new Account(5)));
    }

    Reply run(ResourceManagerService service, ClientId caller, RmOperation operation) {
        return Reply.decode(service.execute(operation.encode(), new Invoker(caller, 1, ++sequence)));
    }

    Reply invoke(ResourceManagerService service, TransactionId tid, String resource, String method, String... args) {
        return run(service, ALICE, new RmOperation.Invoke(tid, resource, method, List.of(args)));
    }

    Reply invoke(TransactionId tid, String resource, String method, String... args) {
        return invoke(rm, tid, resource, method, args);
    }

    static String value(Reply reply) {
        return new String(reply.value(), StandardCharsets.UTF_8);
    }

    @Test
    void aTransferCommits() {
        assertThat(value(invoke(T1, "from", "withdraw", "30"))).isEqualTo("70");
        assertThat(value(invoke(T1, "to", "deposit", "30"))).isEqualTo("35");
        assertThat(from.balance()).as("tentative until commit").isEqualTo(100);
        assertThat(value(invoke(T1, "from", "balance"))).as("the writer sees its own writes").isEqualTo("70");
        assertThat(run(rm, TM, new RmOperation.Prepare(T1))).isEqualTo(Reply.ok("prepared"));
        assertThat(invoke(T1, "from", "withdraw", "1").ok()).as("no invocation once prepared").isFalse();
        assertThat(run(rm, TM, new RmOperation.Commit(T1))).isEqualTo(Reply.ok("committed"));
        assertThat(from.balance()).isEqualTo(70);
        assertThat(to.balance()).isEqualTo(35);
        assertThat(value(invoke(T2, "from", "balance"))).as("locks released").isEqualTo("70");
    }

    @Test
    void abortRestoresAndReleases() {
        invoke(T1, "from", "withdraw", "30");
        invoke(T1, "to", "deposit", "30");
        assertThat(run(rm, TM, new RmOperation.Abort(T1))).isEqualTo(Reply.ok("aborted"));
        assertThat(from.balance()).isEqualTo(100);
        assertThat(to.balance()).isEqualTo(5);
        assertThat(value(invoke(T2, "from", "withdraw", "100"))).isEqualTo("0");
        assertThat(run(rm, TM, new RmOperation.Abort(T1))).as("a repeated abort is harmless").isEqualTo(Reply.ok("nothing to abort"));
    }

    @Test
    void anOverdraftIsRefusedAndTheTransactionCannotPrepare() {
        Reply overdraft = invoke(T1, "to", "withdraw", "6");
        assertThat(overdraft.ok()).isFalse();
        assertThat(overdraft.reason()).contains("overdraw");
        invoke(T1, "from", "deposit", "6");
        assertThat(run(rm, TM, new RmOperation.Prepare(T1)).ok()).isFalse();
        run(rm, TM, new RmOperation.Abort(T1));
        assertThat(to.balance()).isEqualTo(5);
        assertThat(from.balance()).isEqualTo(100);
    }

    @Test
    void aConflictingTransactionGetsNotOk() {
        invoke(T1, "from", "withdraw", "30");
        Reply read = invoke(T2, "from", "balance");
        assertThat(read.ok()).isFalse();
        assertThat(read.reason()).contains("locked");
        assertThat(invoke(T2, "from", "deposit", "1").ok()).isFalse();
        assertThat(run(rm, TM, new RmOperation.Prepare(T2)).ok()).as("nothing of T2 here").isFalse();
        assertThat(value(invoke(T2, "to", "balance"))).isEqualTo("5");
        assertThat(invoke(T1, "to", "deposit", "30").ok()).as("T2 reads it").isFalse();
    }

    @Test
    void sharedReadersBlockAWriterUntilTheyEnd() {
        invoke(T1, "from", "balance");
        invoke(T2, "from", "balance");
        assertThat(invoke(T1, "from", "withdraw", "1").ok()).isFalse();
        run(rm, TM, new RmOperation.Abort(T2));
        assertThat(value(invoke(T1, "from", "withdraw", "1"))).as("promoted: the only reader").isEqualTo("99");
    }

    @Test
    void onlyTheTransactionManagerPreparesCommitsOrAborts() {
        invoke(T1, "from", "withdraw", "30");
        for (RmOperation operation : List.of(new RmOperation.Prepare(T1), new RmOperation.Commit(T1), new RmOperation.Abort(T1))) {
            assertThat(run(rm, ALICE, operation).reason()).contains("not the transaction manager");
        }
        assertThat(run(rm, TM, new RmOperation.Commit(T1)).reason()).as("commit needs prepare").contains("not prepared");
        assertThat(from.balance()).isEqualTo(100);
    }

    @Test
    void unknownResourcesAndMethodsAreNotOk() {
        assertThat(invoke(T1, "nobody", "balance").reason()).contains("no resource");
        assertThat(invoke(T1, "from", "steal").reason()).contains("no method");
        assertThat(invoke(T1, "from", "deposit", "-5").reason()).contains("negative");
        assertThat(invoke(T1, "from", "deposit", "lots").reason()).contains("not an amount");
    }

    @Test
    void twoReplicasFedAlikeGiveEqualSnapshotsAndRestoreRoundTrips() {
        ResourceManagerService a = bank();
        ResourceManagerService b = bank();
        for (ResourceManagerService replica : List.of(a, b)) {
            invoke(replica, T2, "to", "balance");
            invoke(replica, T1, "from", "withdraw", "30");
            invoke(replica, T1, "from", "withdraw", "300");
            run(replica, TM, new RmOperation.Prepare(T2));
        }
        byte[] snapshot = a.snapshot();
        assertThat(b.snapshot()).isEqualTo(snapshot);

        ResourceManagerService restored = bank();
        restored.restore(snapshot);
        assertThat(restored.snapshot()).isEqualTo(snapshot);
        for (ResourceManagerService replica : List.of(a, restored)) {
            run(replica, TM, new RmOperation.Commit(T2));
            run(replica, TM, new RmOperation.Abort(T1));
            invoke(replica, T1, "to", "deposit", "7");
        }
        assertThat(restored.snapshot()).isEqualTo(a.snapshot());
    }

    @Test
    void garbageIsRefusedAndChangesNothing() {
        invoke(T1, "from", "withdraw", "30");
        byte[] before = rm.snapshot();
        Invoker invoker = new Invoker(ALICE, 1, 99);
        assertThatThrownBy(() -> rm.execute(new byte[] {7}, invoker)).isInstanceOf(MalformedEncodingException.class);
        byte[] invoke = new RmOperation.Invoke(T1, "from", "balance", List.of()).encode();
        assertThatThrownBy(() -> rm.execute(Arrays.copyOf(invoke, invoke.length - 1), invoker)).isInstanceOf(MalformedEncodingException.class);
        byte[] tooMany = new RmOperation.Invoke(T1, "from", "balance", java.util.Collections.nCopies(65, "")).encode();
        assertThatThrownBy(() -> rm.execute(tooMany, invoker)).hasMessageContaining("more than 64");
        assertThatThrownBy(() -> rm.restore(Arrays.copyOf(before, before.length - 1))).isInstanceOf(MalformedEncodingException.class);
        ResourceManagerService other = new ResourceManagerService(TM, Map.of("from", new Account(1), "elsewhere", new Account(1)));
        assertThatThrownBy(() -> rm.restore(other.snapshot())).hasMessageContaining("unknown here");
        assertThat(rm.snapshot()).isEqualTo(before);
    }

    @Test
    void aResourceRefusingItsStateUndoesTheOthersRestore() {
        byte[] before = rm.snapshot();
        ResourceManagerService changed = bank();
        invoke(changed, T1, "from", "withdraw", "30");
        byte[] snapshot = changed.snapshot();
        // "from" sorts before "to": corrupt the account state of "to" (its flag for a tentative balance,
        // after the 8-byte balance) to 2, which no account writes, so "from" is restored first, then undone.
        int toState = indexOf(snapshot, "to".getBytes(StandardCharsets.UTF_8)) + 2 + 4;
        snapshot[toState + 8] = 2;
        assertThatThrownBy(() -> rm.restore(snapshot)).hasMessageContaining("not a flag");
        assertThat(rm.snapshot()).isEqualTo(before);
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        for (int k = 0; k + needle.length <= haystack.length; k++) {
            if (Arrays.equals(haystack, k, k + needle.length, needle, 0, needle.length)) {
                return k;
            }
        }
        throw new AssertionError("not found");
    }
}
