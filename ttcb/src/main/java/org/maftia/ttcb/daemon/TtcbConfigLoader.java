package org.maftia.ttcb.daemon;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.net.InetSocketAddress;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.maftia.ttcb.core.FunctionLibrary;
import org.maftia.ttcb.core.TimingParameters;

/**
 * Reads a local TTCB's YAML file:
 * <pre>
 * id: 0
 * socket: /run/maftia/ttcb.sock
 * keyFile: /etc/maftia/ttcb0.key
 * publicKeyFile: /run/maftia/ttcb.pub
 * controlSecret: base64 of at least 16 bytes, the same for every local TTCB
 * timing: {ts: 20ms, tr: 5ms, od: 2, bd: 1, tsend: 5ms, tsendMin: 50us,
 *          wcetSend: 5ms, wcetReceive: 5ms, pi: 20ms, maxDriftPpm: 100, syncEveryRounds: 10}
 * functions: {noop: 50us, sha256: 200us, alarm: 50us}
 * maxValueBytes: 64
 * retention: 60s
 * members: [127.0.0.1:7400, 127.0.0.1:7401, 127.0.0.1:7402, 127.0.0.1:7403]
 * </pre>
 * Durations are numbers with a unit (ns, us, ms, s): the timing and the WCETs at most
 * {@value #MAX_TIMING_SECONDS}s, so that Tbroadcast and Tagreement (formulas 4.2, 4.3) are sums
 * that cannot overflow, the retention at most a day. Every mistake is one
 * {@link TtcbConfigException} naming the field, the bad value and the fix.
 */
public final class TtcbConfigLoader {

