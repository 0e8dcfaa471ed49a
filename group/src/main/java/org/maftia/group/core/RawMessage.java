package org.maftia.group.core;

/**
 * A message kept as it travels, its type and body, encoded and read by no protocol's codec: what
 * a scripted Byzantine site sends when its bytes are no protocol's record (junk, another
 * protocol's type, a digest claimed as a payload), and what an instance that reads nothing it
 * receives decodes to.
 */
public record RawMessage(int type, byte[] body) implements WireMessage {
}
