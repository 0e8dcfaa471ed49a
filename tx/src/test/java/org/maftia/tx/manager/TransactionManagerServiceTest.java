package org.maftia.tx.manager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.maftia.crypto.MalformedEncodingException;
import org.maftia.net.client.ClientId;
import org.maftia.replication.Invoker;
import org.maftia.replication.outcall.Outcalls;
import org.maftia.replication.outcall.Vote;
import org.maftia.tx.Reply;
import org.maftia.tx.TransactionId;
import org.maftia.tx.resource.RmOperation;

/**
 * Protocols 14-23 as the transaction manager's log sees them, one replica driven by hand: the
 * resource manager groups' answers to its calls come in as votes of t+1 of its four members.
 */
class TransactionManagerServiceTest {

    static final byte[] SEED = seed(7);
    static final ClientId ALICE = client(1);
    static final ClientId BOB = client(2);
    static final ClientId MALLORY = client(3);
    static final ClientId BANK = client(9);
    static final ClientId SHOP = client(8);
    static final ClientId ROGUE_GROUP = client(7);
    static final List<ClientId> MEMBERS = List.of(client(11), client(12), client(13), client(14));
    static final int T = 1;

    /** The calls of the replica made last by {@link #service}. */
    private List<Outcalls.Call> calls;
    private TransactionManagerService tm = service(TmSettings.of(SEED, MEMBERS, T, Map.of(BANK, "bank", SHOP, "shop")));
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

    static TmSettings settings(long openTicks, int maxOpenPerClient, int endedKept) {
        return new TmSettings(SEED, MEMBERS, T, Map.of(BANK, "bank", SHOP, "shop"), openTicks, 100, maxOpenPerClient, endedKept);
    }

    /** A replica with these settings, whose calls are captured. */
    TransactionManagerService service(TmSettings settings) {
        calls = new ArrayList<>();
        TransactionManagerService service = new TransactionManagerService(settings);
        service.outcalls().onSend(calls::add);
        return service;
    }

    Reply run(TransactionManagerService service, ClientId caller, TmOperation operation) {
        return Reply.decode(service.execute(operation.encode(), new Invoker(caller, 1, ++sequence)));
    }

    Reply run(ClientId caller, TmOperation operation) {
        return run(tm, caller, operation);
    }

    TransactionId begin(ClientId client) {
        Reply reply = run(client, new TmOperation.Begin());
        assertThat(reply.ok()).as(reply.toString()).isTrue();
        return new TransactionId(reply.value());
    }

    /** Members {@code from}..{@code to - 1} vote that the callee answered {@code call} with {@code reply}. */
    void vote(TransactionManagerService service, Outcalls.Call call, Reply reply, int from, int to) {
        for (int m = from; m < to; m++) {
            byte[] counted = service.execute(new Vote.Reply(call.id(), reply.encode()).encode(), new Invoker(MEMBERS.get(m), 1, ++sequence));
            assertThat(Reply.decode(counted)).isEqualTo(Reply.ok("counted"));
        }
    }

    /** t+1 members vote the same answer: it comes into the group's order. */
    void answer(Outcalls.Call call, Reply reply) {
        vote(tm, call, reply, 0, T + 1);
    }

    void tick(TransactionManagerService service, int members) {
        long next = service.outcalls().clock() + 1;
        for (int m = 0; m < members; m++) {
            service.execute(new Vote.Tick(next).encode(), new Invoker(MEMBERS.get(m), 1, ++sequence));
        }
    }

    /** The one call captured to {@code callee} of {@code operation}. */
    Outcalls.Call callTo(String callee, RmOperation operation) {
        List<Outcalls.Call> found = calls.stream()
                .filter(c -> c.callee().equals(callee) && Arrays.equals(c.operation(), operation.encode())).toList();
        assertThat(found).as(operation + " to " + callee).hasSize(1);
        return found.get(0);
    }

    Reply status(TransactionId tid) {
        return run(ALICE, new TmOperation.Status(tid));
    }

    @Test
    void twoClientsJoinAndCommitWithoutResources() {
        TransactionId tid = begin(ALICE);
        assertThat(run(BOB, new TmOperation.Join(tid))).isEqualTo(Reply.ok("joined"));
        assertThat(run(ALICE, new TmOperation.Commit(tid))).isEqualTo(Reply.ok("voting"));
        assertThat(run(MALLORY, new TmOperation.Join(tid)).ok()).as("no join while voting").isFalse();
        assertThat(run(BOB, new TmOperation.Commit(tid))).isEqualTo(Reply.ok("committed"));
        assertThat(status(tid)).isEqualTo(Reply.ok("ended committed"));
        assertThat(calls).as("no resource manager to tell").isEmpty();
    }

