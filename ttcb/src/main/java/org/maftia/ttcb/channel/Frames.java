package org.maftia.ttcb.channel;

/**
 * Frame kinds of the entity-TTCB channel. Requests: the public key, local authentication
 * (Figure 2.7, message 1), a protected call. Replies: the same kinds with the high bit set, and an
 * unauthenticated refusal (its only power is to make a call fail, which an attacker on the path
 * can do anyway by dropping it).
 */
public final class Frames {

    public static final int PUBLIC_KEY = 0x01;
    public static final int AUTH = 0x02;
    public static final int CALL = 0x03;
    public static final int PUBLIC_KEY_REPLY = 0x81;
    public static final int AUTH_REPLY = 0x82;
    public static final int CALL_REPLY = 0x83;
    public static final int REFUSED = 0xFF;

    /** Largest frame either side accepts. */
    public static final int MAX_FRAME = 16 * 1024;

    private Frames() {
    }
}
