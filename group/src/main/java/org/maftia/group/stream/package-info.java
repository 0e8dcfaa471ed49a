/**
 * What the streams of spec 3.2 share below the application API: the items a stream carries
 * ({@link org.maftia.group.stream.StreamEntry}), payloads numbered by their origin and closes; and
 * the aggregated broadcast streams of spec 5.2.1.8 ({@link org.maftia.group.stream.Aggregation}),
 * the machinery of {@link org.maftia.group.ReliableStream} (Protocol 5 per message) and
 * {@link org.maftia.group.ConsistentStream} (Protocol 6 per message).
 *
 * <p>Sender P_j's k-th item travels as the payload of the sub-broadcast {@code protocolID|rbc|j|k}
 * (or {@code |cbc|}, convention 5), encoded as a {@link org.maftia.group.stream.StreamEntry}:
 * {@code Data(j, k, payload)}, or {@code Close(j, proof)} with an empty proof, since the
 * sub-broadcast authenticates its sender. A reliable stream has one message of its own, not in
 * the spec: a party's {@link org.maftia.group.stream.ProgressReport} (lane, next), which lets the
 * others finish the sub-broadcasts every party delivered and keep the rest for laggards, within a
 * budget per sender; a consistent stream has none.
 *
 * <p>Guarantees: per sender, payloads arrive in the order sent and at most once; a reliable stream
 * adds agreement and totality per sender's sequence (for parties less than the budget behind, see
 * {@link org.maftia.group.stream.Aggregation}), a consistent stream only consistency; all honest
 * parties deliver an honest sender's payloads; the stream terminates once the closes of t+1
 * distinct senders are delivered, so all honest parties closing closes it and the corrupted ones
 * alone cannot.
 */
package org.maftia.group.stream;