    @Test
    void commitWithResourcesPreparesThenCommitsOnEveryYesAndEndsOnEveryAck() {
        TransactionId tid = begin(ALICE);
        run(BOB, new TmOperation.Join(tid));
        assertThat(run(BANK, new TmOperation.Register(tid, "acc-1", ALICE))).isEqualTo(Reply.ok("registered"));
        assertThat(run(BANK, new TmOperation.Register(tid, "acc-2", BOB))).isEqualTo(Reply.ok("registered"));
        assertThat(run(SHOP, new TmOperation.Register(tid, "till", BOB))).isEqualTo(Reply.ok("registered"));
        run(ALICE, new TmOperation.Commit(tid));
        assertThat(calls).as("nothing asked before every client voted").isEmpty();
        assertThat(run(BOB, new TmOperation.Commit(tid))).isEqualTo(Reply.ok("preparing"));
        assertThat(calls).as("one prepare per group").hasSize(2);
        Outcalls.Call bankPrepare = callTo("bank", new RmOperation.Prepare(tid));
        Outcalls.Call shopPrepare = callTo("shop", new RmOperation.Prepare(tid));
        assertThat(run(BANK, new TmOperation.Register(tid, "acc-3", ALICE)).ok()).as("too late to register").isFalse();
        assertThat(run(ALICE, new TmOperation.Abort(tid)).ok()).as("too late to abort").isFalse();

        answer(bankPrepare, Reply.ok("prepared"));
        assertThat(status(tid)).isEqualTo(Reply.ok("preparing"));
        answer(shopPrepare, Reply.ok("prepared"));
        assertThat(status(tid)).isEqualTo(Reply.ok("committed"));
        Outcalls.Call bankCommit = callTo("bank", new RmOperation.Commit(tid));
        Outcalls.Call shopCommit = callTo("shop", new RmOperation.Commit(tid));
        answer(bankCommit, Reply.ok("committed"));
        assertThat(status(tid)).isEqualTo(Reply.ok("committed"));
        answer(shopCommit, Reply.ok("committed"));
        assertThat(status(tid)).isEqualTo(Reply.ok("ended committed"));
    }

    @Test
    void oneResourceVotingNoAbortsAndTellsEveryGroup() {
        TransactionId tid = begin(ALICE);
        run(BANK, new TmOperation.Register(tid, "acc-1", ALICE));
        run(SHOP, new TmOperation.Register(tid, "till", ALICE));
        run(ALICE, new TmOperation.Commit(tid));
        Outcalls.Call shopPrepare = callTo("shop", new RmOperation.Prepare(tid));
        answer(shopPrepare, Reply.notOk("cannot commit"));
        assertThat(status(tid)).isEqualTo(Reply.ok("aborted"));
        callTo("bank", new RmOperation.Abort(tid));
        callTo("shop", new RmOperation.Abort(tid));
        answer(callTo("bank", new RmOperation.Prepare(tid)), Reply.ok("prepared"));
        assertThat(status(tid)).as("decided: a late yes changes nothing").isEqualTo(Reply.ok("aborted"));
        assertThat(calls.stream().filter(c -> Arrays.equals(c.operation(), new RmOperation.Commit(tid).encode()))).isEmpty();
    }

    @Test
    void aByzantineMemberAloneOrTwoDifferentRepliesDecideNothing() {
        TransactionId tid = begin(ALICE);
        run(BANK, new TmOperation.Register(tid, "acc-1", ALICE));
        run(ALICE, new TmOperation.Commit(tid));
        Outcalls.Call prepare = callTo("bank", new RmOperation.Prepare(tid));
        byte[] before = tm.snapshot();
        vote(tm, prepare, Reply.notOk("a lie"), 0, T);
        assertThat(status(tid)).as("t votes").isEqualTo(Reply.ok("preparing"));
        vote(tm, prepare, Reply.ok("prepared"), 1, 2);
        assertThat(status(tid)).as("two different replies, neither t+1").isEqualTo(Reply.ok("preparing"));
        vote(tm, prepare, Reply.notOk("a lie"), 0, 1);
        assertThat(tm.outcalls().ignoredVotes()).as("a member votes once").isEqualTo(1);
        assertThat(calls).hasSize(1);
        assertThat(tm.snapshot()).isNotEqualTo(before);
        vote(tm, prepare, Reply.ok("prepared"), 2, 3);
        assertThat(status(tid)).isEqualTo(Reply.ok("committed"));
    }

