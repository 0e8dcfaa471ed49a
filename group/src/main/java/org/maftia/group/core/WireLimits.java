package org.maftia.group.core;

/**
 * The size limits of the group protocols, made coherent with the network's frame limit: no message
 * an honest site must send can exceed a frame of {@code frameBytes} in a group of {@code n}.
 * Constructing one is the check, made at site set-up; a configuration that cannot fit is refused
 * with one line naming the setting, its value and the fix.
 *
 * <p>What a Byzantine party can make an honest one relay is bounded by the decoders, with the
 * bounds below, which depend on n only (a quorum certificate grows with its signers): a share,
 * a threshold signature, an external proof of validated ABBA (spec 5.2.1.2), which is tiny
 * beside a frame. From them follows the largest message of each protocol:
 * <ul>
 * <li>ABBA (Protocol 3): an abstaining main-vote, which carries the justifications of two
 *     conflicting pre-votes (spec 5.2.1.1), each an external proof at most;</li>
 * <li>VBA (Protocol 4): a 1-vote with a compact closing, a digest and a signature;</li>
 * <li>VCBC (Protocol 6): an answer, a closing of the largest payload;</li>
 * <li>RBC (Protocol 5): a send or an answer of the largest payload;</li>
 * <li>ABC (Protocol 7): its proposal, n signed batches, is a VCBC payload of VBA and must fit one.</li>
 * </ul>
 */
public record WireLimits(int frameBytes, int n) {

    /**
     * What a frame holds beyond a protocol message's body, rounded up: the event codec's header
     * (a class name of at most 512 bytes and two addresses), the authenticated link's header and
     * tag (42 bytes), and the envelope (the longest protocol id, {@value Envelope#MAX_PROTOCOL_ID_BYTES}
     * bytes, with its length and the message type): about 1.7 KB.
     */
    public static final int FRAME_OVERHEAD_BYTES = 4096;

    /** The longest signature share of any scheme (a shoup-rsa share with a 16384-bit modulus and its proof is about 4.2 KB). */
    public static final int SHARE_BYTES = 8192;

    /** The longest shoup-rsa signature: scheme code, kind and a 16384-bit value. */
    private static final int RSA_SIGNATURE_BYTES = 2 + 2048;

    /** Ed25519 signatures in a quorum certificate. */
    private static final int QUORUM_SIGNATURE_BYTES = 64;

    /**
     * The longest external proof accepted whatever n (spec 5.2.1.2): room for an application's
     * certificate, and a small fraction of any frame that holds the protocols at all.
     */
    public static final int PROOF_FLOOR_BYTES = 64 << 10;

    /** The broadcasts' payload limit (VCBC's, and VBA's proposals with it); checked against the frame here. */
    public static final int PAYLOAD_BYTES = 15 << 20;

    /**
     * Refuses a frame that cannot carry every message of a group of n.
     *
     * @throws IllegalArgumentException naming {@code maxFrameBytes}, its value, the message that does not fit and the least frame that does
     */
    public WireLimits {
        if (n < 1) {
            throw new IllegalArgumentException("a group has at least one site, not n = " + n);
        }
        long vcbc = vcbcBytes(n, PAYLOAD_BYTES);
        long abba = abbaBytes(n);
        long vote = vbaVoteBytes(n);
        long largest = Math.max(vcbc, Math.max(abba, vote));
        if (largest + FRAME_OVERHEAD_BYTES > frameBytes) {
            String which = largest == vcbc ? "a VCBC answer of a " + PAYLOAD_BYTES + "-byte payload"
                    : largest == abba ? "an ABBA abstention with two proofs" : "a VBA 1-vote";
            throw new IllegalArgumentException("maxFrameBytes " + frameBytes + " is too small for a group of n = " + n
                    + ": its largest message (" + which + ") takes " + largest + " bytes; set maxFrameBytes to at least "
                    + (largest + FRAME_OVERHEAD_BYTES) + " or use a smaller group");
        }
    }

