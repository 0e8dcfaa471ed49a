package org.maftia.replication.netns;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Hosts on one LAN, made of Linux network namespaces: site {@code i} in namespace
 * {@code maftia-test-<pid>-<random>-i} with address {@code 10.x.y.(i+1)/24} on its {@code eth0},
 * a veth whose other end is a port of a bridge in a namespace of its own ({@code ...-lan}); the
 * test JVM reaches the LAN from the root namespace as {@code 10.x.y.254} through one more veth.
 * Closing deletes the namespaces, which takes every veth and the bridge with them, after killing
 * whatever still runs inside. Namespaces of this prefix whose creating process is gone are
 * removed before a new LAN is made.
 */
final class NetnsNetwork implements AutoCloseable {

    static final String PREFIX = "maftia-test-";

    /** Thrown when namespaces cannot be made here: the test is skipped with this reason. */
    static final class Unavailable extends Exception {
        Unavailable(String message) {
            super(message);
        }
    }

    private final String name;
    private final String subnet;
    private final int sites;
    private final List<String> namespaces = new ArrayList<>();
    private final String hostVeth;
    private String impairment = "none";

    private NetnsNetwork(int sites) {
        SecureRandom random = new SecureRandom();
        String token = HexFormat.of().toHexDigits((byte) random.nextInt()) + HexFormat.of().toHexDigits((byte) random.nextInt())
                + HexFormat.of().toHexDigits((byte) random.nextInt());
        this.name = PREFIX + ProcessHandle.current().pid() + "-" + token;
        this.hostVeth = "mtn" + token;
        this.sites = sites;
        this.subnet = freeSubnet(random);
    }

    /**
     * Makes the LAN of {@code sites} hosts and impairs every site's link as {@code netem} says
     * (where the kernel has no netem, see {@link #impairment()}).
     *
     * @throws Unavailable if the first namespace cannot be made (not root, no ip, no netns support)
     */
    static NetnsNetwork create(int sites, String netem) throws Unavailable, IOException {
        removeLeftovers();
        NetnsNetwork net = new NetnsNetwork(sites);
        try {
            net.addNamespace(net.lan());
        } catch (IOException e) {
            throw new Unavailable(e.getMessage());
        }
        boolean built = false;
        try {
            net.build(netem);
            built = true;
            return net;
        } finally {
            if (!built) {
                net.close();
            }
        }
    }

    private void build(String netem) throws IOException {
        String lan = lan();
        ip("-n", lan, "link", "set", "lo", "up");
        ip("-n", lan, "link", "add", "br0", "type", "bridge");
        ip("-n", lan, "link", "set", "br0", "up");
        for (int i = 0; i < sites; i++) {
            String ns = site(i);
            addNamespace(ns);
            ip("-n", ns, "link", "set", "lo", "up");
            ip("link", "add", "eth0", "netns", ns, "type", "veth", "peer", "name", port(i), "netns", lan);
            ip("-n", ns, "addr", "add", subnet + (i + 1) + "/24", "dev", "eth0");
            ip("-n", ns, "link", "set", "eth0", "up");
            ip("-n", lan, "link", "set", port(i), "master", "br0", "up");
        }
        ip("link", "add", hostVeth, "type", "veth", "peer", "name", "host", "netns", lan);
        ip("addr", "add", subnet + "254/24", "dev", hostVeth);
        ip("link", "set", hostVeth, "up");
        ip("-n", lan, "link", "set", "host", "master", "br0", "up");
        impair(netem);
    }

    /**
     * Delay and loss on every site's outgoing traffic with {@code tc netem}; on a kernel built
     * without netem (sch_netem), loss alone with nftables if {@code nft} is installed, else none.
     */
    private void impair(String netem) throws IOException {
        List<String> failures = new ArrayList<>();
        try {
            for (int i = 0; i < sites; i++) {
                List<String> tc = new ArrayList<>(List.of("tc", "-n", site(i), "qdisc", "add", "dev", "eth0", "root", "netem"));
                tc.addAll(List.of(netem.split(" ")));
                run(tc.toArray(String[]::new));
            }
            impairment = "tc netem " + netem;
            return;
        } catch (IOException e) {
            failures.add(e.getMessage().strip());
        }
        String loss = netem.replaceAll(".*loss ([0-9.]+)%.*", "$1");
        if (loss.equals(netem)) {
            impairment = "none (" + String.join("; ", failures) + ")";
            return;
        }
        try {
            for (int i = 0; i < sites; i++) {
                nft(site(i), "table inet impair {\n chain out {\n  type filter hook output priority 0; policy accept;\n"
                        + "  numgen random mod 1000 < " + Math.round(Double.parseDouble(loss) * 10) + " drop\n }\n}\n");
            }
            impairment = "loss " + loss + "% by nftables (no delay: " + String.join("; ", failures) + ")";
        } catch (IOException e) {
            failures.add(e.getMessage().strip());
            impairment = "none (" + String.join("; ", failures) + ")";
        }
    }

