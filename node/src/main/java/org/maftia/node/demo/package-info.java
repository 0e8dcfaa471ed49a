/**
 * The demos behind {@code maftia demo}, one per variant. {@code demo bank} (the main one, also
 * plain {@code demo}): {@link org.maftia.node.demo.BankDemo}, the replicated bank of the
 * transaction service, three groups of four sites with a corrupted replica in each. {@code demo
 * stream}: {@link org.maftia.node.demo.AtomicStreamDemo}, four sites over TCP with a Byzantine
 * one, exchanging an atomic broadcast stream. {@code demo reliable}:
 * {@link org.maftia.node.demo.GroupDemo}, the same group reliably broadcasting while the
 * Byzantine site equivocates. {@code demo kernel}: {@link org.maftia.node.demo.LoopbackDemo}, one
 * Appia channel of four real layers in one process. Bottom to top:
 * {@link org.maftia.node.demo.BounceLayer} turns every message around as a network loopback
 * would, {@link org.maftia.node.demo.ChecksumLayer} adds and verifies a CRC-32C header,
 * {@link org.maftia.node.demo.SequenceLayer} numbers messages and checks FIFO order, and
 * {@link org.maftia.node.demo.LoadGeneratorLayer} sends a window of messages, verifies each one
 * that comes back and reports the rate.
 */
package org.maftia.node.demo;
