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
 * <p><b>Replicated callers.</b> A replicated group may call the service (the transaction manager
 * group calling resource manager groups, 5.3.4): the replicas know it as a
 * {@link org.maftia.replication.CallerGroup} ({@code ReplicaOptions#callers}), its name, its t and
 * its members' client keys, one per replica of the caller. Protocols 12-13 key the history by
 * {@code group(source)|seq}; here a request from a member is a vote of its group, the group's
 * request is numbered in the group's session (the history holds it under the group's id, not the
 * member's), and it executes when t+1 distinct members' requests with the same session, number
 * and operation were delivered ({@code invocation.CallerVotes}). Why t+1: at most t members are
 * corrupted, so t+1 alike include an honest member, and honest members ask only for what their
 * replicated service decided; fewer could be a corrupted member alone. What counts: one vote per
 * member per number, the first delivered (a second, different operation under that number is
 * refused and counted); a member's same request again (its retry through another member, a
 * replay) changes nothing; after execution the number is a duplicate and its reply goes from the
 * reply cache to a member that asks later. The reply goes to every member that voted for the
 * number, and each member takes the reply t+1 callee replicas sent alike, as any client does.
 * Bounds: per member at most {@code clientWindow} votes waiting (a corrupted member fills only its
 * own quota); votes leave when their number executes, and a session's when the group executes a
 * request of a later one; only digests of operations are kept, since the vote that completes t+1
 * carries the operation. Votes are changed only on ordered delivery, so every honest replica
 * executes a group's request at the same point of the order; they decide what executes, so they
 * are in the checkpoint, and a replica that takes a state by transfer counts the votes cast before
 * it as the others do. On the caller's side each replica holds a
 * {@link org.maftia.replication.GroupCaller} with its member's key: one session, fixed per caller
 * group and callee, and each call numbered by the caller's service from its replicated state, so
 * that honest members ask alike. The group's history entry is forgotten like a client's when
 * {@code maxClients} others were served since; then its session is expired and it must begin a
 * new one.
 *
 * <p>{@link org.maftia.replication.ServedReplica} puts a replica on a site of a group directory
 * with the client endpoint its group file describes; {@code maftia site} runs it as a process.
 */
package org.maftia.replication;
