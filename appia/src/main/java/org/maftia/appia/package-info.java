/**
 * The Appia protocol kernel (MAFTIA specification, section 2.1), class by class as in 2.1.3.
 *
 * <h2>What it guarantees</h2>
 * <ul>
 *   <li>A {@link org.maftia.appia.QoS} is validated at definition: every event a layer requires
 *       is provided by some layer or by the channel; the route of each event class through the
 *       layers that accept it is computed once (subclasses are resolved on first use and cached).
 *       A session never receives an event its layer did not accept.</li>
 *   <li>Sending an event whose class the source session's layer does not declare in
 *       {@code evProvide} fails in {@code init()}, before anything flows.</li>
 *   <li>All sessions of one {@link org.maftia.appia.Appia} run on its single loop thread, one
 *       event at a time, in FIFO order of {@code go()}. Other threads enter only through
 *       {@link org.maftia.appia.Event#asyncGo} (at the bottom going up, at the top going down) or
 *       {@link org.maftia.appia.Appia#execute}, in the order they submitted.</li>
 *   <li>A session that throws is contained: the event is dropped, the failure reported to the
 *       {@link org.maftia.appia.SessionErrorHandler} and counted, and the loop goes on.</li>
 *   <li>Time comes only from the Appia's {@link org.maftia.appia.time.Clock}: wall-clock time in a
 *       site, virtual time in the deterministic simulation (the {@code testkit} module).</li>
 * </ul>
 *
 * <h2>Where this kernel departs from the letter of 2.1.3, and why</h2>
 * <ul>
 *   <li>The exception family is unchecked ({@code AppiaException extends RuntimeException}); the
 *       {@code throws} clauses the spec lists are kept as documentation. Checked exceptions would
 *       wrap every {@code go()} of every protocol in try/catch, and the loop contains failures
 *       anyway.</li>
 *   <li>{@code Layer.evProvide/evRequire/evAccept} are {@code Class<? extends Event>[]} rather
 *       than raw {@code Class[]}; {@code Layer.events(...)} builds them.</li>
 *   <li>{@code PeriodicTimer.getPeriod()} returns {@code long} milliseconds: the spec's
 *       {@code Time} type is defined nowhere, and {@code setPeriod} takes a {@code long}.</li>
 *   <li>The Start and Stop events are the classes {@link org.maftia.appia.ChannelInit} and
 *       {@link org.maftia.appia.ChannelClose}, as in the reference Appia. Both flow up from the
 *       bottom; the channel stops when the Stop event leaves the top, so sessions that accept it
 *       must forward it.</li>
 *   <li>There is no static Appia: {@link org.maftia.appia.Appia} is an object (one JVM may run
 *       many sites). {@code QoS.createUnboundChannel(String)} therefore uses the Appia whose
 *       thread calls it and says so clearly elsewhere; the overload taking a scheduler always
 *       works.</li>
 *   <li>{@code go()} from a thread other than the loop's, while the loop runs, is refused with
 *       {@code WRONG_THREAD} (the spec leaves it undefined); {@code Channel.start()} and
 *       {@code end()} called from another thread are carried out on the loop and waited for.</li>
 *   <li>A timer notification keeps the requesting session as its source (the spec is silent)
 *       and enters at the channel end where the request arrived, so every session that accepts
 *       it, the requester included, sees it.</li>
 *   <li>{@code Message.frag(m, length)} keeps the first {@code length} bytes in this message and
 *       moves the rest to {@code m}, as the reference Appia does (the spec does not say which
 *       part goes where). {@code Message} adds typed helpers ({@code pushInt}, {@code popLong},
 *       {@code pushString}, ...) and {@code copy()}.</li>
 *   <li>Additions that change no spec call: {@code Direction.up()/down()},
 *       {@code EventQualifier.on()/off()/notification()}, {@code ChannelCursor.getPosition()},
 *       constructors without a channel for {@code asyncGo} ({@code EchoEvent(Event)},
 *       {@code Timer(id, when, qualifier)}), {@code Channel.getClock()}, and the loop controls
 *       of {@code Appia} ({@code run}, {@code startThread}, {@code stop}, {@code step},
 *       {@code runUntilIdle}, {@code execute}).</li>
 * </ul>
 */
package org.maftia.appia;
