package org.maftia.tx.manager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.maftia.net.client.ClientId;
import org.maftia.replication.Invoker;
import org.maftia.tx.Reply;
import org.maftia.tx.TransactionId;
import org.maftia.crypto.MalformedEncodingException;

/** Protocols 14-23 as the transaction manager's log sees them, one replica driven by hand. */
class TransactionManagerServiceTest {

    static final byte[] SEED = seed(7);
    static final ClientId ALICE = client(1);
    static final ClientId BOB = client(2);
    static final ClientId MALLORY = client(3);
    static final ClientId BANK = client(9);

    private final TransactionManagerService tm = new TransactionManagerService(SEED);
    private long sequence;

    static ClientId client(int k) {
        byte[] key = new byte[32];
        Arrays.fill(key, (byte) k);
        return new ClientId(key);
    }

    static byte[] seed(int k) {
        byte[] seed = new byte[32];
        Arrays.fill(seed, (byte) k);
        return seed;
    }

    Reply run(TransactionManagerService service, ClientId caller, TmOperation operation) {
        return Reply.decode(service.execute(operation.encode(), new Invoker(caller, 1, ++sequence)));
    }

    Reply run(ClientId caller, TmOperation operation) {
        return run(tm, caller, operation);
    }

    TransactionId begin(ClientId client) {
        Reply reply = run(client, new TmOperation.Begin());
        assertThat(reply.ok()).isTrue();
        return new TransactionId(reply.value());
    }

    @Test
    void twoClientsJoinAndCommitWithoutResources() {
        TransactionId tid = begin(ALICE);
        assertThat(run(BOB, new TmOperation.Join(tid))).isEqualTo(Reply.ok("joined"));
        assertThat(run(ALICE, new TmOperation.Commit(tid))).isEqualTo(Reply.ok("voting"));
        assertThat(run(MALLORY, new TmOperation.Join(tid)).ok()).as("no join while voting").isFalse();
        assertThat(run(BOB, new TmOperation.Commit(tid))).isEqualTo(Reply.ok("committed"));
        assertThat(run(ALICE, new TmOperation.Status(tid))).isEqualTo(Reply.ok("committed"));
    }

    @Test
    void commitWithResourcesPreparesThenCommitsOnEveryYes() {
        TransactionId tid = begin(ALICE);
        run(BOB, new TmOperation.Join(tid));
        assertThat(run(BANK, new TmOperation.Register(tid, "acc-1")).ok()).isTrue();
        assertThat(run(BANK, new TmOperation.Register(tid, "acc-2")).ok()).isTrue();
        run(ALICE, new TmOperation.Commit(tid));
        assertThat(run(BOB, new TmOperation.Commit(tid))).isEqualTo(Reply.ok("preparing"));
        assertThat(run(BANK, new TmOperation.Register(tid, "acc-3")).ok()).as("too late to register").isFalse();
        assertThat(run(ALICE, new TmOperation.Abort(tid)).ok()).as("too late to abort").isFalse();
        assertThat(run(MALLORY, new TmOperation.PrepareVote(tid, "acc-1", true)).ok()).as("not the registering group").isFalse();
        assertThat(run(BANK, new TmOperation.PrepareVote(tid, "acc-1", true))).isEqualTo(Reply.ok("preparing"));
        assertThat(run(BANK, new TmOperation.PrepareVote(tid, "acc-2", true))).isEqualTo(Reply.ok("committed"));
        assertThat(run(BANK, new TmOperation.Acknowledge(tid, "acc-1"))).isEqualTo(Reply.ok("committed"));
        assertThat(run(BANK, new TmOperation.Acknowledge(tid, "acc-2"))).isEqualTo(Reply.ok("ended"));
    }

    @Test
    void oneResourceVotingNoAborts() {
        TransactionId tid = begin(ALICE);
        run(BANK, new TmOperation.Register(tid, "acc-1"));
        run(BANK, new TmOperation.Register(tid, "acc-2"));
        run(ALICE, new TmOperation.Commit(tid));
        assertThat(run(BANK, new TmOperation.PrepareVote(tid, "acc-2", false))).isEqualTo(Reply.ok("aborted"));
        assertThat(run(BANK, new TmOperation.PrepareVote(tid, "acc-1", true)).ok()).as("decided").isFalse();
    }

    @Test
    void anyClientAborts() {
        TransactionId tid = begin(ALICE);
        run(BOB, new TmOperation.Join(tid));
        run(ALICE, new TmOperation.Commit(tid));
        assertThat(run(BOB, new TmOperation.Abort(tid))).isEqualTo(Reply.ok("aborted"));
        assertThat(run(ALICE, new TmOperation.Status(tid))).isEqualTo(Reply.ok("aborted"));
        assertThat(run(BOB, new TmOperation.Commit(tid)).ok()).isFalse();
    }

