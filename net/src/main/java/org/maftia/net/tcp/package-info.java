/**
 * TcpComplete: the network of spec 3.1 over TCP, one connection per ordered pair of sites.
 *
 * <p>Stream: after the connection handshake, {@code length(4) | frame} repeated, the frame being
 * the event's codec encoding; the receiver answers with the cumulative count of frames it read
 * ({@code long}), so the sender resends what a lost connection did not deliver ({@link PeerLink}).
 *
 * <p>Admission. Under the authenticated link, a listener must not spend memory on strangers
 * (convention 4 of spec 5.2.1 presumes messages MACed; a frame buffer sized by a stranger's
 * announcement would be spent before any MAC is checked). So with a {@link ConnectionAuthenticator}
 * a connection first runs the {@link Handshake}: the connector proves with the pair key it is a
 * site of the group, the acceptor proves back it is the site dialled. Until then the connection is
 * pending: the acceptor reads only the fixed-size handshake message, at most
 * {@link TcpSettings#maxPendingConnections()} are pending (the oldest makes room for a new one),
 * at most {@link TcpSettings#maxPendingPerAddress()} per remote address, each for at most
 * {@link TcpSettings#handshakeTimeout()}. A site has one authenticated inbound connection; a newer
 * one replaces it (the site restarted, or its old connection died unnoticed). Refusals are
 * counted per {@link ConnectionRefusal}.
 *
 * <p>Memory. A frame's buffer grows as its bytes arrive (from 128 KiB, doubling, up to the
 * announced length, at most {@link TcpSettings#maxFrameBytes()}), so a site of the group that
 * announces a large frame and stalls holds at most twice what it sent, on its one connection.
 *
 * <p>Known limits: TCP itself is not authenticated after the handshake (no per-frame MAC at this
 * level; the link above checks every frame), so an attacker on the path can inject bytes into an
 * admitted connection, costing memory only as it sends. Without an authenticator
 * ({@code new TcpCompleteLayer(settings)}) there is no admission at all: for tests and trusted
 * networks only.
 */
package org.maftia.net.tcp;
