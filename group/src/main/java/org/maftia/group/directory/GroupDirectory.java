package org.maftia.group.directory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.maftia.crypto.Dealers.Dealt;
import org.maftia.group.KeyPurpose;
import org.maftia.net.group.ConfigException;
import org.maftia.net.group.GroupConfig;
import org.maftia.net.group.GroupConfigLoader;
import org.maftia.net.group.SiteConfig;
import org.maftia.net.link.LinkKeyPair;

/**
 * A group directory as the dealer writes it (docs/architecture.md):
 * <pre>
 * group.yaml              public: group id, t, each site's address and link public key
 * public/&lt;purpose&gt;.key    public: the group's threshold keys ({@link KeyPurpose})
 * site-&lt;i&gt;/link.key       site i's X25519 private key, base64      (mode 600, directory 700)
 * site-&lt;i&gt;/&lt;purpose&gt;.key site i's share of each threshold key      (mode 600)
 * </pre>
 * Private files are readable by their owner only; loading warns when they are not.
 */
public final class GroupDirectory {

    public static final String GROUP_FILE = "group.yaml";
    static final String LINK_KEY = "link.key";
    private static final Set<PosixFilePermission> PRIVATE_FILE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> PRIVATE_DIR = PosixFilePermissions.fromString("rwx------");

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

    /** Writes the group file and each site's private keys; refuses to overwrite unless asked. */
    void write(GroupConfig group, List<LinkKeyPair> linkKeys, java.util.Map<KeyPurpose, Dealt> thresholdKeys,
               boolean overwrite) throws IOException {
        Files.createDirectories(root);
        Path groupFile = root.resolve(GROUP_FILE);
        if (Files.exists(groupFile) && !overwrite) {
            throw new FileAlreadyExistsException(groupFile + " exists; pass --force to replace the group's keys");
        }
        Files.writeString(groupFile, yaml(group), StandardCharsets.UTF_8);
        Path publicDir = Files.createDirectories(root.resolve("public"));
        for (var e : thresholdKeys.entrySet()) {
            Dealt d = e.getValue();
            Files.writeString(publicDir.resolve(e.getKey().fileName()),
                    new ThresholdKeyFile(d.scheme(), d.parameters(), d.publicKey()).text(), StandardCharsets.US_ASCII);
        }
        for (int i = 0; i < group.n(); i++) {
            Path dir = Files.createDirectories(siteDirectory(i));
            restrict(dir, PRIVATE_DIR);
            writePrivate(dir.resolve(LINK_KEY), (Base64.getEncoder().encodeToString(linkKeys.get(i).privateKey()) + "\n"));
            for (var e : thresholdKeys.entrySet()) {
                Dealt d = e.getValue();
                writePrivate(dir.resolve(e.getKey().fileName()),
                        new ThresholdKeyFile(d.scheme(), d.parameters(), d.privateKeys().get(i)).text());
            }
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

    static String yaml(GroupConfig group) {
        StringBuilder b = new StringBuilder()
                .append("# Written by maftia keygen. Public: share it with every site and operator.\n")
                .append("group: ").append(group.groupId()).append('\n')
                .append("t: ").append(group.t()).append('\n')
                .append("sites:\n");
        Base64.Encoder base64 = Base64.getEncoder();
        for (SiteConfig s : group.sites()) {
            b.append("  - id: ").append(s.id()).append('\n')
                    .append("    address: ").append(s.address()).append('\n')
                    .append("    linkKey: ").append(base64.encodeToString(s.linkPublicKey())).append('\n');
            if (!s.publicKeys().isEmpty()) {
                b.append("    keys:\n");
                new java.util.TreeMap<>(s.publicKeys()).forEach((scheme, key) ->
                        b.append("      ").append(scheme).append(": ").append(base64.encodeToString(key)).append('\n'));
            }
        }
        return b.toString();
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
