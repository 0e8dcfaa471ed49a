package org.maftia.appia.message;

import org.maftia.appia.AppiaException;

/**
 * A message operation asked for bytes the message does not have (a header longer than the
 * message, a negative length, a length prefix running past the end). Decoders of network input
 * catch it and count the frame as malformed.
 */
public class MessageException extends AppiaException {

    public MessageException(String message) {
        super(message);
    }

    public MessageException(String message, Throwable cause) {
        super(message, cause);
    }
}
