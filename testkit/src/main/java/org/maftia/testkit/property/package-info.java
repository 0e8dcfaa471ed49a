/**
 * Checkers of what the specification promises (spec 5.2.1), over what a test recorded of a run:
 * {@link org.maftia.testkit.property.DeliveryLog} holds each honest site's decisions or
 * deliveries in order; {@link org.maftia.testkit.property.Agreement},
 * {@link org.maftia.testkit.property.Validity}, {@link org.maftia.testkit.property.Integrity},
 * {@link org.maftia.testkit.property.TotalOrder} and {@link org.maftia.testkit.property.Termination}
 * check a log; {@link org.maftia.testkit.property.CausalSecrecy} records and checks when shares and
 * cleartexts of secure causal atomic broadcast leave a site.
 *
 * <p>A failed check throws a {@link org.maftia.testkit.property.PropertyViolation} naming the
 * property, the honest sites, and the values they delivered; run under
 * {@link org.maftia.testkit.sim.Seeds}, the failure also names the seed that replays the run.
 */
package org.maftia.testkit.property;
