/**
 * Calls from a replicated group to other replicated groups, with the replies brought back into the
 * caller's order, and a clock the group agrees on (spec 5.3.4: the transaction manager group and
 * the resource manager groups call each other; Protocol 16 line 11 waits for the transaction
 * manager's reply, Protocol 18 line 14 asks every resource manager group to prepare and Protocol
 * 20 collects their votes).
 *
 * <p>{@link org.maftia.replication.outcall.Outcalls} is replicated state: calls recorded while
 * executing an operation, each numbered in the callee's session, and the members' votes on
 * replies and ticks. {@link org.maftia.replication.outcall.OutcallDriver} is each replica's
 * runtime: it sends the calls through its member's link (a
 * {@link org.maftia.replication.GroupCaller}: the callee executes a call once t+1 members asked
 * alike) and submits what came back to its own group as a vote; the group acts on a reply when
 * t+1 members voted it alike, so a corrupted member can neither invent a reply nor stop one.
 * Ticks too need t+1 members, so the clock cannot be run ahead by a corrupted member; a service
 * uses it for timeouts that must be the same at every replica (a vanished client's locks).
 *
 * <p>Costs: each call is executed by the callee after t+1 of the caller's members' requests were
 * ordered there, and its reply is ordered in the caller's group once per member that votes (n
 * requests, t+1 of them decisive). At most {@code window} calls are out at once.
 */
package org.maftia.replication.outcall;
