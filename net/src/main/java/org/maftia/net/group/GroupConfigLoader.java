package org.maftia.net.group;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.maftia.net.InetWithPort;

/**
 * Reads a group's YAML file:
 * <pre>
 * group: bank
 * t: 1
 * sites:
 *   - id: 0
 *     address: 127.0.0.1:7100
 *     linkKey: base64 of the 32-byte X25519 public key
 *     keys: {ed25519-quorum: base64, ...}    # optional, per scheme
 * </pre>
 * Every mistake gives one {@link ConfigException} naming the field, the bad value and the fix.
 */
public final class GroupConfigLoader {

    private static final Set<String> GROUP_FIELDS = Set.of("group", "n", "t", "sites");
    private static final Set<String> SITE_FIELDS = Set.of("id", "address", "linkKey", "keys");

    private GroupConfigLoader() {
    }

    public static GroupConfig load(Path file) {
        try {
            return parse(Files.readString(file), file.toString());
        } catch (IOException e) {
            throw new ConfigException(file + ": cannot read the group file (" + e.getMessage() + ")", e);
        }
    }

    public static GroupConfig parse(String yaml, String origin) {
        JsonNode root;
        try {
            root = new ObjectMapper(new YAMLFactory()).readTree(yaml);
        } catch (IOException e) {
            throw new ConfigException(origin + ": not valid YAML: " + e.getMessage().lines().findFirst().orElse(""), e);
        }
        if (root == null || !root.isObject()) {
            throw new ConfigException(origin + ": expected a mapping with group, t and sites");
        }
        unknownFields(root, GROUP_FIELDS, origin, "");
        String groupId = text(root, "group", origin, "");
        JsonNode sitesNode = root.get("sites");
        if (sitesNode == null || !sitesNode.isArray() || sitesNode.isEmpty()) {
            throw new ConfigException(origin + ": sites: missing or empty; list the sites with id, address and linkKey");
        }
        int n = sitesNode.size();
        if (root.has("n") && integer(root, "n", origin, "") != n) {
            throw new ConfigException(origin + ": n: " + root.get("n").asText() + " but " + n + " sites are listed; fix n or the list");
        }
        int t = root.has("t") ? integer(root, "t", origin, "") : (n - 1) / 3;
        if (t < 0 || n <= 3 * t) {
            throw new ConfigException(origin + ": t: " + t + " with " + n + " sites breaks n > 3t; use t <= " + Math.max(0, (n - 1) / 3));
        }
        List<SiteConfig> sites = new ArrayList<>();
        Set<InetWithPort> addresses = new HashSet<>();
        for (int i = 0; i < n; i++) {
            JsonNode s = sitesNode.get(i);
            String at = "sites[" + i + "].";
            if (!s.isObject()) {
                throw new ConfigException(origin + ": sites[" + i + "]: expected id, address and linkKey");
            }
            unknownFields(s, SITE_FIELDS, origin, at);
            int id = integer(s, "id", origin, at);
            if (id != i) {
                throw new ConfigException(origin + ": " + at + "id: " + id + "; list the sites in order with ids 0.." + (n - 1));
            }
            String addressText = text(s, "address", origin, at);
            InetWithPort address;
            try {
                address = InetWithPort.parse(addressText);
            } catch (IllegalArgumentException e) {
                throw new ConfigException(origin + ": " + at + "address: '" + addressText + "': " + e.getMessage()
                        + "; write it as host:port, e.g. 127.0.0.1:710" + i);
            }
            if (!addresses.add(address)) {
                throw new ConfigException(origin + ": " + at + "address: " + address + " is also used by another site; give each site its own port");
            }
            byte[] linkKey = key(s, "linkKey", origin, at);
            Map<String, byte[]> keys = new LinkedHashMap<>();
            JsonNode keysNode = s.get("keys");
            if (keysNode != null) {
                if (!keysNode.isObject()) {
                    throw new ConfigException(origin + ": " + at + "keys: expected a mapping from scheme name to base64 key");
                }
                for (Iterator<String> it = keysNode.fieldNames(); it.hasNext(); ) {
                    String scheme = it.next();
                    keys.put(scheme, base64(keysNode.get(scheme).asText(), origin, at + "keys." + scheme));
                }
            }
            sites.add(new SiteConfig(id, address, linkKey, keys));
        }
        return new GroupConfig(groupId, n, t, sites);
    }

    private static void unknownFields(JsonNode node, Set<String> known, String origin, String at) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!known.contains(f)) {
                throw new ConfigException(origin + ": " + at + f + ": unknown field; the fields are " + new java.util.TreeSet<>(known));
            }
        }
    }

    private static String text(JsonNode node, String field, String origin, String at) {
        JsonNode v = node.get(field);
        if (v == null || !v.isValueNode() || v.asText().isBlank()) {
            throw new ConfigException(origin + ": " + at + field + ": missing or empty");
        }
        return v.asText();
    }

    private static int integer(JsonNode node, String field, String origin, String at) {
        JsonNode v = node.get(field);
        if (v == null || !v.canConvertToInt() || !v.isIntegralNumber()) {
            throw new ConfigException(origin + ": " + at + field + ": '" + (v == null ? "" : v.asText()) + "' is not a whole number");
        }
        return v.asInt();
    }

    private static byte[] key(JsonNode node, String field, String origin, String at) {
        byte[] key = base64(text(node, field, origin, at), origin, at + field);
        if (key.length != 32) {
            throw new ConfigException(origin + ": " + at + field + ": " + key.length + " bytes; an X25519 public key has 32 (maftia keygen writes them)");
        }
        return key;
    }

    private static byte[] base64(String text, String origin, String where) {
        try {
            return Base64.getDecoder().decode(text.trim());
        } catch (IllegalArgumentException e) {
            throw new ConfigException(origin + ": " + where + ": not base64 (" + e.getMessage() + ")");
        }
    }
}
