package org.maftia.group.directory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.LinkOption;
import java.nio.file.StandardCopyOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.maftia.crypto.Dealers.Dealt;
import org.maftia.group.KeyPurpose;
import org.maftia.net.group.ConfigException;
import org.maftia.net.group.GroupConfig;
import org.maftia.net.group.GroupConfigLoader;
import org.maftia.net.group.GroupConfigWriter;
import org.maftia.net.group.GroupNames;
import org.maftia.net.link.LinkKeyPair;

/**
 * A group directory as the dealer writes it (docs/architecture.md):
 * <pre>
 * group.yaml              public: group id, t, each site's address and link public key
 * public/&lt;purpose&gt;.key    public: the group's threshold keys ({@link KeyPurpose})
 * site-&lt;i&gt;/link.key       site i's X25519 private key, base64      (mode 600, directory 700)
 * site-&lt;i&gt;/&lt;purpose&gt;.key site i's share of each threshold key      (mode 600)
 * clients/&lt;name&gt;/link.key client name's X25519 private key, base64    (mode 600, directory 700)
 * </pre>
 * Private files are readable by their owner only; loading warns when they are not.
 */
public final class GroupDirectory {

    public static final String GROUP_FILE = "group.yaml";
    static final String LINK_KEY = "link.key";
    private static final String CLIENTS = "clients";
    private static final Set<PosixFilePermission> PRIVATE_FILE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> PRIVATE_DIR = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> PUBLIC_DIR = PosixFilePermissions.fromString("rwxr-xr-x");

    private final Path root;

    public GroupDirectory(Path root) {
        this.root = root;
    }

    public Path root() {
        return root;
    }

    public Path siteDirectory(int site) {
        return root.resolve("site-" + site);
    }

    /** Where the dealer wrote the link key of the client {@code name}. */
    public Path clientDirectory(String name) {
        if (!GroupNames.isValid(name)) {
            throw new ConfigException("client '" + name + "': a client name is " + GroupNames.RULE);
        }
        return root.resolve(CLIENTS).resolve(name);
    }

    /**
     * A client's link key pair from the directory the dealer wrote for it (a copy of
     * {@code clients/<name>}); refused unless readable by its owner only.
     */
    public static LinkKeyPair readClientKeys(Path clientDir) {
        return LinkKeyPair.fromPrivate(readKey(clientDir.resolve(LINK_KEY), 32));
    }

    /** Reads and validates {@code group.yaml}. */
    public GroupConfig group() {
        return GroupConfigLoader.load(root.resolve(GROUP_FILE));
    }

    /** The group's public threshold key for {@code purpose}. */
    public ThresholdKeyFile publicKey(KeyPurpose purpose) {
        return ThresholdKeyFile.read(root.resolve("public").resolve(purpose.fileName()));
    }

    /** Site {@code site}'s private share of the threshold key for {@code purpose}. */
    public ThresholdKeyFile privateKey(int site, KeyPurpose purpose) {
        Path file = siteDirectory(site).resolve(purpose.fileName());
        requireOwnerOnly(file);
        return ThresholdKeyFile.read(file);
    }

    /** Site {@code site}'s link key pair, checked against the public key the group lists. */
    public LinkKeyPair linkKeys(int site) {
        GroupConfig group = group();
        Path file = siteDirectory(site).resolve(LINK_KEY);
        byte[] privateKey = readKey(file, 32);
        LinkKeyPair keys = LinkKeyPair.fromPrivate(privateKey);
        if (!java.util.Arrays.equals(keys.publicKey(), group.site(site).linkPublicKey())) {
            throw new ConfigException(file + ": this private key does not belong to site " + site
                    + " of " + root.resolve(GROUP_FILE) + "; copy the site's own key directory from the dealer");
        }
        return keys;
    }

    /**
     * Writes the group file, each site's private keys and each listed client's link key, all or
     * nothing: everything goes into a fresh directory beside the target, renamed onto it at the
     * end (an existing group is replaced only if {@code overwrite}); on any failure what was
     * written is removed.
     */
    void write(GroupConfig group, List<LinkKeyPair> linkKeys, Map<String, LinkKeyPair> clientKeys,
               Map<KeyPurpose, Dealt> thresholdKeys, boolean overwrite) throws IOException {
        Path target = root.toAbsolutePath().normalize();
        if (Files.isSymbolicLink(target)) {
            target = target.toRealPath();
        }
        refuseToClobber(target, overwrite);
        Path parent = target.getParent();
        Path firstCreated = parent;
        while (firstCreated.getParent() != null && !Files.exists(firstCreated.getParent())) {
            firstCreated = firstCreated.getParent();
        }
        Path existing = firstCreated.getParent() == null || Files.exists(firstCreated) ? firstCreated : firstCreated.getParent();
        if (!Files.isDirectory(existing)) {
            throw new FileAlreadyExistsException(existing + " is a file, not a directory, so the group cannot go under it;"
                    + " give another path");
        }
        boolean createdParent = !Files.exists(parent);
        Path staging = null;
        boolean done = false;
        try {
            Files.createDirectories(parent);
            staging = Files.createTempDirectory(parent, "." + target.getFileName() + ".dealing-");
            restrict(staging, PUBLIC_DIR);
            fill(staging, group, linkKeys, clientKeys, thresholdKeys);
            moveOnto(staging, target);
            done = true;
        } finally {
            if (!done) {
                deleteTree(staging);
                if (createdParent) {
                    deleteTree(firstCreated);
                }
            }
        }
    }

