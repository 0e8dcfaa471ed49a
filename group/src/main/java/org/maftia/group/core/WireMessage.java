package org.maftia.group.core;

/**
 * A protocol message as it travels: its type code (unique across all protocols,
 * {@link MessageTypes}) and its encoded body. Each protocol's messages are records of a sealed
 * interface extending this one (or its one record), with a strict decoder that is its
 * instances' {@link ProtocolInstance#decode}; a record encodes itself and is what an instance
 * sends ({@link ProtocolContext#send(int, WireMessage)}), and what its handler receives.
 */
public interface WireMessage {

    int type();

    byte[] body();
}
