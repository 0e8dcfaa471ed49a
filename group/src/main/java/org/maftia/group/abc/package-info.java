/**
 * Atomic broadcast, Protocol 7 (ABC, spec 5.2.1.6), with the catch-up this implementation adds:
 * {@link org.maftia.group.abc.Abc}. Every honest party delivers the same payloads in the same order,
 * each once while d remembers it, every honest party's included. Messages: (queue, r, j, w, σ),
 * and the catch-up request and answer; what the pseudo-code leaves open and where the code departs
 * from it follows.
 *
 * <p><b>The protocol as {@code Abc} runs it.</b>
 * Protocol 7, ABC (spec 5.2.1.6; Cachin, Kursawe, Petzold and Shoup): P_i's instance of atomic
 * broadcast. Rounds: send the head of the queue q, signed, in a queue message; collect n-t signed
 * queue messages into [W, S]; agree on one such vector with VBA validated by Θ_r; deliver the
 * entries of the decided vector not yet delivered, in a deterministic order; next round.
 *
 * <p>The w of a queue message is a batch: the first entries of q, up to {@link Abc.Settings#maxBatch()}
 * entries and {@link Abc.Settings#maxBatchBytes()} bytes, so one round orders up to n batches. The
 * items are {@link StreamEntry stream entries}; q and d compare their contents as the spec's m: a
 * payload by its bytes, whoever numbered it ({@link Delivered}). So a payload is delivered once
 * even when a corrupted party re-broadcasts it under a number of its own; this party's own
 * broadcasts of a payload are handed back with its delivery, whichever entry carried it.
 *
 * <p>S, the "standard signature scheme" of Protocol 7, is each party's share of the (n, n-t, t)
 * signature scheme S of ABBA, on a tag naming the stream, the round and the party: a share is a
 * signature only its holder can make and anyone can check with the group's public key.
 *
 * <p>Departures, to bound memory against Byzantine parties (each documented where it acts):
 * Θ_r also requires every element of W to be signed (an honest proposer only includes signed
 * ones); queue messages more than {@link Abc.Settings#roundsAhead()} rounds ahead are refused; the
 * agreements of old rounds are freed {@link Abc.Settings#roundsKept()} rounds later; and d remembers
 * a payload for {@link Abc.Settings#roundsRemembered()} rounds after the round that delivered it, which
 * suffices for everything honest parties do ({@code package-info}: the window of d, and what
 * each bound costs in memory).
 *
 * <p><b>Catch-up</b> (an addition to Protocol 7, spec lines 3499-3550, which has no state
 * transfer). With those bounds, a party the others left more than {@code roundsAhead} rounds
 * behind refuses their queue messages, which no one sends again unasked, and more than {@code roundsKept}
 * rounds behind it finds their agreements of its rounds freed: Protocol 7 alone would leave it
 * stuck. So the parties transfer decisions:
 * <ol>
 * <li>Every party keeps the V decided at line 12 for the last {@link Abc.Settings#decisionsKept()}
 *     rounds, and answers (catch-up answer, round, V) to a (catch-up request, round), once per
 *     requester and round; a request for a round not decided yet waits, one per requester, and is
 *     answered at the decision ({@link Decisions}). A request for a round r' also gets the
 *     party's queue message of the round under way here again, once per requester and round, as
 *     soon as that round is within the requester's window of r': the requester refused it while
 *     further behind, and the others may need the requester in that round (if t parties fell
 *     silent, say). Waiting for the requester to ask for that very round would not do: it asks
 *     only while t+1 parties' messages for its round were refused, and the others' may have
 *     arrived within its window (a run of the simulation found exactly that: one honest queue
 *     message missing, t parties silent, no one able to progress).
 * <li>A party asks every other party for the V of its current round r while t+1 distinct parties
 *     sent it queue messages for round r or later that it refused as beyond its window: it will
 *     not get them again, so its own agreement of r may never start; one of those parties is
 *     honest and reached that round, so r is decided or being decided; and t Byzantine parties
 *     alone make it do nothing. So it asks from the first refusal by t+1 parties, round after
 *     round, up to the rounds whose queue messages it could accept ({@link CatchUp}).
 * <li>It takes a V that t+1 distinct parties answered (compared by digest), holding one answer
 *     per party for the round asked only. One of the t+1 is honest, and answers the V that its
 *     agreement decided or that t+1 parties answered it, which by induction over the rounds and
 *     VBA's agreement is every honest party's V for that round. So the V taken is the V its own
 *     agreement would have decided.
 * <li>It decides round r with that V exactly as if its agreement had (lines 13-19, the same code):
 *     the same entries leave q and enter d in the same order, so total order, integrity and the
 *     closes are as in Protocol 7. Its agreement of round r, if started, stays until
 *     {@code roundsKept} rounds later like any other (an honest party that has not decided yet
 *     may need it: t+1 answers show only one honest decision); its late decision, the same V, is
 *     ignored.
 * </ol>
 * Malformed answers are refused (counted by the session), well-formed answers that were not the
 * V taken are counted ({@link Abc.CatchUpCounters}). A party that falls more than {@code
 * decisionsKept} rounds behind still cannot catch up: the others no longer hold those decisions,
 * and the application's state would have to be transferred instead.
 *
 * <p><b>Resumption</b> (an addition, for a party that lost its state: a replica whose process
 * restarted, spec 5.3.6). Between two rounds every honest party has the same r and d, so
 * {@link org.maftia.group.abc.Abc#resumePoint()} is the same at each; the application transfers it
 * with its own state of that point (taking what t+1 parties vouch for). The resumed instance
 * begins in that round with that d and asks for the round's decision at once: the queue messages of
 * rounds decided before it came up were sent before it could take them, and no one sends them
 * again unasked. After that it also asks for a round whose agreement it never started once t+1
 * parties sent queue messages of later rounds (so the round is decided at an honest one); with
 * links that keep each sender's order, a party that keeps up has started its agreement by then,
 * so this costs nothing in the common case. q starts empty: the application broadcasts again
 * what it had not seen delivered.
 *
 * <p><b>The window of d.</b> d compares contents, as the spec's m ({@code Delivered}), and
 * remembers each for {@code roundsRemembered} rounds K after the round that delivered it. Honest
 * parties alone never need more than that round: the vector of round r holds queue messages of
 * round r only (their signature names r); an honest party puts a payload in its queue message of
 * round r only while it has not delivered it (q loses it at delivery, line 18; a relayed batch is
 * one of round r); and every honest party delivers it in the same round. So a payload ordered
 * again after its round is put there by a corrupted party, which can do so at any time: it keeps
 * what it saw. No bounded d refuses that forever. With K rounds it must wait K rounds (1024 by
 * default: half a minute at the 30-40 rounds per second measured with four sites), and the
 * payload is then delivered again at the same place of every honest party's order, so total
 * order holds. An application that must never see a payload twice numbers its payloads (as
 * clients number their requests, spec 5.3.3).
 *
 * <p><b>Memory</b> of one instance at one party, with the default settings (batches of 512 entries
 * and 1 MiB, 8 rounds ahead and kept, 64 decisions or 32 MiB, d for 1024 rounds) and n = 4. A
 * queue message is at most a batch and a signature share (~1 MiB); a decided vector at most n of
 * them (~4 MiB). In brackets, the benchmark's load (batches of 128 payloads of 1 KiB, ~133 KB, and
 * vectors of ~450 KB):
 * <ul>
 * <li>queue messages of the rounds under way and ahead: at most one per party and round, for
 *     roundsAhead + 1 rounds: 9 MiB per party, 36 MiB in all (in practice the current round's);
 * <li>decided vectors kept for catch-up answers: the last decisionsKept, or fewer while they
 *     exceed decisionBytes, never fewer than roundsKept + 1: at most max(32 MiB, 9 vectors), 36
 *     MiB [64 vectors, ~29 MB];
 * <li>while asking for a round: one answer per party, at most n vectors, 16 MiB;
 * <li>the decided round's entries being handed over: one vector's, 4 MiB;
 * <li>d: 24 bytes per payload delivered in the last 1024 rounds, at most n batches a round: 48 MiB
 *     of entries of a few bytes [~9 MB];
 * <li>q: this party's own entries, as many as its stream lets it have in flight (its window);
 * <li>the agreements of the last roundsKept + 1 rounds, each holding up to n proposals twice
 *     (VCBC's payload and VBA's copy): 288 MiB with vectors of the largest size [25 MB measured at
 *     a site, 9 agreements; with 32 rounds kept, as before, about 100 MB at 3 MB each].
 * </ul>
 * Only the agreements scale with the batch bound times n squared; a deployment with larger groups
 * or larger payloads sets maxBatchBytes and roundsKept for its heap.
 */
package org.maftia.group.abc;
