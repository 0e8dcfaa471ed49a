/**
 * The loopback demo behind {@code maftia demo}, for now: one Appia channel of four real layers in
 * one process. Bottom to top: {@link org.maftia.node.demo.BounceLayer} turns every message around
 * as a network loopback would, {@link org.maftia.node.demo.ChecksumLayer} adds and verifies a
 * CRC-32C header, {@link org.maftia.node.demo.SequenceLayer} numbers messages and
 * checks FIFO order, and {@link org.maftia.node.demo.LoadGeneratorLayer} sends a window of
 * messages, verifies each one that comes back and reports the rate.
 */
package org.maftia.node.demo;
