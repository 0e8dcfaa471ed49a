package org.maftia.testkit.adversary;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/**
 * A message seen on the wire, split around the name it carries: the bytes before the name (the
 * headers of the layers below, none in the simulation), the name, and what follows it. A name is
 * written as a layer writes a string (a 4-byte big-endian length, then the characters): the group
 * layer's protocol id, which names the instance a message is for. Strategies keep the head and
 * the tail's start and change the name, to aim a message at another instance.
 */
record NamedFrame(byte[] head, String name, byte[] tail) {

    /** Longest name taken for one: the group layer's longest protocol id. */
    static final int MAX_NAME = 1024;
    /** How far into a message a name is looked for: the headers below it are short. */
    static final int MAX_HEAD = 64;

    /** The first length-prefixed run of printable characters in the first {@value #MAX_HEAD} bytes, if any. */
    static Optional<NamedFrame> find(byte[] bytes) {
        for (int at = 0; at <= Math.min(MAX_HEAD, bytes.length - Integer.BYTES); at++) {
            int length = ByteBuffer.wrap(bytes, at, Integer.BYTES).getInt();
            int start = at + Integer.BYTES;
            if (length >= 1 && length <= MAX_NAME && length <= bytes.length - start && printable(bytes, start, length)) {
                byte[] head = Arrays.copyOfRange(bytes, 0, at);
                String name = new String(bytes, start, length, StandardCharsets.US_ASCII);
                byte[] tail = Arrays.copyOfRange(bytes, start + length, bytes.length);
                return Optional.of(new NamedFrame(head, name, tail));
            }
        }
        return Optional.empty();
    }

    /** This message's head, then {@code newName} as a length-prefixed string, then {@code newTail}. */
    byte[] with(String newName, byte[] newTail) {
        byte[] n = newName.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(head.length + Integer.BYTES + n.length + newTail.length)
                .put(head).putInt(n.length).put(n).put(newTail).array();
    }

    private static boolean printable(byte[] bytes, int start, int length) {
        for (int i = start; i < start + length; i++) {
            if (bytes[i] < 0x20 || bytes[i] > 0x7e) {
                return false;
            }
        }
        return true;
    }
}
