/**
 * Atomic broadcast, Protocol 7 (ABC, spec 5.2.1.6), with the catch-up this implementation adds:
 * {@link org.maftia.group.abc.Abc}. Every honest party delivers the same payloads in the same order,
 * each once while d remembers it, every honest party's included. Messages: (queue, r, j, w, σ),
 * and the catch-up request and answer; what the pseudo-code leaves open and where the code departs
 * from it is in {@code Abc}'s class comment.
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
