package org.maftia.group.core;

/**
 * A protocol message as it travels: its type code (unique across all protocols,
 * {@link MessageTypes}) and its encoded body. Each protocol's messages are records of a sealed
 * interface extending this one, each with a strict decoder; an instance sends the record itself
 * ({@link ProtocolContext#send(int, WireMessage)}).
 */
public interface WireMessage {

    int type();

    byte[] body();
}
