package org.maftia.group.abba;

import static org.maftia.group.core.MessageTypes.ABBA_COIN;
import static org.maftia.group.core.MessageTypes.ABBA_MAIN_VOTE;
import static org.maftia.group.core.MessageTypes.ABBA_PRE_PROCESS;
import static org.maftia.group.core.MessageTypes.ABBA_PRE_VOTE;

import java.io.ByteArrayOutputStream;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import org.maftia.crypto.Share;
import org.maftia.group.core.MalformedMessageException;
import org.maftia.group.core.WireLimits;
import org.maftia.group.core.WireMessage;

/**
 * The messages of Protocol 3 (ABBA, spec 5.2.1.1), each with its strict decoder: rounds start at
 * 1, values are 0 or 1 (a main-vote may also abstain), a round-1 pre-vote is justified by an
 * S'-signature (or, validated, spec 5.2.1.2, by an external proof) and later ones by a hard or
 * soft S-signature, an abstaining main-vote carries the
 * two conflicting pre-vote justifications and the others an S-signature, and nothing follows the
 * last field. Shares, signatures and external proofs are bounded by {@link WireLimits} for the
 * group's n, so an honest abstention that embeds two justifications fits a frame.
 */
sealed interface AbbaMessage extends WireMessage {

    /** The main-vote value "abstain" (Protocol 3, line 14). */
    int ABSTAIN = 2;

    /** Protocol 3, line 2: (pre-process, V_i, S'-signature share). */
    record PreProcess(boolean b, Share share) implements AbbaMessage {
        public int type() {
            return ABBA_PRE_PROCESS;
        }

        public byte[] body() {
            Writer w = new Writer();
            w.bit(b);
            w.share(share);
            return w.bytes();
        }
    }

    /** Protocol 3, line 12: (pre-vote, r, b, justification, S-signature share). */
    record PreVote(int r, boolean b, PreVoteJustification justification, Share share) implements AbbaMessage {
        public int type() {
            return ABBA_PRE_VOTE;
        }

        public byte[] body() {
            Writer w = new Writer();
            w.out.writeBytes(ByteBuffer.allocate(4).putInt(r).array());
            w.bit(b);
            justification.writeTo(w);
            w.share(share);
            return w.bytes();
        }
    }

    /** Protocol 3, line 17: (main-vote, r, v, justification, S-signature share), v in {0, 1, abstain}. */
    record MainVote(int r, int v, MainVoteJustification justification, Share share) implements AbbaMessage {
        public int type() {
            return ABBA_MAIN_VOTE;
        }

        public byte[] body() {
            Writer w = new Writer();
            w.out.writeBytes(ByteBuffer.allocate(4).putInt(r).array());
            w.out.write(v);
            justification.writeTo(w);
            w.share(share);
            return w.bytes();
        }
    }

    /** Protocol 3, line 24: (coin, r, coin share). */
    record Coin(int r, Share share) implements AbbaMessage {
        public int type() {
            return ABBA_COIN;
        }

        public byte[] body() {
            Writer w = new Writer();
            w.out.writeBytes(ByteBuffer.allocate(4).putInt(r).array());
            w.share(share);
            return w.bytes();
        }
    }

    /** Why a pre-vote for b may be cast (spec 5.2.1.1, "Pre-vote justification"). */
    sealed interface PreVoteJustification {
        byte[] signature();

        /** Round 1: an S'-signature on (pre-process, b). */
        record Initial(byte[] signature) implements PreVoteJustification {
        }

        /** Round r > 1, hard: an S-signature on (pre-vote, r-1, b). */
        record Hard(byte[] signature) implements PreVoteJustification {
        }

        /** Round r > 1, soft: an S-signature on (main-vote, r-1, abstain), for b = F(r-1). */
        record Soft(byte[] signature) implements PreVoteJustification {
        }

        /**
         * Round 1 of validated ABBA (spec 5.2.1.2): the external proof submitted with the
         * invocation, tested by the instance's validator; {@link #signature()} is the proof.
         */
        record External(byte[] signature) implements PreVoteJustification {
        }

        private void writeTo(Writer w) {
            w.out.write(switch (this) {
                case Initial i -> 0;
                case Hard h -> 1;
                case Soft s -> 2;
                case External e -> 3;
            });
            w.blob(signature());
        }
    }

    /** Why a main-vote may be cast (spec 5.2.1.1, "Main-vote justification"). */
    sealed interface MainVoteJustification {

        /** For v = b: an S-signature on (pre-vote, r, b). */
        record Unanimous(byte[] signature) implements MainVoteJustification {
        }

        /** For v = abstain: the justifications of a round-r pre-vote for 0 and of one for 1. */
        record Conflict(PreVoteJustification forZero, PreVoteJustification forOne) implements MainVoteJustification {
        }

        private void writeTo(Writer w) {
            switch (this) {
                case Unanimous u -> {
                    w.out.write(0);
                    w.blob(u.signature());
                }
                case Conflict c -> {
                    w.out.write(1);
                    c.forZero().writeTo(w);
                    c.forOne().writeTo(w);
                }
            }
        }
    }