    @Test
    void anyClientAborts() {
        TransactionId tid = begin(ALICE);
        run(BOB, new TmOperation.Join(tid));
        run(ALICE, new TmOperation.Commit(tid));
        assertThat(run(BOB, new TmOperation.Abort(tid))).isEqualTo(Reply.ok("aborted"));
        assertThat(status(tid)).isEqualTo(Reply.ok("ended aborted"));
        assertThat(run(BOB, new TmOperation.Commit(tid)).ok()).isFalse();
    }

    @Test
    void unknownAndForgedTidsAreNotOk() {
        TransactionId real = begin(ALICE);
        byte[] forged = real.bytes();
        forged[0] ^= 1;
        TransactionId fake = new TransactionId(forged);
        for (TmOperation operation : new TmOperation[] {new TmOperation.Join(fake), new TmOperation.Commit(fake),
                new TmOperation.Abort(fake), new TmOperation.Status(fake)}) {
            Reply reply = run(ALICE, operation);
            assertThat(reply.result()).as(operation.toString()).isEqualTo(Reply.Result.NOT_OK);
            assertThat(reply.reason()).startsWith("no transaction");
        }
        assertThat(run(BANK, new TmOperation.Register(fake, "acc", ALICE)).reason()).startsWith("no transaction");
    }

    @Test
    void actingAfterCommitIsNotOk() {
        TransactionId tid = begin(ALICE);
        run(ALICE, new TmOperation.Commit(tid));
        assertThat(run(ALICE, new TmOperation.Commit(tid)).reason()).contains("committed");
        assertThat(run(ALICE, new TmOperation.Abort(tid)).reason()).contains("committed");
        assertThat(run(BOB, new TmOperation.Join(tid)).reason()).contains("committed");
        assertThat(run(BANK, new TmOperation.Register(tid, "acc", ALICE)).reason()).as("register only in begin").contains("committed");
    }

    @Test
    void registerOnlyInBegin() {
        TransactionId tid = begin(ALICE);
        run(BOB, new TmOperation.Join(tid));
        run(ALICE, new TmOperation.Commit(tid));
        assertThat(run(BANK, new TmOperation.Register(tid, "acc", ALICE)).reason()).contains("voting");
    }

    @Test
    void aCallerNotInTheTransactionCannotVoteAbortOrLook() {
        TransactionId tid = begin(ALICE);
        for (TmOperation operation : List.of(new TmOperation.Commit(tid), new TmOperation.Abort(tid), new TmOperation.Status(tid))) {
            assertThat(run(MALLORY, operation).reason()).as(operation.toString()).startsWith("no transaction");
        }
        assertThat(status(tid)).isEqualTo(Reply.ok("begin"));
    }

    @Test
    void registerIsRefusedForAClientNotInTheTransactionOrAnUnknownGroup() {
        TransactionId tid = begin(ALICE);
        Reply outsider = run(BANK, new TmOperation.Register(tid, "acc", MALLORY));
        assertThat(outsider.result()).isEqualTo(Reply.Result.NOT_OK);
        assertThat(outsider.reason()).startsWith("no transaction");
        Reply rogue = run(ROGUE_GROUP, new TmOperation.Register(tid, "acc", ALICE));
        assertThat(rogue.result()).isEqualTo(Reply.Result.NOT_OK);
        assertThat(rogue.reason()).contains("not a resource manager group");
        run(ALICE, new TmOperation.Commit(tid));
        assertThat(status(tid)).as("nothing registered: committed at once").isEqualTo(Reply.ok("ended committed"));
        assertThat(calls).isEmpty();
    }

    @Test
    void tidsAreTheSameAtEveryReplicaDependOnTheSeedAndAreNotACounter() {
        TransactionManagerService twin = service(TmSettings.of(SEED, MEMBERS, T, Map.of()));
        TransactionManagerService otherGroup = service(TmSettings.of(seed(8), MEMBERS, T, Map.of()));
        TransactionId first = begin(ALICE);
        TransactionId second = begin(BOB);
        assertThat(first).isNotEqualTo(second);
        assertThat(Arrays.mismatch(first.bytes(), second.bytes())).as("not a counter").isLessThan(TransactionId.LENGTH - 1);
        assertThat(run(twin, ALICE, new TmOperation.Begin()).value()).isEqualTo(first.bytes());
        assertThat(run(twin, BOB, new TmOperation.Begin()).value()).isEqualTo(second.bytes());
        assertThat(run(otherGroup, ALICE, new TmOperation.Begin()).value()).isNotEqualTo(first.bytes());
        assertThat(run(MALLORY, new TmOperation.Abort(second)).reason()).as("a tid is its clients' only").startsWith("no transaction");
    }

