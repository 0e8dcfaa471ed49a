package org.maftia.group.core;

/**
 * Message type codes, unique across every protocol (spec 5.2.1, convention 7: "there should be no
 * confusion between deliver messages in the several protocols"). The high byte names the
 * protocol, the low byte the message.
 */
public final class MessageTypes {

    private MessageTypes() {
    }

    /** Protocol 5, RBC. */
    public static final int RBC_SEND = 0x0501;
    public static final int RBC_ECHO = 0x0502;
    public static final int RBC_READY = 0x0503;
    public static final int RBC_REQUEST = 0x0504;
    public static final int RBC_ANSWER = 0x0505;

    /** Protocol 6, VCBC. */
    public static final int VCBC_SEND = 0x0601;
    public static final int VCBC_READY = 0x0602;
    public static final int VCBC_FINAL = 0x0603;
    public static final int VCBC_REQUEST = 0x0604;
    public static final int VCBC_ANSWER = 0x0605;
    /** Not in Protocol 6: fetch on demand of the payload a compact closing binds (as Protocol 5, lines 20-27). */
    public static final int VCBC_FETCH = 0x0606;
    public static final int VCBC_FETCHED = 0x0607;

    /** Protocol 4, VBA (its broadcasts and agreements are VCBC and ABBA sub-instances). */
    public static final int VBA_VOTE = 0x0401;

    /** Protocol 7, ABC. */
    public static final int ABC_QUEUE = 0x0701;
    /** Not in Protocol 7: a party that fell behind asks for a round's decided vector, and is answered (see {@code Abc}). */
    public static final int ABC_CATCH_UP_REQUEST = 0x0702;
    public static final int ABC_CATCH_UP_ANSWER = 0x0703;

    /** Protocol 8, SC-ABC. */
    public static final int SCABC_DECRYPT = 0x0801;

    /**
     * Aggregated streams (5.2.1.8), not in the spec: how far a party delivered each sender's lane,
     * so the others keep what it still needs (see {@code Aggregation}).
     */
    public static final int STREAM_PROGRESS = 0x0901;

    /**
     * Service replication's state transfer (spec 5.3.6, Protocol 25, generalized): which
     * checkpoints a replica holds, and a checkpoint's state in chunks.
     */
    public static final int TRANSFER_QUERY = 0x0A01;
    public static final int TRANSFER_OFFER = 0x0A02;
    public static final int TRANSFER_CHUNK_REQUEST = 0x0A03;
    public static final int TRANSFER_CHUNK = 0x0A04;

    /** Protocol 3, ABBA. */
    public static final int ABBA_PRE_PROCESS = 0x0301;
    public static final int ABBA_PRE_VOTE = 0x0302;
    public static final int ABBA_MAIN_VOTE = 0x0303;
    public static final int ABBA_COIN = 0x0304;
}
