package org.maftia.group.core;

/**
 * A message kept as it travels, its type and body, read by no protocol's decoder: what an
 * instance that reads nothing it receives takes, such as a scripted Byzantine site's.
 */
public record RawMessage(int type, byte[] body) implements WireMessage {
}