    private static final Set<String> FIELDS = Set.of("id", "socket", "keyFile", "publicKeyFile", "controlSecret", "timing",
            "functions", "maxValueBytes", "retention", "members");
    private static final Set<String> TIMING = Set.of("ts", "tr", "od", "bd", "tsend", "tsendMin", "wcetSend", "wcetReceive",
            "pi", "maxDriftPpm", "syncEveryRounds");
    static final int MAX_TIMING_SECONDS = 60;
    private static final long MAX_TIMING = MAX_TIMING_SECONDS * 1_000_000_000L;
    private static final long MAX_RETENTION = 86_400 * 1_000_000_000L;
    private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ns|us|ms|s)");

    private TtcbConfigLoader() {
    }

    /**
     * Reads the configuration of {@code maftia ttcbd}. It holds the control network's secret, with
     * which any process could forge control frames (AN7, AN8), so it must be owner-only (0600) and
     * owned by the daemon's user; 0640 would hand the secret to the entities' group.
     */
    public static TtcbConfig load(Path file) {
        try {
            PrivateFile.check(file, "", " it holds the controlSecret:");
            return parse(Files.readString(file), file.toString(), file.toAbsolutePath().getParent());
        } catch (IOException e) {
            throw new TtcbConfigException(file + ": cannot read the TTCB configuration (" + e.getMessage() + ")");
        }
    }

    public static TtcbConfig parse(String yaml, String origin, Path base) {
        JsonNode root;
        try {
            root = new ObjectMapper(new YAMLFactory()).readTree(yaml);
        } catch (IOException e) {
            throw new TtcbConfigException(origin + ": not valid YAML: " + e.getMessage().lines().findFirst().orElse(""));
        }
        if (root == null || !root.isObject()) {
            throw new TtcbConfigException(origin + ": expected a mapping with id, socket, controlSecret, timing and members");
        }
        unknown(root, FIELDS, origin, "");
        JsonNode membersNode = root.get("members");
        if (membersNode == null || !membersNode.isArray() || membersNode.isEmpty()) {
            throw new TtcbConfigException(origin + ": members: missing or empty; list every local TTCB's control address host:port, in id order");
        }
        List<InetSocketAddress> members = new ArrayList<>();
        Set<InetSocketAddress> seen = new HashSet<>();
        for (int i = 0; i < membersNode.size(); i++) {
            InetSocketAddress a = address(membersNode.get(i).asText(), origin, "members[" + i + "]");
            if (a.isUnresolved()) {
                throw new TtcbConfigException(origin + ": members[" + i + "]: '" + a.getHostString()
                        + "' does not resolve; give an IP address or a name this host can resolve");
            }
            if (!seen.add(a)) {
                throw new TtcbConfigException(origin + ": members[" + i + "]: " + a + " is listed twice; every local TTCB needs its own control port");
            }
            members.add(a);
        }
        int id = integer(root, "id", "id", origin, 0, members.size() - 1, "the index of this TTCB in members");
        Path socket = path(root, "socket", origin, base);
        Path keyFile = path(root, "keyFile", origin, base);
        Path publicKeyFile = root.has("publicKeyFile") ? path(root, "publicKeyFile", origin, base)
                : socket.resolveSibling(socket.getFileName() + ".pub");
        // The daemon replaces the socket and writes the public key: on the private key, either destroys it.
        distinct(origin, "socket", socket, "keyFile", keyFile);
        distinct(origin, "publicKeyFile", publicKeyFile, "keyFile", keyFile);
        distinct(origin, "publicKeyFile", publicKeyFile, "socket", socket);
        byte[] secret;
        String secretText = text(root, "controlSecret", origin);
        try {
            secret = Base64.getDecoder().decode(secretText.trim());
        } catch (IllegalArgumentException e) {
            throw new TtcbConfigException(origin + ": controlSecret: not base64; give the same base64 secret (16+ bytes) to every local TTCB");
        }
        if (secret.length < 16) {
            throw new TtcbConfigException(origin + ": controlSecret: " + secret.length + " bytes; use at least 16 (e.g. head -c 32 /dev/urandom | base64)");
        }
        TimingParameters timing = timing(root.get("timing"), origin, members.size());
        Map<String, Long> wcets = functions(root.get("functions"), origin);
        int maxValue = root.has("maxValueBytes") ? integer(root, "maxValueBytes", "maxValueBytes", origin, 1, 1024, "the agreement block size") : 64;
        long retention = root.has("retention") ? duration(root.get("retention"), origin, "retention", MAX_RETENTION) : 60_000_000_000L;
        if (retention <= 0) {
            throw new TtcbConfigException(origin + ": retention: must be positive; give how long finished agreements are kept, e.g. 60s");
        }
        return new TtcbConfig(id, socket, keyFile, publicKeyFile, secret, timing, wcets, maxValue, retention, members);
    }

    private static TimingParameters timing(JsonNode t, String origin, int n) {
        if (t == null || !t.isObject()) {
            throw new TtcbConfigException(origin + ": timing: missing; give ts, tr, od, bd, tsend, wcetSend, wcetReceive and pi");
        }
        unknown(t, TIMING, origin, "timing.");
        long ts = requiredDuration(t, "ts", origin);
        long tr = requiredDuration(t, "tr", origin);
        int od = integer(t, "od", "timing.od", origin, 0, 16, "the omission degree Od");
        // Protocol 2 tolerates Bd crashes of the n local TTCBs: at least one must remain.
        int bd = t.has("bd") ? integer(t, "bd", "timing.bd", origin, 0, n - 1, "the broadcast degree Bd") : Math.min(1, n - 1);
        long tsend = requiredDuration(t, "tsend", origin);
        long tsendMin = t.has("tsendMin") ? duration(t.get("tsendMin"), origin, "timing.tsendMin", MAX_TIMING) : 0;
        long wcetSend = requiredDuration(t, "wcetSend", origin);
        long wcetReceive = requiredDuration(t, "wcetReceive", origin);
        long pi = requiredDuration(t, "pi", origin);
        int drift = t.has("maxDriftPpm") ? integer(t, "maxDriftPpm", "timing.maxDriftPpm", origin, 0, 10_000, "the clock drift in ppm") : 100;
        int every = t.has("syncEveryRounds") ? integer(t, "syncEveryRounds", "timing.syncEveryRounds", origin, 1, 1_000_000, "rounds between resynchronisations") : 10;
        if (tsendMin > tsend) {
            throw new TtcbConfigException(origin + ": timing.tsendMin: " + tsendMin + " ns exceeds tsend " + tsend + " ns; tsendMin is the smallest delay");
        }
        if (tr > ts) {
            throw new TtcbConfigException(origin + ": timing.tr: " + tr + " ns is longer than ts " + ts + " ns; read at least as often as you broadcast");
        }
        TimingParameters p = new TimingParameters(ts, tr, od, bd, tsend, tsendMin, wcetSend, wcetReceive, pi, drift, every);
        if (pi < p.achievablePrecision()) {
            throw new TtcbConfigException(origin + ": timing.pi: " + pi + " ns cannot be kept with these delays and drift (clock synchronisation achieves "
                    + p.achievablePrecision() + " ns); raise pi, lower tsend - tsendMin, or resynchronise more often");
        }
        return p;
    }

    private static Map<String, Long> functions(JsonNode f, String origin) {
        Map<String, Long> out = new LinkedHashMap<>(Map.of(FunctionLibrary.NOOP, 50_000L, FunctionLibrary.SHA256, 200_000L,
                FunctionLibrary.ALARM, 50_000L));
        if (f == null) {
            return out;
        }
        if (!f.isObject()) {
            throw new TtcbConfigException(origin + ": functions: expected a mapping name: WCET, e.g. {sha256: 200us}");
        }
        for (Iterator<String> it = f.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!out.containsKey(name)) {
                throw new TtcbConfigException(origin + ": functions." + name + ": no such built-in function; the library has " + out.keySet());
            }
            long wcet = duration(f.get(name), origin, "functions." + name, MAX_TIMING);
            if (wcet <= 0) {
                throw new TtcbConfigException(origin + ": functions." + name + ": a WCET must be positive");
            }
            out.put(name, wcet);
        }
        return out;
    }

    private static long duration(JsonNode node, String origin, String field, long max) {
        String text = node.asText().trim();
        Matcher m = DURATION.matcher(text);
        if (!node.isValueNode() || !m.matches()) {
            throw new TtcbConfigException(origin + ": " + field + ": '" + text + "' is not a duration; write e.g. 20ms, 250us, 1s");
        }
        double v = Double.parseDouble(m.group(1));
        long unit = switch (m.group(2)) {
            case "ns" -> 1L;
            case "us" -> 1_000L;
            case "ms" -> 1_000_000L;
            default -> 1_000_000_000L;
        };
        if (v * unit > max) {
            throw new TtcbConfigException(origin + ": " + field + ": '" + text + "' is longer than " + max / 1_000_000_000L
                    + "s; give a shorter duration");
        }
        return Math.round(v * unit);
    }

    private static long requiredDuration(JsonNode t, String field, String origin) {
        if (!t.has(field)) {
            throw new TtcbConfigException(origin + ": timing." + field + ": missing; give a duration such as 10ms");
        }
        long v = duration(t.get(field), origin, "timing." + field, MAX_TIMING);
        if (v <= 0) {
            throw new TtcbConfigException(origin + ": timing." + field + ": must be positive");
        }
        return v;
    }

    private static int integer(JsonNode n, String field, String label, String origin, int min, int max, String what) {
        JsonNode v = n.get(field);
        if (v == null || !v.canConvertToInt() || !v.isIntegralNumber() || v.asInt() < min || v.asInt() > max) {
            throw new TtcbConfigException(origin + ": " + label + ": " + (v == null ? "missing" : "'" + v.asText() + "'")
                    + "; give " + what + ", an integer in [" + min + ", " + max + "]");
        }
        return v.asInt();
    }

    private static String text(JsonNode n, String field, String origin) {
        JsonNode v = n.get(field);
        if (v == null || !v.isTextual() || v.asText().isBlank()) {
            throw new TtcbConfigException(origin + ": " + field + ": missing or empty");
        }
        return v.asText();
    }

    private static Path path(JsonNode n, String field, String origin, Path base) {
        Path p = Path.of(text(n, field, origin));
        return p.isAbsolute() || base == null ? p : base.resolve(p);
    }

    private static void distinct(String origin, String field, Path path, String otherField, Path other) {
        if (path.toAbsolutePath().normalize().equals(other.toAbsolutePath().normalize())) {
            throw new TtcbConfigException(origin + ": " + field + ": the same file as " + otherField + " (" + path
                    + "); give each its own path");
        }
    }

    private static InetSocketAddress address(String text, String origin, String field) {
        int colon = text.lastIndexOf(':');
        try {
            if (colon <= 0) {
                throw new NumberFormatException();
            }
            int port = Integer.parseInt(text.substring(colon + 1));
            if (port < 1 || port > 65535) {
                throw new NumberFormatException();
            }
            return new InetSocketAddress(text.substring(0, colon), port);
        } catch (NumberFormatException e) {
            throw new TtcbConfigException(origin + ": " + field + ": '" + text + "' is not host:port (port 1-65535)");
        }
    }

    private static void unknown(JsonNode n, Set<String> known, String origin, String prefix) {
        for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!known.contains(f)) {
                throw new TtcbConfigException(origin + ": " + prefix + f + ": unknown field; the fields are " + new java.util.TreeSet<>(known));
            }
        }
    }
}
