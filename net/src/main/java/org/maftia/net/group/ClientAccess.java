package org.maftia.net.group;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Which clients a group serves: {@link #any() any} client, or only those {@link #listed listed}
 * by name with their X25519 public keys (what a client authenticates its link with). A group file
 * without a {@code clients} field lists nobody: no client is admitted until the dealer names
 * them or the file says {@code clients: any}.
 */
public record ClientAccess(boolean admitsAny, Map<String, byte[]> listed) {

    private static final ClientAccess ANY = new ClientAccess(true, Map.of());

    public ClientAccess {
        if (admitsAny && !listed.isEmpty()) {
            throw new ConfigException("clients: either any or a list of names and keys, not both");
        }
        Map<String, byte[]> copy = new LinkedHashMap<>();
        for (var e : listed.entrySet()) {
            if (e.getKey() == null || e.getKey().isBlank()) {
                throw new ConfigException("clients: a client without a name; give each one, e.g. name: alice");
            }
            if (e.getValue().length != 32) {
                throw new ConfigException("clients." + e.getKey() + ".key: " + e.getValue().length
                        + " bytes; an X25519 public key has 32 (maftia keygen --clients writes them)");
            }
            copy.values().stream().filter(k -> Arrays.equals(k, e.getValue())).findAny().ifPresent(k -> {
                throw new ConfigException("clients." + e.getKey() + ".key: also the key of another client; deal each client its own");
            });
            copy.put(e.getKey(), e.getValue().clone());
        }
        listed = Collections.unmodifiableMap(copy);
    }

    /** Every client that completes the link handshake is served. */
    public static ClientAccess any() {
        return ANY;
    }

    /** Only these clients, by name; an empty map admits nobody. */
    public static ClientAccess listed(Map<String, byte[]> nameToX25519PublicKey) {
        return new ClientAccess(false, nameToX25519PublicKey);
    }

    /** The name a listed client goes by; empty for a key nobody listed (and always when any client is admitted). */
    public Optional<String> nameOf(byte[] publicKey) {
        return listed.entrySet().stream().filter(e -> Arrays.equals(e.getValue(), publicKey)).map(Map.Entry::getKey).findFirst();
    }

    @Override
    public Map<String, byte[]> listed() {
        Map<String, byte[]> copy = new LinkedHashMap<>();
        listed.forEach((name, key) -> copy.put(name, key.clone()));
        return Collections.unmodifiableMap(copy);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ClientAccess c && c.admitsAny == admitsAny && c.listed.size() == listed.size()
                && listed.entrySet().stream().allMatch(e -> Arrays.equals(e.getValue(), c.listed.get(e.getKey())));
    }

    @Override
    public int hashCode() {
        return Boolean.hashCode(admitsAny) * 31 + listed.keySet().hashCode();
    }

    @Override
    public String toString() {
        return admitsAny ? "ClientAccess[any]" : "ClientAccess" + listed.keySet();
    }
}
