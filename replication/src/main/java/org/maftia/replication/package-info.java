/**
 * Service replication (spec 5.3.3 and 5.3.6): a deterministic {@link org.maftia.replication.ReplicatedService}
 * written once runs at every site of a group ({@link org.maftia.replication.ServiceReplica}) and
 * is called by clients outside the group ({@link org.maftia.replication.ServiceProxy}).
 *
 * <p><b>The protocols as this package runs them.</b>
 * <ul>
 * <li>Voting Multicast (Protocol 11, {@code voting.VotingMulticast}): the client sends a request to
 *     one member; every replica replies to the client; the result is the reply t+1 replicas sent
 *     alike; on timeout the request goes to the next member, and after all n the call fails with
 *     {@link org.maftia.replication.ServiceUnavailableException}.</li>
 * <li>Open Group (Protocol 12, {@code replica.ReplicaInstance#onClientRequest}): the member
 *     broadcasts the request with the client's identity on the group's atomic broadcast (Protocol
 *     7), unless the history says it was executed (then the reply is sent again).</li>
 * <li>Invocation (Protocol 13, {@code ReplicaInstance#onDelivered}): each delivered request not in
 *     the history ({@code invocation.ClientTable}) is executed and answered; duplicates are not.</li>
 * <li>Recovery (Protocol 25, generalized, {@code recovery}): every replica takes a checkpoint of its
 *     state (the atomic broadcast's resume point, the history, the service's snapshot) at the end
 *     of the round in which {@code checkpointEvery} more requests were executed: the same bytes at
 *     every honest replica. A replica that starts asks the others for their checkpoints, takes the
 *     latest one t+1 of them offer with the same digest, fetches it in chunks from one of those in
 *     turn (checking the digest), restores it, and resumes the atomic broadcast from that round;
 *     the broadcast's catch-up brings the decisions after it. A new group is the case where every
 *     replica offers the initial state. A running replica checks now and then whether it was left
 *     behind (cut off while the others ordered more rounds than they keep decisions for): if t+1
 *     others vouch for a checkpoint beyond the round it has not left since, it takes that state and
 *     its broadcast jumps there ({@code Abc#jumpTo}).</li>
 * </ul>
 *
 * <p><b>Departures, each for a reason.</b> Requests are numbered per client session with a window
 * of numbers in flight rather than one at a time (the protocol's queue q): clients pipeline, and
 * the per-client order the history keeps is the same. The first member a request goes to is chosen
 * by its number, to spread load. Replies gathered before a timeout are kept. A read-only path
 * (not in the spec) answers unordered when n-t replicas agree and orders the request otherwise: it
 * returns a state the group's order reached, but not necessarily the latest (a write whose reply
 * the client already has may not be reflected yet at n-t replicas); a client needing that orders
 * its read.
 * The spec assumes the other replicas queue requests while one recovers (5.3.6); here they go on
 * serving, since the recovering one needs only t+1 of them. The history is bounded
 * ({@code ClientTable}); a replay of a request of a client forgotten long ago executes again, as a
 * payload forgotten by atomic broadcast's d is ordered again.
 *
 * <p>{@link org.maftia.replication.ServedReplica} puts a replica on a site of a group directory
 * with the client endpoint its group file describes; {@code maftia site} runs it as a process.
 */
package org.maftia.replication;