    /** What was done to the links, for the test's output. */
    String impairment() {
        return impairment;
    }

    String site(int i) {
        return name + "-" + i;
    }

    InetAddress address(int i) throws IOException {
        return InetAddress.getByName(subnet + (i + 1));
    }

    /** Cuts site {@code i} off the LAN: its bridge port goes down, so nothing reaches it or leaves it. */
    void partition(int i) throws IOException {
        ip("-n", lan(), "link", "set", port(i), "down");
    }

    void heal(int i) throws IOException {
        ip("-n", lan(), "link", "set", port(i), "up");
    }

    private String lan() {
        return name + "-lan";
    }

    private static String port(int i) {
        return "site" + i;
    }

    private void addNamespace(String ns) throws IOException {
        ip("netns", "add", ns);
        namespaces.add(ns);
    }

    @Override
    public void close() {
        for (int i = namespaces.size() - 1; i >= 0; i--) {
            deleteNamespace(namespaces.get(i));
        }
        namespaces.clear();
        try {
            run("ip", "link", "del", hostVeth);
        } catch (IOException e) {
            // gone with its peer in the LAN's namespace, as expected
        }
    }

    /** Removes namespaces of this prefix left by a process that no longer runs. */
    private static void removeLeftovers() {
        String list;
        try {
            list = run("ip", "netns", "list");
        } catch (IOException e) {
            return; // no ip or no netns: create() says so when it tries
        }
        for (String line : list.lines().toList()) {
            String ns = line.split(" ")[0];
            if (!ns.startsWith(PREFIX)) {
                continue;
            }
            String owner = ns.substring(PREFIX.length()).split("-")[0];
            boolean ownerRuns = owner.matches("[0-9]{1,10}") && ProcessHandle.of(Long.parseLong(owner)).isPresent();
            if (!ownerRuns) {
                deleteNamespace(ns);
            }
        }
    }

    private static void deleteNamespace(String ns) {
        try {
            for (String pid : run("ip", "netns", "pids", ns).lines().map(String::strip).filter(s -> !s.isEmpty()).toList()) {
                ProcessHandle.of(Long.parseLong(pid)).ifPresent(ProcessHandle::destroyForcibly);
            }
        } catch (IOException | NumberFormatException e) {
            // nothing left to kill, or the namespace is already gone: deleting it is what matters
        }
        try {
            run("ip", "netns", "del", ns);
        } catch (IOException e) {
            System.err.println("could not delete network namespace " + ns + ": " + e.getMessage());
        }
    }

    /** A 10.x.y.0/24 that no route or address of the root namespace mentions. */
    private static String freeSubnet(SecureRandom random) {
        String routes;
        try {
            routes = run("ip", "-4", "route", "show", "table", "all") + run("ip", "-4", "addr");
        } catch (IOException e) {
            routes = "";
        }
        while (true) {
            String candidate = "10." + (100 + random.nextInt(150)) + "." + random.nextInt(256) + ".";
            if (!routes.contains(candidate)) {
                return candidate;
            }
        }
    }

    private static void ip(String... args) throws IOException {
        String[] command = new String[args.length + 1];
        command[0] = "ip";
        System.arraycopy(args, 0, command, 1, args.length);
        run(command);
    }

    private static void nft(String ns, String ruleset) throws IOException {
        Process p = new ProcessBuilder("ip", "netns", "exec", ns, "nft", "-f", "-").redirectErrorStream(true).start();
        p.getOutputStream().write(ruleset.getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        finish(p, "nft -f - in " + ns);
    }

    /** Runs a command and returns its output; a failure carries the command and its output. */
    static String run(String... command) throws IOException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.PIPE).start();
        p.getOutputStream().close();
        return finish(p, String.join(" ", command));
    }

    private static String finish(Process p, String what) throws IOException {
        try {
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException(what + ": still running after 10 s");
            }
            if (p.exitValue() != 0) {
                throw new IOException(what + ": exit " + p.exitValue() + ": " + out.strip());
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
            throw new IOException(what + ": interrupted", e);
        }
    }
}
