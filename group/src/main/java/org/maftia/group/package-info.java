/**
 * The asynchronous communication services of spec 3.2, as the application sees them: the classes
 * of Figure 5.1, with the methods the spec gives them.
 *
 * <ul>
 * <li><b>Agreement</b> ({@link org.maftia.group.Agreement}, on a {@link org.maftia.group.Negotiable}):
 *     {@link org.maftia.group.BinaryAgreement} (Protocol 3, ABBA), {@link org.maftia.group.ValidatedAgreement}
 *     (validated and biased binary agreement, 5.2.1.2) and {@link org.maftia.group.ArrayAgreement}
 *     (Protocol 4, multi-valued validated agreement, on an {@link org.maftia.group.ArrayValidator}).
 * <li><b>Broadcast</b> ({@link org.maftia.group.Broadcast}): {@link org.maftia.group.ReliableBroadcast}
 *     (Protocol 5), {@link org.maftia.group.ConsistentBroadcast} and
 *     {@link org.maftia.group.VerifiableConsistentBroadcast} with its closings (Protocol 6).
 * <li><b>Streams</b> ({@link org.maftia.group.Stream}): {@link org.maftia.group.AtomicStream}
 *     (Protocol 7), {@link org.maftia.group.SecureAtomicStream} (Protocol 8, causal order of
 *     ciphertexts), and the aggregated {@link org.maftia.group.ReliableStream} and
 *     {@link org.maftia.group.ConsistentStream} (5.2.1.8).
 * </ul>
 *
 * <p><b>Binding to a site.</b> Every protocol runs at a {@link org.maftia.group.Site}: one
 * party's identity, keys ({@link org.maftia.group.SiteKeys} by {@link org.maftia.group.KeyPurpose})
 * and Appia channel with the group layer, over TCP ({@link org.maftia.group.Site#load}) or the
 * simulated network ({@link org.maftia.group.Site#builder}). Every class has the constructors of
 * section 3.2, which take ids only ({@code new BinaryAgreement(protocolID, groupID)}) and run at
 * the site {@link org.maftia.group.Site#current()} resolves (bound to the thread with
 * {@code try (var scope = site.enter()) { ... }}, else the JVM's only open site), and one
 * constructor more with the site first. One argument order everywhere:
 * {@code (site, protocolID, groupID[, sender][, options])}, options as records
 * ({@link org.maftia.group.StreamOptions}). Instances with the same {@code protocolID} at the
 * parties of a group make one protocol run.
 *
 * <p><b>Where the signatures differ from section 3.2, and why.</b> The blocking calls declare no
 * checked exception, as in the spec; an interrupted wait throws the unchecked
 * {@link org.maftia.group.OperationInterruptedException}. {@code ValidatedAgreement} also has
 * constructors with a group id (the spec's name none). {@code VerifiableConsistentBroadcast}
 * takes the hash function as the spec does, and accepts only the group's (SHA-256);
 * {@code isValidClosing} also takes the group id and the sender, which the signature binds.
 * {@code SecureAtomicStream.encrypt} takes the group's threshold cryptosystem (TDH2 by default),
 * not a {@code BigInteger}. The application's API is this package; the sub-packages are the
 * protocols and the core, not meant to be called by applications.
 *
 * <p><b>Threads.</b> Public methods may be called from any application thread. Beside the
 * blocking calls of the spec ({@code negotiate}, {@code receive}, {@code waitDone}) there are
 * futures: {@code Agreement.decisionFuture()}, {@code Broadcast.delivery()},
 * {@code Stream.termination()}. The protocols themselves run on
 * the site's protocol thread, event by event ({@code org.maftia.group.core}), and the checks of
 * shares and signatures of incoming messages run ahead on a verification pool
 * (the site's verification stage).
 *
 * <p><b>Faults.</b> Every service tolerates t &lt; n/3 Byzantine parties in the asynchronous model
 * (spec 5.2.1): what a corrupted party sends is checked, dropped and counted if wrong, and no party can make an honest one hold unbounded
 * state. The protocols are in the sub-packages, one per protocol, named as in chapter 5.
 */
package org.maftia.group;
