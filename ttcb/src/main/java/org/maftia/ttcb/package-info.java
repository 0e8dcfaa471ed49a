/**
 * The Trusted Timely Computing Base (spec 2.2, 4.1).
 *
 * <h2>What is here</h2>
 * <ul>
 *   <li>{@link org.maftia.ttcb.Ttcb}: every call of spec 2.2 with its parameters, results and
 *       error codes ({@link org.maftia.ttcb.TtcbError}), decision functions
 *       ({@link org.maftia.ttcb.DecisionFunction}). Implemented by
 *       {@link org.maftia.ttcb.client.TtcbClient} over an in-JVM channel (simulation) or the Unix
 *       domain socket of {@code maftia ttcbd}.</li>
 *   <li>{@link org.maftia.ttcb.core.LocalTtcb}: one local TTCB. Protocol 1 (agreement service,
 *       {@code AgreementService}) over Protocol 2 (timely reliable broadcast with
 *       {@code higherseqVector}, {@code ReliableBroadcast}), line 24 substituted as in 4.1.2 for
 *       crashed local TTCBs, crash detection from missed periodic broadcasts
 *       ({@code CrashDetector}), clock synchronisation ({@code ClockSync}), duration measurement,
 *       timely execution with a schedulability check ({@code ExecService}), local and distributed
 *       timing failure detection. Tagreement and Tbroadcast come from formulas 4.1-4.3
 *       ({@link org.maftia.ttcb.core.TimingParameters}); an R-delivery later than Tbroadcast, a
 *       proposal arriving after tstart + Tagreement, a late broadcast round, a late or overrunning
 *       exec are counted as timing failures ({@link org.maftia.ttcb.core.Counters}).</li>
 *   <li>{@link org.maftia.ttcb.core.EntityGateway}: the TTCB interface. Local authentication as
 *       in Figure 2.7 (Ket and Xe under the TTCB's X25519 key, ECIES-style; Ed25519 signature of
 *       the challenge), then every call MACed (HMAC-SHA256) or sealed (AES-256-GCM) under keys
 *       from Ket, with strictly increasing sequence numbers: tampered, replayed and re-ordered
 *       calls are refused and counted. Sessions are kept in a bounded {@code SessionTable}.</li>
 *   <li>{@link org.maftia.ttcb.sim.InJvmTtcbCluster}: n local TTCBs on a virtual-time loop (testkit's
 *       Simulation) with a {@link org.maftia.ttcb.sim.SimControlNetwork} inside the Abstract
 *       Network model (delays in [tsendMin, Tsend], at most Od omissions per message and link,
 *       crashes between any two frames of a broadcast).</li>
 *   <li>{@link org.maftia.ttcb.daemon.TtcbDaemon}: the same local TTCB as a process, UDP control
 *       network on its own ports, Unix domain socket for the entities of the host.</li>
 * </ul>
 *
 * <h2>Control-network messages</h2>
 * One message per local TTCB every Ts, sent Od + 1 times: (sender, seq = round, sendTime,
 * higherseqVector, clock-sync echoes, records), records being proposals (elist, tstart, decision,
 * eid, value, TBA_KEY contribution), distributed-action starts and deliveries. Frames are
 * AES-256-GCM under a per-sender key derived from the control network's secret (AN2, AN7, AN8).
 *
 * <h2>Departures from the spec, and why</h2>
 * <ul>
 *   <li>Every call but getLocalPublicKey and localAuthentication requires a session: the eid
 *       only comes from local authentication anyway, and the path is untrusted (2.2.3.1).</li>
 *   <li>The TTCB's reply to local authentication signs Xe together with the eid, the protection,
 *       a boot nonce and a hash of the request, so an attacker cannot change the eid on the way.
 *       The session keys are derived from Ket salted with the boot nonce (drawn at each start of
 *       the local TTCB, sent in the reply) and the eid: a restarted TTCB forgets the requests it
 *       saw and gives eids from 0 again, so an authentication request replayed to it would
 *       otherwise recreate the same eid and keys, letting old calls replay and AEAD replies reuse
 *       a key and nonce.</li>
 *   <li>{@code exec} and {@code waitInfo} return futures (the spec's calls block); decide stays
 *       non-blocking as specified. {@code waitInfo} needs a tag (the spec's tag is optional); a
 *       receiver asking before the start record reached its local TTCB waits for it (at most
 *       Ts + Tbroadcast), then gets UNKNOWN_TAG.</li>
 *   <li>TBA_KEY: the key is HKDF over random contributions that the proposers' local TTCBs add
 *       to their proposals (confidential on the control network), salted with the agreement's
 *       id; it is given only over an AEAD-protected channel, and only when every entity of elist
 *       proposed (a key is shared by exactly elist); otherwise decide ends with NOT_ALL_PROPOSED,
 *       no value, and proposed-any saying who proposed.</li>
 *   <li>Masks are {@code long}s, so elist has at most 64 entities.</li>
 *   <li>A local TTCB that finds it missed its own broadcast instant by more than WCETsend halts:
 *       on a COTS host a pause is possible, and halting turns that timing failure into the crash
 *       the model allows.</li>
 *   <li>The omission degree is enforced per message and link in the simulation (the spec bounds
 *       omissions per interval of time). The control network is simulated here rather than with
 *       testkit's {@code SimulatedNetwork}: that one models the asynchronous payload network
 *       (probabilistic loss, an adversary delaying honest messages), while the TTCB's network is
 *       synchronous with bounded omissions (Table 4.1); both run on testkit's {@code Simulation}.</li>
 *   <li>Times an entity gives (tstart ahead, start_ev back, spec, delay, t_exec) are limited to
 *       {@link org.maftia.ttcb.core.LocalTtcb#HORIZON} (one hour): BAD_TIMESTAMP beyond.</li>
 *   <li>Sessions are bounded (the spec keeps them without limit). When the table is full, a new
 *       session takes the place of the least recently used session of the user holding the most
 *       sessions (the newcomer's own when it holds as many; the daemon learns each connection's
 *       user from the kernel, SO_PEERCRED): a user holding no more sessions than the newcomer
 *       never loses one. Of that user's sessions, one whose entity holds a live agreement goes
 *       last, so an entity keeps the eid its pending agreements name while its user has other
 *       sessions to give up; an evicted entity authenticates again under a new eid (eids are
 *       never handed out twice in a boot), and its measurements and local actions are dropped.</li>
 *   <li>Each time-service table (measurements, local actions, distributed actions, waitInfo
 *       calls waiting for a start record) holds 4096 entries, and one entity a sixteenth of
 *       each: RESOURCES beyond, so that one entity cannot take them from the others. Unlike the
 *       agreement table, the distributed-action table is not split in per-TTCB shares: while it
 *       is full, a start record R-delivered from another local TTCB is not tracked here, and
 *       waitInfo for that action here ends with UNKNOWN_TAG.</li>
 *   <li>A join rule the spec leaves to deployment ({@link org.maftia.ttcb.core.JoinBarrier}): a
 *       local TTCB serves entities and detects crashes only once every other member read one of
 *       its own messages (a start barrier), so all crash views start from the same members; one
 *       that learns a member counts it crashed halts instead of serving divergent decisions. The
 *       price: no TTCB serves until all members started, and a restarted one is never readmitted
 *       under the same id (it halts): the spec has no recovery of a local TTCB, and readmitting
 *       one would need every member to agree on when its crash view ends.</li>
 *   <li>What an entity proposes is checked against what the control network carries (eids,
 *       elists, a round message's bytes) and refused at the entity; a TTCB's own entities may open
 *       a 1/n share of the agreement table, and a remote proposal is never dropped.</li>
 *   <li>Time-service tags are handles of the entity that started them: another entity's use is
 *       UNKNOWN_TAG.</li>
 *   <li>A proposer past tstart gets TSTART_EXPIRED with the agreement's tag (null once the record
 *       is gone), so it can decide and read the value and masks. {@code DecideResult.ended()} is
 *       the spec's TTCB_TBA_ENDED (the agreement ended, its result is available);
 *       {@code pending()} is NOT_ENDED, the one result to retry on; a record discarded after its
 *       retention is DISCARDED. TBA_RMULTICAST whose first entity did not propose ends with an
 *       empty value and its masks, for the crash detector. Entities read Tagreement and
 *       Tbroadcast with {@code getTimingConstants()}.</li>
 *   <li>The control network's receive thread authenticates each frame before the TTCB thread sees
 *       it (forged frames and frames from non-members dropped and counted); at most 256 authentic
 *       frames per sender wait for the TTCB thread.</li>
 *   <li>Deployment (the spec assumes a trusted component): {@code ttcbd} refuses a key file or
 *       configuration that is a symbolic link, owned by another user or open to group or others
 *       (the configuration holds the control network's secret); its socket has mode 0660 and the
 *       group {@code maftia} when the host has one, from the moment it exists.</li>
 * </ul>
 */
package org.maftia.ttcb;
