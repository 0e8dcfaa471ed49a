/**
 * Deterministic simulation: many sites, each with its own Appia instance, run on one thread on
 * virtual time. Every choice the simulation makes (which ready site runs next, and, in later
 * layers, network delays, losses and the adversary's moves) comes from one seeded generator, so a
 * seed replays a run event for event. {@link org.maftia.testkit.sim.Seeds} runs a check over many
 * seeds and names the failing one.
 */
package org.maftia.testkit.sim;