    private static void refuseToClobber(Path target, boolean overwrite) throws IOException {
        if (!Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        if (!Files.isDirectory(target)) {
            throw new FileAlreadyExistsException(target + " is a file, not a directory; give a new directory");
        }
        if (Files.exists(target.resolve(GROUP_FILE))) {
            if (!overwrite) {
                throw new FileAlreadyExistsException(target.resolve(GROUP_FILE) + " exists; pass --force to replace the group's keys");
            }
            return;
        }
        try (var entries = Files.list(target)) {
            if (entries.findAny().isPresent()) {
                throw new FileAlreadyExistsException(target + " holds files but is not a group directory; give a new or empty directory");
            }
        }
    }

    /** Renames {@code staging} onto {@code target}; an existing group is moved aside first and removed once replaced. */
    private static void moveOnto(Path staging, Path target) throws IOException {
        boolean replacing = Files.exists(target.resolve(GROUP_FILE));
        if (!replacing) {
            // rename(2) replaces an empty directory in one step.
            Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
            return;
        }
        Path old = target.resolveSibling("." + target.getFileName() + ".replaced-" + Long.toHexString(System.nanoTime()));
        Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
        try {
            Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            Files.move(old, target, StandardCopyOption.ATOMIC_MOVE);
            throw e;
        }
        deleteTree(old);
    }

    private void fill(Path dir, GroupConfig group, List<LinkKeyPair> linkKeys, Map<String, LinkKeyPair> clientKeys,
                      Map<KeyPurpose, Dealt> thresholdKeys) throws IOException {
        Files.writeString(dir.resolve(GROUP_FILE), GroupConfigWriter.yaml(group,
                "Written by maftia keygen. Public: share it with every site and operator."), StandardCharsets.UTF_8);
        Path publicDir = Files.createDirectories(dir.resolve("public"));
        for (var e : thresholdKeys.entrySet()) {
            Dealt d = e.getValue();
            Files.writeString(publicDir.resolve(e.getKey().fileName()),
                    new ThresholdKeyFile(d.scheme(), d.parameters(), d.publicKey()).text(), StandardCharsets.US_ASCII);
        }
        for (int i = 0; i < group.n(); i++) {
            Path site = Files.createDirectories(dir.resolve(siteDirectory(i).getFileName()));
            restrict(site, PRIVATE_DIR);
            writePrivate(site.resolve(LINK_KEY), Base64.getEncoder().encodeToString(linkKeys.get(i).privateKey()) + "\n");
            for (var e : thresholdKeys.entrySet()) {
                Dealt d = e.getValue();
                writePrivate(site.resolve(e.getKey().fileName()),
                        new ThresholdKeyFile(d.scheme(), d.parameters(), d.privateKeys().get(i)).text());
            }
        }
        for (var e : clientKeys.entrySet()) {
            Path client = Files.createDirectories(dir.resolve(CLIENTS).resolve(e.getKey()));
            restrict(client, PRIVATE_DIR);
            writePrivate(client.resolve(LINK_KEY), Base64.getEncoder().encodeToString(e.getValue().privateKey()) + "\n");
        }
    }

    private static void deleteTree(Path top) {
        if (top == null || !Files.exists(top, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (var walk = Files.walk(top)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // Removing what a failed write left: the failure itself is what the caller reports.
        }
    }

    /**
     * A fingerprint of everything public in the group (the group file and public keys), for operators
     * to compare over another channel: equal fingerprints, equal groups.
     */
    public String fingerprint() {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(Files.readAllBytes(root.resolve(GROUP_FILE)));
            for (KeyPurpose p : KeyPurpose.all()) {
                Path key = root.resolve("public").resolve(p.fileName());
                if (Files.exists(key)) {
                    sha.update(p.fileName().getBytes(StandardCharsets.US_ASCII));
                    sha.update(Files.readAllBytes(key));
                }
            }
            byte[] digest = sha.digest();
            String hex = HexFormat.of().formatHex(digest, 0, 16);
            return String.join(":", hex.split("(?<=\\G.{4})"));
        } catch (IOException e) {
            throw new ConfigException(root.resolve(GROUP_FILE) + ": cannot read it (" + e.getMessage() + ")", e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JDK", e);
        }
    }

    private static void writePrivate(Path file, String text) throws IOException {
        Files.deleteIfExists(file);
        Files.createFile(file);
        restrict(file, PRIVATE_FILE);
        Files.writeString(file, text, StandardCharsets.US_ASCII);
    }

    private static void restrict(Path path, Set<PosixFilePermission> permissions) throws IOException {
        try {
            Files.setPosixFilePermissions(path, permissions);
        } catch (UnsupportedOperationException e) {
            // Not swallowed: without POSIX permissions private keys cannot be kept private, so refuse.
            throw new IOException(path + ": this file system has no POSIX permissions; keep key directories on one that has");
        }
    }

    private static void requireOwnerOnly(Path file) {
        try {
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
            if (perms.stream().anyMatch(p -> p.name().startsWith("GROUP") || p.name().startsWith("OTHERS"))) {
                throw new ConfigException(file + ": private key readable by others (" + PosixFilePermissions.toString(perms)
                        + "); run chmod 600 " + file);
            }
        } catch (IOException e) {
            throw new ConfigException(file + ": cannot read the key (" + e.getMessage() + ")", e);
        }
    }

    private static byte[] readKey(Path file, int length) {
        requireOwnerOnly(file);
        try {
            byte[] key = Base64.getDecoder().decode(Files.readString(file, StandardCharsets.US_ASCII).trim());
            if (key.length != length) {
                throw new ConfigException(file + ": " + key.length + " bytes, expected " + length + "; the file is damaged");
            }
            return key;
        } catch (IOException e) {
            throw new ConfigException(file + ": cannot read the key (" + e.getMessage() + ")", e);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(file + ": not base64 (" + e.getMessage() + "); the file is damaged");
        }
    }
}