    /** Decodes a message of a group of {@code n}, whose bounds are {@link WireLimits}'. */
    static AbbaMessage decode(int type, byte[] body, int n) throws MalformedMessageException {
        ByteBuffer in = ByteBuffer.wrap(body);
        try {
            AbbaMessage m = switch (type) {
                case ABBA_PRE_PROCESS -> new PreProcess(bit(in), share(in));
                case ABBA_PRE_VOTE -> {
                    int r = round(in);
                    boolean b = bit(in);
                    yield new PreVote(r, b, preVoteJustification(in, r, n), share(in));
                }
                case ABBA_MAIN_VOTE -> {
                    int r = round(in);
                    int v = in.get();
                    if (v < 0 || v > ABSTAIN) {
                        throw new MalformedMessageException("ABBA main-vote value " + v);
                    }
                    yield new MainVote(r, v, mainVoteJustification(in, r, v, n), share(in));
                }
                case ABBA_COIN -> new Coin(round(in), share(in));
                default -> throw new MalformedMessageException("type 0x" + Integer.toHexString(type) + " is not an ABBA message");
            };
            if (in.hasRemaining()) {
                throw new MalformedMessageException("ABBA message with " + in.remaining() + " trailing bytes");
            }
            return m;
        } catch (BufferUnderflowException e) {
            throw new MalformedMessageException("truncated ABBA message of type 0x" + Integer.toHexString(type));
        }
    }

    private static int round(ByteBuffer in) throws MalformedMessageException {
        int r = in.getInt();
        if (r < 1) {
            throw new MalformedMessageException("ABBA round " + r);
        }
        return r;
    }

    private static boolean bit(ByteBuffer in) throws MalformedMessageException {
        int b = in.get();
        if (b != 0 && b != 1) {
            throw new MalformedMessageException("ABBA binary value " + b);
        }
        return b == 1;
    }

    private static PreVoteJustification preVoteJustification(ByteBuffer in, int r, int n) throws MalformedMessageException {
        int kind = in.get();
        byte[] signature = blob(in, kind == 3 ? WireLimits.proofBytes(n) : WireLimits.signatureBytes(n));
        PreVoteJustification j = switch (kind) {
            case 0 -> new PreVoteJustification.Initial(signature);
            case 1 -> new PreVoteJustification.Hard(signature);
            case 2 -> new PreVoteJustification.Soft(signature);
            case 3 -> new PreVoteJustification.External(signature);
            default -> throw new MalformedMessageException("ABBA pre-vote justification kind " + kind);
        };
        boolean roundOne = j instanceof PreVoteJustification.Initial || j instanceof PreVoteJustification.External;
        if ((r == 1) != roundOne) {
            throw new MalformedMessageException("ABBA round-" + r + " pre-vote justified as " + j.getClass().getSimpleName());
        }
        return j;
    }

    private static MainVoteJustification mainVoteJustification(ByteBuffer in, int r, int v, int n)
            throws MalformedMessageException {
        int kind = in.get();
        MainVoteJustification j = switch (kind) {
            case 0 -> new MainVoteJustification.Unanimous(blob(in, WireLimits.signatureBytes(n)));
            case 1 -> new MainVoteJustification.Conflict(preVoteJustification(in, r, n), preVoteJustification(in, r, n));
            default -> throw new MalformedMessageException("ABBA main-vote justification kind " + kind);
        };
        if ((v == ABSTAIN) != (j instanceof MainVoteJustification.Conflict)) {
            throw new MalformedMessageException("ABBA main-vote " + v + " justified as " + j.getClass().getSimpleName());
        }
        return j;
    }

    private static Share share(ByteBuffer in) throws MalformedMessageException {
        int index = in.getInt();
        if (index < 0) {
            throw new MalformedMessageException("ABBA share index " + index);
        }
        return new Share(index, blob(in, WireLimits.SHARE_BYTES));
    }

    private static byte[] blob(ByteBuffer in, int max) throws MalformedMessageException {
        int length = in.getInt();
        if (length < 0 || length > max || length > in.remaining()) {
            throw new MalformedMessageException("ABBA field of " + length + " bytes with " + in.remaining() + " left");
        }
        byte[] bytes = new byte[length];
        in.get(bytes);
        return bytes;
    }

    /** Encodes fields as the decoder reads them: lengths before variable parts. */
    final class Writer {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();

        void bit(boolean b) {
            out.write(b ? 1 : 0);
        }

        void blob(byte[] bytes) {
            out.writeBytes(ByteBuffer.allocate(4).putInt(bytes.length).array());
            out.writeBytes(bytes);
        }

        void share(Share share) {
            out.writeBytes(ByteBuffer.allocate(4).putInt(share.index()).array());
            blob(share.encoded());
        }

        byte[] bytes() {
            return out.toByteArray();
        }
    }
}