    @Test
    void theClockAdvancesOnlyWhenTPlusOneMembersVoteTheNextTick() {
        tick(tm, T);
        assertThat(run(ALICE, new TmOperation.Summary()).reason()).as("t members").startsWith("clock 0,");
        tm.execute(new Vote.Tick(5).encode(), new Invoker(MEMBERS.get(3), 1, ++sequence));
        assertThat(tm.outcalls().clock()).as("a far-future tick").isZero();
        assertThat(tm.outcalls().ignoredVotes()).isEqualTo(1);
        tm.execute(new Vote.Tick(1).encode(), new Invoker(MEMBERS.get(1), 1, ++sequence));
        assertThat(run(ALICE, new TmOperation.Summary()).reason()).startsWith("clock 1,");
    }

    @Test
    void aTransactionOpenLongerThanOpenTicksIsAbortedAndItsGroupsTold() {
        tm = service(settings(2, 64, 100));
        TransactionId stale = begin(ALICE);
        run(BANK, new TmOperation.Register(stale, "acc-1", ALICE));
        run(SHOP, new TmOperation.Register(stale, "till", ALICE));
        tick(tm, T + 1);
        TransactionId fresh = begin(BOB);
        tick(tm, T + 1);
        assertThat(status(stale)).as("two ticks after its begin").isEqualTo(Reply.ok("begin"));
        tick(tm, T + 1);
        assertThat(status(stale)).isEqualTo(Reply.ok("aborted"));
        assertThat(run(BOB, new TmOperation.Status(fresh))).isEqualTo(Reply.ok("begin"));
        callTo("bank", new RmOperation.Abort(stale));
        callTo("shop", new RmOperation.Abort(stale));
        assertThat(calls).hasSize(2);
        tick(tm, T + 1);
        assertThat(run(BOB, new TmOperation.Status(fresh))).isEqualTo(Reply.ok("ended aborted"));
    }

    @Test
    void aPreparingTransactionIsNotAbortedByTheClock() {
        tm = service(settings(1, 64, 100));
        TransactionId tid = begin(ALICE);
        run(BANK, new TmOperation.Register(tid, "acc-1", ALICE));
        run(ALICE, new TmOperation.Commit(tid));
        for (int k = 0; k < 3; k++) {
            tick(tm, T + 1);
        }
        assertThat(status(tid)).isEqualTo(Reply.ok("preparing"));
        answer(callTo("bank", new RmOperation.Prepare(tid)), Reply.ok("prepared"));
        assertThat(status(tid)).isEqualTo(Reply.ok("committed"));
    }

    @Test
    void aClientBeyondMaxOpenPerClientIsToldToRetry() {
        tm = service(settings(30, 2, 100));
        TransactionId first = begin(ALICE);
        begin(ALICE);
        Reply third = run(ALICE, new TmOperation.Begin());
        assertThat(third.result()).isEqualTo(Reply.Result.RETRY);
        begin(BOB);
        run(ALICE, new TmOperation.Abort(first));
        begin(ALICE);
    }

    @Test
    void beyondEndedKeptTheOldestOutcomeIsForgotten() {
        tm = service(settings(30, 64, 1));
        TransactionId first = begin(ALICE);
        TransactionId second = begin(ALICE);
        run(ALICE, new TmOperation.Commit(first));
        assertThat(status(first)).isEqualTo(Reply.ok("ended committed"));
        run(ALICE, new TmOperation.Abort(second));
        assertThat(status(first).reason()).startsWith("no transaction");
        assertThat(status(second)).isEqualTo(Reply.ok("ended aborted"));
    }

