package org.maftia.net.group;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.math.ec.rfc7748.X25519;
import org.maftia.net.InetWithPort;

/**
 * Reads a group's YAML file:
 * <pre>
 * group: bank
 * t: 1
 * clients: any                                # or [{name: alice, key: base64}, ...]; absent: none
 * sites:
 *   - id: 0
 *     address: 127.0.0.1:7100
 *     clientAddress: 127.0.0.1:7200           # optional: where the site serves clients
 *     linkKey: base64 of the 32-byte X25519 public key
 *     keys: {ed25519-quorum: base64, ...}    # optional, per scheme
 * </pre>
 * The file may come from anyone, so it is read strictly: at most {@link #MAX_BYTES}, no key given
 * twice, no value of another type taken for the one expected (a number or {@code ~} where text
 * belongs), no address that is not one site's own, no X25519 key that is weak or another's.
 * Every mistake gives one {@link ConfigException} naming the field, the bad value and the fix.
 */
public final class GroupConfigLoader {

    /** A group file of a thousand sites is well under this; a bigger one is refused unread. */
    public static final int MAX_BYTES = 1 << 20;

    private static final Set<String> GROUP_FIELDS = Set.of("group", "n", "t", "clients", "sites");
    private static final Set<String> SITE_FIELDS = Set.of("id", "address", "clientAddress", "linkKey", "keys");
    private static final Set<String> CLIENT_FIELDS = Set.of("name", "key");
    private static final Pattern DUPLICATE = Pattern.compile("Duplicate (?:field|key) '([^']*)'");
    private static final BigInteger CURVE25519_P = BigInteger.TWO.pow(255).subtract(BigInteger.valueOf(19));
    private static final byte[] LIMITED_BROADCAST = {-1, -1, -1, -1};

    private GroupConfigLoader() {
    }

    public static GroupConfig load(Path file) {
        try {
            if (Files.size(file) > MAX_BYTES) {
                throw tooLarge(file.toString());
            }
            byte[] bytes;
            try (InputStream in = Files.newInputStream(file)) {
                bytes = in.readNBytes(MAX_BYTES + 1);
            }
            if (bytes.length > MAX_BYTES) {
                throw tooLarge(file.toString());
            }
            return parse(new String(bytes, StandardCharsets.UTF_8), file.toString());
        } catch (IOException e) {
            throw new ConfigException(file + ": cannot read the group file (" + e.getMessage() + ")", e);
        }
    }