    @Test
    void unknownAndForgedTidsAreNotOk() {
        TransactionId real = begin(ALICE);
        byte[] forged = real.bytes();
        forged[0] ^= 1;
        TransactionId fake = new TransactionId(forged);
        for (TmOperation operation : new TmOperation[] {new TmOperation.Join(fake), new TmOperation.Commit(fake),
                new TmOperation.Abort(fake), new TmOperation.Register(fake, "acc"), new TmOperation.Status(fake)}) {
            Reply reply = run(ALICE, operation);
            assertThat(reply.ok()).as(operation.toString()).isFalse();
            assertThat(reply.reason()).startsWith("no transaction");
        }
    }

    @Test
    void actingAfterCommitIsNotOk() {
        TransactionId tid = begin(ALICE);
        run(ALICE, new TmOperation.Commit(tid));
        assertThat(run(ALICE, new TmOperation.Commit(tid)).reason()).contains("committed");
        assertThat(run(ALICE, new TmOperation.Abort(tid)).reason()).contains("committed");
        assertThat(run(BOB, new TmOperation.Join(tid)).reason()).contains("committed");
        assertThat(run(BANK, new TmOperation.Register(tid, "acc")).ok()).isFalse();
    }

    @Test
    void aCallerNotInTheTransactionCannotVoteAbortOrLook() {
        TransactionId tid = begin(ALICE);
        assertThat(run(MALLORY, new TmOperation.Commit(tid)).reason()).contains("not a client");
        assertThat(run(MALLORY, new TmOperation.Abort(tid)).reason()).contains("not a client");
        assertThat(run(MALLORY, new TmOperation.Status(tid)).ok()).isFalse();
        assertThat(run(ALICE, new TmOperation.Status(tid))).isEqualTo(Reply.ok("begin"));
    }

    @Test
    void tidsAreTheSameAtEveryReplicaAndDependOnTheSeed() {
        TransactionManagerService twin = new TransactionManagerService(SEED);
        TransactionManagerService otherGroup = new TransactionManagerService(seed(8));
        TransactionId first = begin(ALICE);
        TransactionId second = begin(BOB);
        assertThat(first).isNotEqualTo(second);
        assertThat(run(twin, ALICE, new TmOperation.Begin()).value()).isEqualTo(first.bytes());
        assertThat(run(twin, BOB, new TmOperation.Begin()).value()).isEqualTo(second.bytes());
        assertThat(run(otherGroup, ALICE, new TmOperation.Begin()).value()).isNotEqualTo(first.bytes());
    }

    @Test
    void snapshotRestoreRoundTripsAndContinuesAlike() {
        TransactionId t1 = begin(ALICE);
        run(BOB, new TmOperation.Join(t1));
        run(BANK, new TmOperation.Register(t1, "acc-1"));
        run(ALICE, new TmOperation.Commit(t1));
        TransactionId t2 = begin(BOB);
        run(BOB, new TmOperation.Abort(t2));
        byte[] snapshot = tm.snapshot();

        TransactionManagerService restored = new TransactionManagerService(SEED);
        restored.restore(snapshot);
        assertThat(restored.snapshot()).isEqualTo(snapshot);
        assertThat(run(restored, BOB, new TmOperation.Commit(t1))).isEqualTo(Reply.ok("preparing"));
        assertThat(run(tm, BOB, new TmOperation.Commit(t1))).isEqualTo(Reply.ok("preparing"));
        assertThat(run(restored, ALICE, new TmOperation.Begin())).isEqualTo(run(tm, ALICE, new TmOperation.Begin()));
        assertThat(restored.snapshot()).isEqualTo(tm.snapshot());
    }

    @Test
    void garbageIsRefusedAndChangesNothing() {
        begin(ALICE);
        byte[] before = tm.snapshot();
        Invoker invoker = new Invoker(ALICE, 1, 99);
        assertThatThrownBy(() -> tm.execute(new byte[0], invoker)).isInstanceOf(MalformedEncodingException.class);
        assertThatThrownBy(() -> tm.execute(new byte[] {42}, invoker)).hasMessageContaining("kind 42");
        assertThatThrownBy(() -> tm.execute(new byte[] {2, 1, 2, 3}, invoker)).hasMessageContaining("truncated in tid");
        byte[] trailing = Arrays.copyOf(new TmOperation.Begin().encode(), 2);
        assertThatThrownBy(() -> tm.execute(trailing, invoker)).hasMessageContaining("trailing bytes");
        assertThatThrownBy(() -> tm.restore(new byte[] {1, 2, 3})).isInstanceOf(MalformedEncodingException.class);
        assertThat(tm.snapshot()).isEqualTo(before);
    }

    @Test
    void onlyStatusIsReadOnly() {
        TransactionId tid = begin(ALICE);
        Invoker invoker = new Invoker(ALICE, 1, 50);
        assertThat(Reply.decode(tm.executeReadOnly(new TmOperation.Status(tid).encode(), invoker))).isEqualTo(Reply.ok("begin"));
        assertThatThrownBy(() -> tm.executeReadOnly(new TmOperation.Begin().encode(), invoker)).hasMessageContaining("only status");
    }

    @Test
    void aShortSeedIsRefused() {
        assertThatThrownBy(() -> new TransactionManagerService(new byte[16])).hasMessageContaining("at least 32");
    }
}
