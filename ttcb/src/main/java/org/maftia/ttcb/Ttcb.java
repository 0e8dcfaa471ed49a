package org.maftia.ttcb;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The TTCB API of spec 2.2, every call, as seen by one entity. Times ({@code tstart},
 * {@code start_ev}, {@code end_ev}, timestamps) are TTCB timestamps in nanoseconds on the
 * synchronised clock of the local TTCBs; durations and specs are nanoseconds.
 *
 * <p>Results are records carrying the spec's error code, as the spec's C-style API does; a call
 * the channel refuses (tampered, replayed, re-ordered, or a local TTCB that does not answer) throws
 * {@link TtcbException}. Two calls finish later than they are made and return futures:
 * {@link #exec} (the function runs inside its window) and {@link #waitInfo} (the spec's blocking
 * wait). {@code TtcbClient}s implement it over an in-JVM channel (simulation) or a Unix domain
 * socket to {@code maftia ttcbd}.
 */
public interface Ttcb {

    /** The local TTCB public keys: X25519 for what entities send it (Figure 2.7, Ku), Ed25519 for what it signs. */
    record LocalPublicKey(byte[] encryptionKey, byte[] signatureKey) {
        public LocalPublicKey {
            encryptionKey = encryptionKey.clone();
            signatureKey = signatureKey.clone();
        }

        @Override
        public byte[] encryptionKey() {
            return encryptionKey.clone();
        }

        @Override
        public byte[] signatureKey() {
            return signatureKey.clone();
        }
    }

    /** Local authentication (spec 2.2.3.1): the entity's eid and the TTCB's signature of the challenge. */
    record Authentication(Eid eid, byte[] challengeSignature) {
    }

    /** {@code out} of TTCB_propose: an error code and the agreement's tag at this local TTCB. */
    record ProposeResult(TtcbError error, Tag tag) {
    }

    /**
     * {@code result} of TTCB_decide: error, the value decided, and two masks with one bit per entity
     * of elist (bit i for elist[i]): who proposed the decided value, who proposed any value.
     */
    record DecideResult(TtcbError error, byte[] value, long proposedOk, long proposedAny) {
        public static DecideResult error(TtcbError error) {
            return new DecideResult(error, new byte[0], 0, 0);
        }

        public boolean ok() {
            return error == TtcbError.OK;
        }

        /**
         * The spec's {@code decide.error = TTCB_TBA_ENDED}: the agreement ended and this record
         * carries its value and masks (for a TBA_TEQUALITY caller that proposed another value,
         * with the error VALUE_DIFFERS; for a TBA_KEY agreement not every entity proposed in, with
         * NOT_ALL_PROPOSED, no key and the masks).
         */
        public boolean ended() {
            return error == TtcbError.OK || error == TtcbError.VALUE_DIFFERS || error == TtcbError.NOT_ALL_PROPOSED;
        }

        /**
         * Whether deciding again may give the result: only while NOT_ENDED. The spec's
         * {@code repeat decide until ENDED} repeats while this holds, then reads {@link #ended()}:
         * every other error (a discarded record, a tag not this entity's) is final.
         */
        public boolean pending() {
            return error == TtcbError.NOT_ENDED;
        }
    }

    /** A tag-returning call (startMeasurement, startLocal, startDistributed). */
    record TagResult(TtcbError error, Tag tag) {
    }

    /** TTCB_stopMeasurement: the duration and the bound on its error (spec 2.2.4.2, TDM). */
    record Measurement(TtcbError error, long durationNanos, long errorBoundNanos) {
    }

    /** TTCB_exec: when the function ended (end_ev) and what it returned. */
    record ExecResult(TtcbError error, long endEv, byte[] output) {
    }

    /** TTCB_endLocal: end_ev, the duration measured and whether it was a timing failure. */
    record EndLocalResult(TtcbError error, long endEv, long durationNanos, boolean faulty) {
    }

    /** Whether a distributed action was timely at one receiver, as far as its local TTCB knows yet. */
    enum Timeliness { TIMELY, FAULTY, UNKNOWN_YET }

    /** TTCB_delivDistributed: deliv_ev and the timeliness verdict. */
    record DelivResult(TtcbError error, long delivEv, Timeliness timeliness) {
    }

    /** One receiver in {@code list info}: delivered or not, the delay to deliver, and the fault indication. */
    record DeliveryInfo(Eid receiver, boolean delivered, long delayNanos, boolean faulty) {
    }

    /** {@code list info} of TTCB_waitInfo for one distributed action. */
    record DistributedInfo(TtcbError error, Tag tag, List<DeliveryInfo> receivers) {
    }

    /**
     * The known constants of spec 4.1, in nanoseconds: Tbroadcast (4.2), the bound on an
     * R-delivery, and Tagreement (4.3), by which an agreement decides (AS5). Protocols set their
     * tstart and periods from them (Tagr of BRM-M, Tdetect of the crash failure detector).
     */
    record TimingConstants(long tbroadcast, long tagreement) {
    }

    /** {@code out} of crashedLocalTTCBid / crashedEid. */
    record CrashResult(TtcbError error, boolean crashed) {
    }

    /**
     * The reaction to a timing failure (spec 2.2.4.4): a function of the TTCB library run by the
     * local TTCB, with its argument. {@link #NONE} asks for no reaction.
     */
    record Handler(String function, byte[] argument) {
        public static final Handler NONE = new Handler("", new byte[0]);

        public boolean isNone() {
            return function.isEmpty();
        }
    }

    // 2.2.3.1 Local authentication
    Authentication localAuthentication(byte[] key, Protection protection, byte[] challenge);

    // 2.2.3.2 Trusted random numbers
    long getRandom();

    // 2.2.3.3 Trusted block agreement
    ProposeResult propose(Eid eid, List<Eid> elist, long tstart, DecisionFunction decision, byte[] value);

    DecideResult decide(Eid eid, Tag tag);

    // 2.2.4.1 Trusted absolute timestamping
    long getTimestamp();

    // 2.2.4.2 Trusted duration measurement
    TagResult startMeasurement(long startEv);

    Measurement stopMeasurement(Tag tag, long endEv);

    // 2.2.4.3 Trusted timely execution: f runs between start_ev + delay and start_ev + t_exec
    CompletableFuture<ExecResult> exec(long startEv, long delay, long tExec, String function, byte[] argument);

    // 2.2.4.4 Trusted timing failure detection, local
    TagResult startLocal(long startEv, long spec, Handler handler);

    EndLocalResult endLocal(Tag tag);

    // 2.2.4.4 Trusted timing failure detection, distributed
    TagResult startDistributed(long startEv, long spec, long mid, List<Eid> elist, Handler handler);

    DelivResult delivDistributed(long mid, Tag tag);

    CompletableFuture<DistributedInfo> waitInfo(Tag tag);

    // 2.2.5 Other APIs
    LocalPublicKey getLocalPublicKey();

    int getLocalTTCBid();

    CrashResult crashedLocalTTCBid(int id);

    CrashResult crashedEid(Eid eid);

    /** Tbroadcast and Tagreement of this TTCB, which AS5 and the protocols of chapter 5 take as known. */
    TimingConstants getTimingConstants();
}
