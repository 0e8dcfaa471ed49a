package org.maftia.tx.resource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
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
import org.maftia.tx.manager.TmOperation;

/**
 * Protocols 16, 19, 21 and 24 at one resource manager replica holding two accounts, driven by
 * hand: the transaction manager's answers to the group's registrations come in as votes of t+1
 * of its four members.
 */
class ResourceManagerServiceTest {

    static final ClientId TM = client(9);
    static final ClientId ALICE = client(1);
    static final ClientId BOB = client(2);
    static final List<ClientId> MEMBERS = List.of(client(11), client(12), client(13), client(14));
    static final int T = 1;
    static final TransactionId T1 = tid(1);
    static final TransactionId T2 = tid(2);

    /** The calls each replica sent. */
    private final Map<ResourceManagerService, List<Outcalls.Call>> sent = new IdentityHashMap<>();
    private Account from;
    private Account to;
    private ResourceManagerService rm = bank(settings(20, 16));
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

    static RmSettings settings(long lockTicks, int registrationsPerClient) {
        return new RmSettings(TM, "tm", MEMBERS, T, lockTicks, registrationsPerClient, 1000);
    }

    /** A replica with accounts "from" (100) and "to" (5), whose calls are captured. */
    ResourceManagerService bank(RmSettings settings) {
        from = new Account(100);
        to = new Account(5);
        ResourceManagerService service = new ResourceManagerService(settings, Map.of("from", from, "to", to));
        List<Outcalls.Call> calls = new ArrayList<>();
        sent.put(service, calls);
        service.outcalls().onSend(calls::add);
        return service;
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

    /** Members {@code from}..{@code to - 1} vote that the transaction manager answered {@code call} with {@code reply}. */
    void vote(ResourceManagerService service, Outcalls.Call call, Reply reply, int from, int to) {
        for (int m = from; m < to; m++) {
            byte[] counted = service.execute(new Vote.Reply(call.id(), reply.encode()).encode(), new Invoker(MEMBERS.get(m), 1, ++sequence));
            assertThat(Reply.decode(counted)).isEqualTo(Reply.ok("counted"));
        }
    }

    void tick(ResourceManagerService service) {
        long next = service.outcalls().clock() + 1;
        for (int m = 0; m <= T; m++) {
            service.execute(new Vote.Tick(next).encode(), new Invoker(MEMBERS.get(m), 1, ++sequence));
        }
    }

    /** The calls {@code rm} sent. */
    List<Outcalls.Call> calls() {
        return sent.get(rm);
    }

    /** The last call {@code service} sent, which must be the registration of {@code resource} for {@code client} under {@code tid}. */
    Outcalls.Call registration(ResourceManagerService service, TransactionId tid, String resource, ClientId client) {
        List<Outcalls.Call> calls = sent.get(service);
        Outcalls.Call call = calls.get(calls.size() - 1);
        assertThat(call.callee()).isEqualTo("tm");
        assertThat(call.operation()).isEqualTo(new TmOperation.Register(tid, resource, client).encode());
        return call;
    }

    /** The transaction manager registers each resource for ALICE under {@code tid}: her invocations then proceed. */
    void admit(ResourceManagerService service, TransactionId tid, String... resources) {
        for (String resource : resources) {
            Reply asked = run(service, ALICE, new RmOperation.Enlist(tid, resource));
            assertThat(asked.result()).as(asked.toString()).isEqualTo(Reply.Result.RETRY);
            vote(service, registration(service, tid, resource, ALICE), Reply.ok("registered"), 0, T + 1);
            assertThat(run(service, ALICE, new RmOperation.Enlist(tid, resource))).isEqualTo(Reply.ok("registered"));
        }
    }

    void admit(TransactionId tid, String... resources) {
        admit(rm, tid, resources);
    }

    static String value(Reply reply) {
        assertThat(reply.ok()).as(reply.toString()).isTrue();
        return new String(reply.value(), StandardCharsets.UTF_8);
    }

    String status() {
        return run(rm, ALICE, new RmOperation.Status()).reason();
    }

    @Test
    void aTransferCommits() {
        admit(T1, "from", "to");
        admit(T2, "from");
        assertThat(value(invoke(T1, "from", "withdraw", "30"))).isEqualTo("70");
        assertThat(value(invoke(T1, "to", "deposit", "30"))).isEqualTo("35");
        assertThat(from.balance()).as("tentative until commit").isEqualTo(100);
        assertThat(value(invoke(T1, "from", "balance"))).as("the writer sees its own writes").isEqualTo("70");
        assertThat(run(rm, TM, new RmOperation.Prepare(T1))).isEqualTo(Reply.ok("prepared"));
        assertThat(invoke(T1, "from", "withdraw", "1").result()).as("no invocation once prepared").isEqualTo(Reply.Result.NOT_OK);
        assertThat(run(rm, TM, new RmOperation.Commit(T1))).isEqualTo(Reply.ok("committed"));
        assertThat(from.balance()).isEqualTo(70);
        assertThat(to.balance()).isEqualTo(35);
        assertThat(value(invoke(T2, "from", "balance"))).as("locks released").isEqualTo("70");
        assertThat(invoke(T1, "from", "balance").reason()).as("ended here").contains("ended");
    }

    @Test
    void abortRestoresAndReleases() {
        admit(T1, "from", "to");
        admit(T2, "from");
        invoke(T1, "from", "withdraw", "30");
        invoke(T1, "to", "deposit", "30");
        assertThat(run(rm, TM, new RmOperation.Abort(T1))).isEqualTo(Reply.ok("aborted"));
        assertThat(from.balance()).isEqualTo(100);
        assertThat(to.balance()).isEqualTo(5);
        assertThat(value(invoke(T2, "from", "withdraw", "100"))).isEqualTo("0");
        assertThat(run(rm, TM, new RmOperation.Abort(T1))).as("a repeated abort is harmless").isEqualTo(Reply.ok("aborted"));
    }

    @Test
    void anOverdraftIsRefusedAndTheTransactionCannotPrepare() {
        admit(T1, "from", "to");
        Reply overdraft = invoke(T1, "to", "withdraw", "6");
        assertThat(overdraft.result()).isEqualTo(Reply.Result.NOT_OK);
        assertThat(overdraft.reason()).contains("overdraw");
        value(invoke(T1, "from", "deposit", "6"));
        assertThat(run(rm, TM, new RmOperation.Prepare(T1)).ok()).isFalse();
        run(rm, TM, new RmOperation.Abort(T1));
        assertThat(to.balance()).isEqualTo(5);
        assertThat(from.balance()).isEqualTo(100);
    }

    @Test
    void aConflictingTransactionIsToldToRetry() {
        admit(T1, "from", "to");
        admit(T2, "from", "to");
        invoke(T1, "from", "withdraw", "30");
        Reply read = invoke(T2, "from", "balance");
        assertThat(read.result()).isEqualTo(Reply.Result.RETRY);
        assertThat(read.reason()).contains("locked");
        assertThat(invoke(T2, "from", "deposit", "1").result()).isEqualTo(Reply.Result.RETRY);
        assertThat(run(rm, TM, new RmOperation.Prepare(T2)).ok()).as("T2 wrote nothing: a conflict is not a failure").isTrue();
        assertThat(run(rm, TM, new RmOperation.Abort(T2)).ok()).isTrue();
        assertThat(invoke(T2, "from", "balance").result()).as("ended here").isEqualTo(Reply.Result.NOT_OK);
        admit(tid(3), "to");
        assertThat(value(invoke(tid(3), "to", "balance"))).isEqualTo("5");
        assertThat(invoke(T1, "to", "deposit", "30").result()).as("T3 reads it").isEqualTo(Reply.Result.RETRY);
        assertThat(run(rm, TM, new RmOperation.Prepare(tid(4))).ok()).as("nothing of it here").isFalse();
    }

    @Test
    void sharedReadersBlockAWriterUntilTheyEndThenItIsPromoted() {
        admit(T1, "from");
        admit(T2, "from");
        value(invoke(T1, "from", "balance"));
        value(invoke(T2, "from", "balance"));
        assertThat(invoke(T1, "from", "withdraw", "1").result()).isEqualTo(Reply.Result.RETRY);
        run(rm, TM, new RmOperation.Abort(T2));
        assertThat(value(invoke(T1, "from", "withdraw", "1"))).as("promoted: the only reader").isEqualTo("99");
    }

    @Test
    void onlyTheTransactionManagerPreparesCommitsAbortsOrUnlocks() {
        admit(T1, "from");
        invoke(T1, "from", "withdraw", "30");
        for (RmOperation operation : List.of(new RmOperation.Prepare(T1), new RmOperation.Commit(T1), new RmOperation.Abort(T1),
                new RmOperation.Unlock(T1, "from"))) {
            assertThat(run(rm, ALICE, operation).reason()).contains("not the transaction manager");
        }
        assertThat(run(rm, TM, new RmOperation.Commit(T1)).reason()).as("commit needs prepare").contains("not prepared");
        assertThat(from.balance()).isEqualTo(100);
    }

    @Test
    void unlockReleasesOnlyAResourceTheTransactionDidNotWrite() {
        admit(T1, "from", "to");
        admit(T2, "from", "to");
        value(invoke(T1, "from", "balance"));
        value(invoke(T1, "to", "deposit", "1"));
        assertThat(run(rm, ALICE, new RmOperation.Unlock(T1, "from")).reason()).contains("not the transaction manager");
        assertThat(run(rm, TM, new RmOperation.Unlock(T1, "to")).reason()).contains("held until commit or abort");
        assertThat(invoke(T2, "to", "balance").result()).isEqualTo(Reply.Result.RETRY);
        assertThat(run(rm, TM, new RmOperation.Unlock(T1, "from"))).isEqualTo(Reply.ok("unlocked"));
        assertThat(value(invoke(T2, "from", "withdraw", "10"))).isEqualTo("90");
        assertThat(run(rm, TM, new RmOperation.Unlock(T1, "from")).ok()).as("no lock left").isFalse();
    }

    @Test
    void unknownResourcesAndMethodsAreNotOk() {
        admit(T1, "from");
        assertThat(invoke(T1, "nobody", "balance").reason()).contains("no resource");
        assertThat(invoke(T1, "from", "steal").reason()).contains("no method");
        assertThat(invoke(T1, "from", "deposit", "-5").reason()).contains("negative");
        assertThat(invoke(T1, "from", "deposit", "lots").reason()).contains("not an amount");
        assertThat(run(rm, ALICE, new RmOperation.Enlist(T1, "nobody")).reason()).contains("no resource");
    }

    @Test
    void anInvocationBeforeRegistrationIsToldToRetryAndRegistersOnce() {
        Reply first = invoke(T1, "from", "withdraw", "30");
        assertThat(first.result()).isEqualTo(Reply.Result.RETRY);
        assertThat(invoke(T1, "from", "withdraw", "30").result()).isEqualTo(Reply.Result.RETRY);
        assertThat(calls()).as("one registration, however often the client tries").hasSize(1);
        Outcalls.Call register = registration(rm, T1, "from", ALICE);
        assertThat(status()).contains("registrations under way 1");
        vote(rm, register, Reply.ok("registered"), 0, T);
        assertThat(invoke(T1, "from", "withdraw", "30").result()).as("t votes are not an answer").isEqualTo(Reply.Result.RETRY);
        vote(rm, register, Reply.ok("registered"), T, T + 1);
        assertThat(value(invoke(T1, "from", "withdraw", "30"))).isEqualTo("70");
        assertThat(calls()).hasSize(1);
        assertThat(run(rm, BOB, new RmOperation.Invoke(T1, "from", "balance", List.of())).result())
                .as("another client of the tid registers itself").isEqualTo(Reply.Result.RETRY);
        registration(rm, T1, "from", BOB);
    }

    @Test
    void aRefusalMakesLaterInvocationsNotOk() {
        invoke(T1, "from", "withdraw", "30");
        vote(rm, registration(rm, T1, "from", ALICE), Reply.notOk("no transaction"), 0, T + 1);
        for (int k = 0; k < 2; k++) {
            Reply refused = invoke(T1, "from", "withdraw", "30");
            assertThat(refused.result()).isEqualTo(Reply.Result.NOT_OK);
            assertThat(refused.reason()).isEqualTo("no transaction");
        }
        assertThat(invoke(T1, "to", "balance").result()).as("the refusal covers the client under the tid").isEqualTo(Reply.Result.NOT_OK);
        assertThat(calls()).hasSize(1);
        assertThat(from.balance()).isEqualTo(100);
    }

    @Test
    void aTidEndedHereIsNotOkAndALateRegistrationHoldsNothing() {
        invoke(T1, "from", "withdraw", "30");
        Outcalls.Call register = registration(rm, T1, "from", ALICE);
        assertThat(run(rm, TM, new RmOperation.Abort(T1))).isEqualTo(Reply.ok("aborted"));
        vote(rm, register, Reply.ok("registered"), 0, T + 1);
        assertThat(status()).contains("transactions 0").contains("registrations under way 0");
        Reply late = invoke(T1, "from", "withdraw", "30");
        assertThat(late.result()).isEqualTo(Reply.Result.NOT_OK);
        assertThat(late.reason()).contains("ended");
        admit(T2, "from");
        assertThat(value(invoke(T2, "from", "withdraw", "100"))).as("T1 holds no lock").isEqualTo("0");
        assertThat(calls()).hasSize(2);
    }

    @Test
    void locksTimeOutAfterLockTicksAndPrepareThenVotesNo() {
        rm = bank(settings(2, 16));
        admit(T1, "from");
        value(invoke(T1, "from", "withdraw", "30"));
        tick(rm);
        tick(rm);
        assertThat(status()).contains("clock 2").contains("lock timeouts 0");
        tick(rm);
        assertThat(status()).contains("clock 3").contains("transactions 0").contains("lock timeouts 1");
        assertThat(run(rm, TM, new RmOperation.Prepare(T1)).ok()).isFalse();
        assertThat(invoke(T1, "from", "withdraw", "1").result()).isEqualTo(Reply.Result.NOT_OK);
        admit(T2, "from");
        assertThat(value(invoke(T2, "from", "balance"))).as("released and rolled back").isEqualTo("100");
    }

    @Test
    void aPreparedTransactionKeepsItsLocksPastLockTicks() {
        rm = bank(settings(1, 16));
        admit(T1, "from");
        value(invoke(T1, "from", "withdraw", "30"));
        assertThat(run(rm, TM, new RmOperation.Prepare(T1))).isEqualTo(Reply.ok("prepared"));
        for (int k = 0; k < 4; k++) {
            tick(rm);
        }
        assertThat(run(rm, TM, new RmOperation.Commit(T1))).isEqualTo(Reply.ok("committed"));
        assertThat(from.balance()).isEqualTo(70);
    }

    @Test
    void aClientHasAtMostRegistrationsPerClientUnderWay() {
        rm = bank(settings(20, 2));
        invoke(T1, "from", "balance");
        invoke(T1, "to", "balance");
        Reply third = invoke(T2, "from", "balance");
        assertThat(third.result()).isEqualTo(Reply.Result.RETRY);
        assertThat(third.reason()).contains("2 registrations of this client");
        assertThat(calls()).hasSize(2);
        assertThat(run(rm, BOB, new RmOperation.Enlist(T2, "from")).result()).isEqualTo(Reply.Result.RETRY);
        assertThat(calls()).as("another client is not held back").hasSize(3);
        vote(rm, calls().get(0), Reply.ok("registered"), 0, T + 1);
        invoke(T2, "from", "balance");
        assertThat(calls()).as("one finished, one more may start").hasSize(4);
    }

    @Test
    void votesFromNonMembersAreNotVotes() {
        invoke(T1, "from", "withdraw", "30");
        Outcalls.Call register = registration(rm, T1, "from", ALICE);
        byte[] before = rm.snapshot();
        byte[] vote = new Vote.Reply(register.id(), Reply.ok("registered").encode()).encode();
        for (ClientId stranger : List.of(ALICE, TM)) {
            assertThatThrownBy(() -> rm.execute(vote, new Invoker(stranger, 1, ++sequence))).isInstanceOf(MalformedEncodingException.class);
            assertThatThrownBy(() -> rm.execute(new Vote.Tick(1).encode(), new Invoker(stranger, 1, ++sequence)))
                    .isInstanceOf(MalformedEncodingException.class);
        }
        assertThatThrownBy(() -> rm.execute(new RmOperation.Status().encode(), new Invoker(MEMBERS.get(0), 1, ++sequence)))
                .as("a member's operation is a vote").isInstanceOf(MalformedEncodingException.class);
        assertThat(rm.snapshot()).isEqualTo(before);
        assertThat(invoke(T1, "from", "withdraw", "30").result()).isEqualTo(Reply.Result.RETRY);
    }

    @Test
    void twoReplicasFedAlikeGiveEqualSnapshotsAndRestoreRoundTrips() {
        ResourceManagerService a = bank(settings(20, 16));
        ResourceManagerService b = bank(settings(20, 16));
        for (ResourceManagerService replica : List.of(a, b)) {
            admit(replica, T2, "to");
            admit(replica, T1, "from");
            invoke(replica, T2, "to", "balance");
            invoke(replica, T1, "from", "withdraw", "30");
            invoke(replica, T1, "from", "withdraw", "300");
            invoke(replica, T1, "to", "deposit", "1");
            run(replica, TM, new RmOperation.Prepare(T2));
            tick(replica);
        }
        byte[] snapshot = a.snapshot();
        assertThat(b.snapshot()).isEqualTo(snapshot);

        ResourceManagerService restored = bank(settings(20, 16));
        restored.restore(snapshot);
        assertThat(restored.snapshot()).isEqualTo(snapshot);
        Outcalls.Call pending = restored.outcalls().pending().get(0);
        assertThat(sent.get(restored)).as("the registration under way is announced again").containsExactly(pending);
        assertThat(pending.operation()).isEqualTo(new TmOperation.Register(T1, "to", ALICE).encode());
        assertThat(sent.get(a)).extracting(Outcalls.Call::id).contains(pending.id());
        for (ResourceManagerService replica : List.of(a, restored)) {
            vote(replica, pending, Reply.ok("registered"), 0, T + 1);
            run(replica, TM, new RmOperation.Commit(T2));
            run(replica, TM, new RmOperation.Abort(T1));
            invoke(replica, tid(3), "to", "deposit", "7");
        }
        assertThat(restored.snapshot()).isEqualTo(a.snapshot());
    }

    @Test
    void garbageIsRefusedAndChangesNothing() {
        admit(T1, "from");
        invoke(T1, "from", "withdraw", "30");
        invoke(T1, "to", "balance");
        byte[] before = rm.snapshot();
        Invoker invoker = new Invoker(ALICE, 1, 99);
        assertThatThrownBy(() -> rm.execute(new byte[] {9}, invoker)).isInstanceOf(MalformedEncodingException.class);
        byte[] invoke = new RmOperation.Invoke(T1, "from", "balance", List.of()).encode();
        assertThatThrownBy(() -> rm.execute(Arrays.copyOf(invoke, invoke.length - 1), invoker)).isInstanceOf(MalformedEncodingException.class);
        byte[] tooMany = new RmOperation.Invoke(T1, "from", "balance", java.util.Collections.nCopies(65, "")).encode();
        assertThatThrownBy(() -> rm.execute(tooMany, invoker)).hasMessageContaining("more than 64");
        assertThatThrownBy(() -> rm.restore(Arrays.copyOf(before, before.length - 1))).isInstanceOf(MalformedEncodingException.class);
        assertThatThrownBy(() -> rm.restore(Arrays.copyOf(before, before.length + 1))).isInstanceOf(MalformedEncodingException.class);
        ResourceManagerService other = new ResourceManagerService(settings(20, 16), Map.of("from", new Account(1), "elsewhere", new Account(1)));
        assertThatThrownBy(() -> rm.restore(other.snapshot())).hasMessageContaining("unknown here");
        assertThat(rm.snapshot()).isEqualTo(before);
        assertThat(Reply.decode(rm.executeReadOnly(new RmOperation.Status().encode(), invoker)).ok()).isTrue();
        assertThatThrownBy(() -> rm.executeReadOnly(invoke, invoker)).hasMessageContaining("only status");
    }

    @Test
    void aResourceRefusingItsStateUndoesTheOthersRestore() {
        ResourceManagerService target = bank(settings(20, 16));
        byte[] before = target.snapshot();
        ResourceManagerService changed = bank(settings(20, 16));
        admit(changed, T1, "from");
        invoke(changed, T1, "from", "withdraw", "30");
        byte[] snapshot = changed.snapshot();
        // "from" sorts before "to": corrupt the account state of "to" (its flag for a tentative balance,
        // after the 8-byte balance) to 2, which no account writes, so "from" is restored first, then undone.
        int toState = indexOf(snapshot, "to".getBytes(StandardCharsets.UTF_8)) + 2 + 4;
        snapshot[toState + 8] = 2;
        assertThatThrownBy(() -> target.restore(snapshot)).hasMessageContaining("not a flag");
        assertThat(target.snapshot()).isEqualTo(before);
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
