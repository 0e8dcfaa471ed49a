/**
 * The group core: what every protocol of spec 5.2.1 stands on, below the application API.
 *
 * <ul>
 * <li>{@link org.maftia.group.core.ProtocolInstance}: one instance at one site, an event handler
 *     driven by messages of its own type, which it decodes, declares the checks of, and handles;
 *     instances form a tree (convention 5: a sub-protocol's id extends its parent's) with a
 *     {@link org.maftia.group.core.Lifecycle}.
 * <li>{@link org.maftia.group.core.ProtocolContext}: what an instance can do: know the group,
 *     send to one party or all ({@link org.maftia.group.core.WireMessage}), start a sub-protocol,
 *     finish, read the clock.
 * <li>{@link org.maftia.group.core.GroupSession}: the top of a site's channel; routes each
 *     message by protocol id ({@link org.maftia.group.core.Envelope}) to its instance, keeps
 *     messages for instances not started yet in a bounded waiting room, and decodes each incoming
 *     message once and checks it in the {@link org.maftia.group.core.VerificationStage}.
 * <li>{@link org.maftia.group.core.GroupKeys}: a site's threshold keys as the protocols use them,
 *     with the verdicts the verification stage computed ({@link org.maftia.group.core.VerifiedAhead}).
 * <li>{@link org.maftia.group.core.SiteRuntime}: a site as protocol code, tests and tools see it.
 * </ul>
 *
 * <p>Everything here runs on the site's protocol thread except the decoding and checks of the
 * verification stage. Bad input is dropped and counted
 * ({@link org.maftia.group.core.GroupCounters}), never thrown into the protocol thread.
 */
package org.maftia.group.core;