    @Test
    void snapshotRestoreRoundTripsAndContinuesAlike() {
        TransactionId t1 = begin(ALICE);
        run(BOB, new TmOperation.Join(t1));
        run(BANK, new TmOperation.Register(t1, "acc-1", ALICE));
        run(SHOP, new TmOperation.Register(t1, "till", BOB));
        run(ALICE, new TmOperation.Commit(t1));
        run(BOB, new TmOperation.Commit(t1));
        Outcalls.Call bankPrepare = callTo("bank", new RmOperation.Prepare(t1));
        vote(tm, bankPrepare, Reply.ok("prepared"), 0, 1);
        tick(tm, 1);
        TransactionId t2 = begin(BOB);
        run(BOB, new TmOperation.Abort(t2));
        byte[] snapshot = tm.snapshot();
        List<Outcalls.Call> sentByTheFirst = calls;

        TransactionManagerService restored = service(TmSettings.of(SEED, MEMBERS, T, Map.of(BANK, "bank", SHOP, "shop")));
        restored.restore(snapshot);
        assertThat(restored.snapshot()).isEqualTo(snapshot);
        assertThat(calls).as("the calls out are announced again").extracting(Outcalls.Call::id)
                .containsExactlyElementsOf(sentByTheFirst.stream().map(Outcalls.Call::id).toList());

        for (TransactionManagerService replica : List.of(tm, restored)) {
            vote(replica, bankPrepare, Reply.ok("prepared"), 1, 2);
            tick(replica, 1);
            assertThat(run(replica, ALICE, new TmOperation.Status(t1))).isEqualTo(Reply.ok("preparing"));
        }
        assertThat(run(restored, ALICE, new TmOperation.Begin())).isEqualTo(run(tm, ALICE, new TmOperation.Begin()));
        assertThat(restored.snapshot()).isEqualTo(tm.snapshot());
    }

    @Test
    void garbageIsRefusedAndChangesNothing() {
        TransactionId tid = begin(ALICE);
        run(BANK, new TmOperation.Register(tid, "acc-1", ALICE));
        byte[] before = tm.snapshot();
        Invoker invoker = new Invoker(ALICE, 1, 99);
        assertThatThrownBy(() -> tm.execute(new byte[0], invoker)).isInstanceOf(MalformedEncodingException.class);
        assertThatThrownBy(() -> tm.execute(new byte[] {42}, invoker)).hasMessageContaining("kind 42");
        assertThatThrownBy(() -> tm.execute(new byte[] {2, 1, 2, 3}, invoker)).hasMessageContaining("truncated in tid");
        byte[] trailing = Arrays.copyOf(new TmOperation.Begin().encode(), 2);
        assertThatThrownBy(() -> tm.execute(trailing, invoker)).hasMessageContaining("trailing bytes");
        assertThatThrownBy(() -> tm.execute(new Vote.Tick(1).encode(), invoker)).as("a vote from a client is not a vote")
                .isInstanceOf(MalformedEncodingException.class);
        assertThatThrownBy(() -> tm.execute(new TmOperation.Begin().encode(), new Invoker(MEMBERS.get(0), 1, 1)))
                .as("a member's operation is a vote").isInstanceOf(MalformedEncodingException.class);
        assertThatThrownBy(() -> tm.restore(new byte[] {1, 2, 3})).isInstanceOf(MalformedEncodingException.class);
        assertThatThrownBy(() -> tm.restore(Arrays.copyOf(before, before.length + 1))).isInstanceOf(MalformedEncodingException.class);
        assertThatThrownBy(() -> tm.restore(Arrays.copyOf(before, before.length - 1))).isInstanceOf(MalformedEncodingException.class);
        assertThat(tm.snapshot()).isEqualTo(before);
    }

    @Test
    void onlyStatusAndSummaryAreReadOnly() {
        TransactionId tid = begin(ALICE);
        Invoker invoker = new Invoker(ALICE, 1, 50);
        assertThat(Reply.decode(tm.executeReadOnly(new TmOperation.Status(tid).encode(), invoker))).isEqualTo(Reply.ok("begin"));
        assertThat(Reply.decode(tm.executeReadOnly(new TmOperation.Summary().encode(), invoker)).reason()).contains("begin 1");
        assertThatThrownBy(() -> tm.executeReadOnly(new TmOperation.Begin().encode(), invoker)).hasMessageContaining("only status");
    }

    @Test
    void aShortSeedOrTooFewMembersAreRefused() {
        assertThatThrownBy(() -> TmSettings.of(new byte[16], MEMBERS, T, Map.of())).hasMessageContaining("at least 32");
        assertThatThrownBy(() -> TmSettings.of(SEED, MEMBERS.subList(0, 3), T, Map.of())).hasMessageContaining("cannot tolerate");
    }
}
