package org.maftia.net.link;

/** Why the authenticated link refused a frame. */
public enum LinkDrop {
    /** The header or the frame does not decode, or the frame is too large. */
    MALFORMED,
    /** Addressed to another site. */
    WRONG_RECIPIENT,
    /** From a site id outside the group, or claiming to be this site. */
    UNKNOWN_SENDER,
    /** The MAC or the AEAD tag does not verify: forged, tampered or truncated. */
    BAD_TAG,
    /** A sequence number already seen, or too old for the window. */
    REPLAYED,
    /** From an epoch of the sender older than one already seen. */
    STALE_EPOCH
}