    /**
     * The longest threshold signature of n holders in any scheme: an ed25519-quorum certificate
     * (scheme code, kind, a bitmap of the holders and up to n signatures) or a shoup-rsa signature.
     */
    public static int signatureBytes(int n) {
        long quorum = 2 + (n + 7L) / 8 + (long) QUORUM_SIGNATURE_BYTES * n;
        return (int) Math.min(Integer.MAX_VALUE >> 2, Math.max(RSA_SIGNATURE_BYTES, quorum));
    }

    /** A VCBC compact closing (H(m), µ): a digest and a signature. */
    public static int compactClosingBytes(int n) {
        return Digest.LENGTH + signatureBytes(n);
    }

    /**
     * The longest external proof of validated ABBA (spec 5.2.1.2): VBA's, a compact closing, always
     * fits; an application's may take {@link #PROOF_FLOOR_BYTES}.
     */
    public static int proofBytes(int n) {
        return Math.max(PROOF_FLOOR_BYTES, compactClosingBytes(n));
    }

    /** Bytes a protocol message's body may take in a frame. */
    public int bodyBytes() {
        return frameBytes - FRAME_OVERHEAD_BYTES;
    }

    /**
     * ABBA's largest message, an abstaining main-vote (Protocol 3, line 17): round, value, kind,
     * two pre-vote justifications (kind, length, proof) and a share (holder, length, share).
     */
    public long abbaBytes() {
        return abbaBytes(n);
    }

    /** VBA's largest message, a 1-vote (Protocol 4, line 11): candidate, vote and a compact closing with its length. */
    public long vbaVoteBytes() {
        return vbaVoteBytes(n);
    }

    /** VCBC's largest message with payloads of {@code maxPayload}: an answer, |m| || m || µ (the others carry a digest and a share or µ). */
    public long vcbcBytes(int maxPayload) {
        return vcbcBytes(n, maxPayload);
    }

    /** The largest VCBC payload whose answer fits a frame. */
    public int vcbcPayloadBytes() {
        return bodyBytes() - 4 - signatureBytes(n);
    }

    /** The largest RBC payload: a send and an answer carry the payload alone (Protocol 5). */
    public int rbcPayloadBytes() {
        return bodyBytes();
    }

    /**
     * The largest ABC proposal (Protocol 7, line 9, [W, S]) with batches of at most {@code maxBatch}
     * entries and {@code maxBatchBytes} bytes of entries: a count, then for each of up to n
     * parties its index, its batch (a count and each entry with its length) and its signature share.
     */
    public long abcProposalBytes(int maxBatch, int maxBatchBytes) {
        long batch = 4 + 4L * maxBatch + maxBatchBytes;
        return 2 + n * (2 + 4 + batch + 4 + SHARE_BYTES);
    }

    /**
     * Refuses ABC batch limits whose proposal cannot be VBA's payload ({@link #PAYLOAD_BYTES}).
     *
     * @throws IllegalArgumentException naming {@code maxBatchBytes}, its value and the largest that fits
     */
    public void requireAbcBatch(int maxBatch, int maxBatchBytes) {
        if (abcProposalBytes(maxBatch, maxBatchBytes) > PAYLOAD_BYTES) {
            long fits = (PAYLOAD_BYTES - 2) / n - (2 + 4 + 4 + 4L * maxBatch + 4 + SHARE_BYTES);
            throw new IllegalArgumentException("maxBatchBytes " + maxBatchBytes + " is too large for a group of n = " + n
                    + ": a proposal of n batches takes " + abcProposalBytes(maxBatch, maxBatchBytes) + " bytes, over the "
                    + PAYLOAD_BYTES + "-byte VBA payload; set maxBatchBytes to at most " + Math.max(0, fits));
        }
    }

    private static long abbaBytes(int n) {
        return 4 + 1 + 1 + 2 * (1 + 4 + (long) proofBytes(n)) + 4 + 4 + SHARE_BYTES;
    }

    private static long vbaVoteBytes(int n) {
        return 2 + 1 + 4 + (long) compactClosingBytes(n);
    }

    private static long vcbcBytes(int n, int maxPayload) {
        return 4 + (long) maxPayload + signatureBytes(n);
    }
}
