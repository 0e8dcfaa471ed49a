/**
 * The multipoint network (MAFTIA specification 3.1 and 5.1) as Appia layers.
 *
 * <p>A site's channel has, bottom up: a network layer ({@link org.maftia.net.tcp.TcpCompleteLayer},
 * or {@link org.maftia.net.udp.UdpSimpleLayer} / {@link org.maftia.net.udp.UdpCompleteLayer}),
 * whose events carry {@link org.maftia.net.InetWithPort} addresses; the authenticated link
 * ({@link org.maftia.net.link.AuthLinkLayer}), which translates them to and from authenticated
 * {@link org.maftia.net.transport.SiteId}s; then the group protocols, which only ever address
 * sites ({@link org.maftia.net.transport.Transport}). In the simulation the first two are
 * replaced by {@code org.maftia.testkit.net.SimNetworkLayer} under the same contract.
 *
 * <p>Frames ({@link org.maftia.net.EventCodec}) name the event class, which must be one the
 * channel's QoS provides, and carry source, dest and the message bytes, as spec 2.1.3 asks of the
 * receiving side. Reader threads enter the channel with {@code asyncGo} (spec 3.1.6). Every frame
 * refused, at any layer, is counted by reason ({@link org.maftia.net.NetworkCounters},
 * {@link org.maftia.net.link.LinkDrop}) and logged at debug level; none reaches a protocol.
 *
 * <p>Clients of an open group (spec 5.3.3) are not members and reach sites over links of their own
 * ({@code org.maftia.net.client}: a Noise-IK-style handshake, then AES-GCM frames); site-to-site
 * TCP connections authenticate under the pairwise link key before any frame is read. Both derive
 * their keys with {@link org.maftia.net.KeyDerivation}.
 *
 * <p>What is not here: IGMP is the kernel's (spec 5.1.2); ICMP is limited to the reachability
 * probe of {@link org.maftia.net.probe.Reachability} (spec 3.1.4 asks no more); SNMP is the
 * {@code snmp} module's.
 */
package org.maftia.net;
