package org.maftia.replication.service;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import org.maftia.crypto.codec.ByteReader;
import org.maftia.crypto.codec.ByteWriter;
import org.maftia.replication.Invoker;
import org.maftia.replication.ReplicatedService;

/**
 * The built-in demo service: a replicated key-value store of text, so a newcomer can run a group
 * without writing code. Operations are text: {@code put KEY VALUE} (returns the previous value,
 * empty if none), {@code get KEY}, {@code del KEY}, {@code add KEY N} (adds the integer N to the
 * key's integer value and returns the sum), {@code size}. A malformed operation fails, the same
 * way at every replica, and the client gets the refusal.
 */
public final class KeyValueStore implements ReplicatedService {

    /** Sorted, so the snapshot is the same bytes for the same contents. */
    private final TreeMap<String, String> entries = new TreeMap<>();

    @Override
    public byte[] execute(byte[] request, Invoker invoker) {
        String[] words = parse(request);
        String reply = switch (words[0]) {
            case "put" -> {
                need(words, 3);
                yield orEmpty(entries.put(words[1], words[2]));
            }
            case "del" -> {
                need(words, 2);
                yield orEmpty(entries.remove(words[1]));
            }
            case "add" -> {
                need(words, 3);
                long sum = Math.addExact(number(entries.getOrDefault(words[1], "0")), number(words[2]));
                entries.put(words[1], Long.toString(sum));
                yield Long.toString(sum);
            }
            default -> read(words);
        };
        return reply.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public byte[] executeReadOnly(byte[] request, Invoker invoker) {
        return read(parse(request)).getBytes(StandardCharsets.UTF_8);
    }

    private String read(String[] words) {
        return switch (words[0]) {
            case "get" -> {
                need(words, 2);
                yield orEmpty(entries.get(words[1]));
            }
            case "size" -> Integer.toString(entries.size());
            default -> throw new IllegalArgumentException("unknown operation '" + words[0] + "': use put, get, del, add or size");
        };
    }

    @Override
    public byte[] snapshot() {
        ByteWriter out = new ByteWriter().u32(entries.size());
        entries.forEach((k, v) -> out.prefixed(k).prefixed(v));
        return out.toByteArray();
    }

    @Override
    public void restore(byte[] snapshot) {
        ByteReader in = new ByteReader(snapshot, "key-value snapshot");
        Map<String, String> restored = new TreeMap<>();
        for (int k = in.u32("entries"); k > 0; k--) {
            restored.put(in.prefixedString("key"), in.prefixedString("value"));
        }
        in.end();
        entries.clear();
        entries.putAll(restored);
    }

    private static String[] parse(byte[] request) {
        String text = new String(request, StandardCharsets.UTF_8).strip();
        if (text.isEmpty()) {
            throw new IllegalArgumentException("an empty operation: use put, get, del, add or size");
        }
        return text.split("\\s+", 3);
    }

    private static void need(String[] words, int count) {
        if (words.length < count) {
            throw new IllegalArgumentException("'" + words[0] + "' takes " + (count - 1) + " argument(s)");
        }
    }

    private static long number(String text) {
        try {
            return Long.parseLong(text.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is not an integer");
        }
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }
}