    public static GroupConfig parse(String yaml, String origin) {
        if (yaml.length() > MAX_BYTES) {
            throw tooLarge(origin);
        }
        JsonNode root = readTree(yaml, origin);
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
        Map<InetWithPort, String> endpoints = new LinkedHashMap<>();
        List<byte[]> linkKeys = new ArrayList<>();
        List<SiteConfig> sites = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            sites.add(site(sitesNode.get(i), i, n, origin, endpoints, linkKeys));
        }
        return new GroupConfig(groupId, n, t, sites, clients(root.get("clients"), origin, linkKeys));
    }

    private static SiteConfig site(JsonNode s, int i, int n, String origin, Map<InetWithPort, String> endpoints,
                                   List<byte[]> linkKeys) {
        String at = "sites[" + i + "].";
        if (!s.isObject()) {
            throw new ConfigException(origin + ": sites[" + i + "]: expected id, address and linkKey");
        }
        unknownFields(s, SITE_FIELDS, origin, at);
        int id = integer(s, "id", origin, at);
        if (id != i) {
            throw new ConfigException(origin + ": " + at + "id: " + id + "; list the sites in order with ids 0.." + (n - 1));
        }
        InetWithPort address = address(s, "address", origin, at, endpoints);
        InetWithPort clientAddress = s.has("clientAddress") ? address(s, "clientAddress", origin, at, endpoints) : null;
        byte[] linkKey = publicKey(s, "linkKey", origin, at, linkKeys);
        Map<String, byte[]> keys = new LinkedHashMap<>();
        JsonNode keysNode = s.get("keys");
        if (keysNode != null) {
            if (!keysNode.isObject()) {
                throw new ConfigException(origin + ": " + at + "keys: expected a mapping from scheme name to base64 key");
            }
            for (Iterator<String> it = keysNode.fieldNames(); it.hasNext(); ) {
                String scheme = it.next();
                keys.put(scheme, base64(text(keysNode, scheme, origin, at + "keys."), origin, at + "keys." + scheme));
            }
        }
        return new SiteConfig(id, address, linkKey, keys, clientAddress);
    }

    /**
     * {@code clients}: absent lists nobody (a client is admitted only once someone decided who),
     * {@code any}, or a list of names with their link public keys, none of them a site's.
     */
    private static ClientAccess clients(JsonNode node, String origin, List<byte[]> siteKeys) {
        if (node == null) {
            return ClientAccess.listed(Map.of());
        }
        if (node.isTextual() && node.asText().equals("any")) {
            return ClientAccess.any();
        }
        if (!node.isArray()) {
            throw new ConfigException(origin + ": clients: " + describe(node) + "; write clients: any, or list them:"
                    + " clients: [{name: alice, key: <base64 X25519 public key>}]");
        }
        Map<String, byte[]> listed = new LinkedHashMap<>();
        List<byte[]> keys = new ArrayList<>(siteKeys);
        for (int i = 0; i < node.size(); i++) {
            JsonNode c = node.get(i);
            String at = "clients[" + i + "].";
            if (!c.isObject()) {
                throw new ConfigException(origin + ": clients[" + i + "]: expected name and key");
            }
            unknownFields(c, CLIENT_FIELDS, origin, at);
            String name = text(c, "name", origin, at);
            if (!GroupNames.isValid(name)) {
                throw new ConfigException(origin + ": " + at + "name: '" + name + "'; a client name is " + GroupNames.RULE);
            }
            if (listed.containsKey(name)) {
                throw new ConfigException(origin + ": " + at + "name: '" + name + "' is listed twice; give each client its own name");
            }
            listed.put(name, publicKey(c, "key", origin, at, keys));
        }
        return ClientAccess.listed(listed);
    }

    private static JsonNode readTree(String yaml, String origin) {
        YAMLFactory yamlFactory = YAMLFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
        ObjectMapper mapper = new ObjectMapper(yamlFactory).enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);
        try {
            return mapper.readTree(yaml);
        } catch (JsonProcessingException e) {
            Matcher dup = DUPLICATE.matcher(e.getOriginalMessage());
            String line = e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")";
            if (dup.find()) {
                throw new ConfigException(origin + ": " + dup.group(1) + ": given twice" + line + "; keep one", e);
            }
            throw new ConfigException(origin + ": not valid YAML" + line + ": "
                    + e.getOriginalMessage().lines().findFirst().orElse(""), e);
        }
    }

    private static void unknownFields(JsonNode node, Set<String> known, String origin, String at) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!known.contains(f)) {
                throw new ConfigException(origin + ": " + at + f + ": unknown field; the fields are " + new TreeSet<>(known));
            }
        }
    }

    /** Text, as written or quoted: a number, a boolean or {@code ~} is not taken for its spelling. */
    private static String text(JsonNode node, String field, String origin, String at) {
        JsonNode v = node.get(field);
        if (v == null || (v.isTextual() && v.asText().isBlank())) {
            throw new ConfigException(origin + ": " + at + field + ": missing or empty");
        }
        if (!v.isTextual()) {
            throw new ConfigException(origin + ": " + at + field + ": " + describe(v) + ", not text; if text is meant, quote it: "
                    + field + ": '...'");
        }
        return v.asText();
    }

    private static int integer(JsonNode node, String field, String origin, String at) {
        JsonNode v = node.get(field);
        if (v == null || !v.isIntegralNumber() || !v.canConvertToInt()) {
            throw new ConfigException(origin + ": " + at + field + ": " + (v == null ? "missing" : describe(v))
                    + ", not a whole number; write it without quotes, e.g. " + field + ": 1");
        }
        return v.asInt();
    }

    private static String describe(JsonNode v) {
        return switch (v.getNodeType()) {
            case NULL -> "empty (~ or null)";
            case STRING -> "'" + v.asText() + "' (text)";
            case BOOLEAN -> "a boolean (" + v.asText() + ", as yes/no/on/off are read)";
            case NUMBER -> "a number (" + v.asText() + ")";
            case ARRAY -> "a list";
            case OBJECT -> "a mapping";
            default -> "'" + v.asText() + "'";
        };
    }

    /**
     * An address other sites or clients can reach, and nobody else's in the file: not port 0
     * (any port), the wildcard (any local address), multicast or broadcast (many hosts).
     */
    private static InetWithPort address(JsonNode node, String field, String origin, String at,
                                        Map<InetWithPort, String> endpoints) {
        String text = text(node, field, origin, at);
        String fix = "; give the host:port this site is reached at, e.g. 127.0.0.1:7100";
        InetWithPort address;
        try {
            address = InetWithPort.parse(text);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(origin + ": " + at + field + ": '" + text + "': " + e.getMessage() + fix);
        }
        InetAddress host = address.host();
        String bad = address.port() == 0 ? "port 0 means any port"
                : host.isAnyLocalAddress() ? "the wildcard address is no one host"
                : host.isMulticastAddress() ? "a multicast address reaches many hosts"
                : Arrays.equals(host.getAddress(), LIMITED_BROADCAST) ? "the broadcast address reaches every host" : null;
        if (bad != null) {
            throw new ConfigException(origin + ": " + at + field + ": '" + text + "': " + bad + fix);
        }
        String other = endpoints.putIfAbsent(address, at + field);
        if (other != null) {
            throw new ConfigException(origin + ": " + at + field + ": " + address + " is also " + other
                    + "; give each site and its clients their own port");
        }
        return address;
    }

    /**
     * A 32-byte X25519 public key in its canonical encoding (RFC 7748), of no small order (its
     * shared secret with anyone would be all-zero: a link key everyone knows), and nobody else's.
     */
    private static byte[] publicKey(JsonNode node, String field, String origin, String at, List<byte[]> taken) {
        byte[] key = base64(text(node, field, origin, at), origin, at + field);
        String where = origin + ": " + at + field + ": ";
        if (key.length != 32) {
            throw new ConfigException(where + key.length + " bytes; an X25519 public key has 32 (maftia keygen writes them)");
        }
        byte[] bigEndian = key.clone();
        for (int i = 0; i < 16; i++) {
            byte b = bigEndian[i];
            bigEndian[i] = bigEndian[31 - i];
            bigEndian[31 - i] = b;
        }
        if (new BigInteger(1, bigEndian).compareTo(CURVE25519_P) >= 0) {
            throw new ConfigException(where + "not the canonical encoding of an X25519 public key; take the key maftia keygen wrote");
        }
        byte[] scalar = new byte[32];
        scalar[0] = 8;
        if (!X25519.calculateAgreement(scalar, 0, key, 0, new byte[32], 0)) {
            throw new ConfigException(where + "a point of small order (every link with it would have a key all can compute);"
                    + " take the key maftia keygen wrote");
        }
        if (taken.stream().anyMatch(k -> Arrays.equals(k, key))) {
            throw new ConfigException(where + "the same key as another site or client; deal each its own (maftia keygen)");
        }
        taken.add(key);
        return key;
    }

    private static byte[] base64(String text, String origin, String where) {
        try {
            return Base64.getDecoder().decode(text.trim());
        } catch (IllegalArgumentException e) {
            throw new ConfigException(origin + ": " + where + ": not base64 (" + e.getMessage() + ")");
        }
    }

    private static ConfigException tooLarge(String origin) {
        return new ConfigException(origin + ": larger than 1 MiB, far more than any group needs; give the group file maftia keygen wrote");
    }
}
