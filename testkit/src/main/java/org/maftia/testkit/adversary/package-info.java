/**
 * Byzantine strategies for the simulated network, protocol-agnostic: each drives some corrupted
 * sites and acts on the wire only, so it fits any protocol run on a
 * {@link org.maftia.testkit.net.SimulatedNetwork}, and they compose with
 * {@link org.maftia.testkit.adversary.Adversaries#all}.
 *
 * <ul>
 *   <li>{@link org.maftia.testkit.adversary.Crash}: silent from the start, or crashing at a time;</li>
 *   <li>{@link org.maftia.testkit.adversary.Replay}: old messages again, own ones and reflected ones;</li>
 *   <li>{@link org.maftia.testkit.adversary.GarbageFlood}: junk, mostly shaped like real messages, to a budget;</li>
 *   <li>{@link org.maftia.testkit.adversary.Mutate}: a few bytes flipped, so shares and justifications do not verify;</li>
 *   <li>{@link org.maftia.testkit.adversary.Equivocate}: one version to half the sites, another to the rest;</li>
 *   <li>{@link org.maftia.testkit.adversary.DelayHonestSite}: corrupted sites and network slow one honest site down;</li>
 *   <li>{@link org.maftia.testkit.adversary.FreshIdFlood}: bursts of tiny messages under names of instances that never exist;</li>
 *   <li>{@link org.maftia.testkit.adversary.PredictableIdFlood}: bursts under the predicted name of an instance not started yet.</li>
 * </ul>
 *
 * <p>The fault model holds whatever a strategy does, because the network enforces it: only
 * corrupted sites' messages are dropped, altered or sent, in their own names; honest sites'
 * messages are only delayed, and finitely. Every random choice comes from a generator the test
 * passes in (a split of the simulation's), so a seed replays a run. Strategies that need to know
 * a protocol (valid-looking messages signed with real keys) belong with that protocol's tests.
 */
package org.maftia.testkit.adversary;
