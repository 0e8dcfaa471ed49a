package org.maftia.ttcb.daemon;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * A file only the daemon's user may read or change: the TTCB's private keys, and its configuration
 * (the control network's secret). It must be the file itself, not a symbolic link (whoever can
 * swap the link's target chooses what the daemon reads), owned by the daemon's user (an owner can
 * rewrite or chmod it whatever its mode says) and without permissions for group or others.
 */
final class PrivateFile {

    private PrivateFile() {
    }

    /**
     * Refuses the file with one line: {@code field} starts the message ("keyFile: ", or "" for the
     * configuration itself), {@code holds} says why it matters (or is empty).
     */
    static void check(Path file, String field, String holds) throws IOException {
        if (Files.isSymbolicLink(file)) {
            throw new TtcbConfigException(field + file + " is a symbolic link; give the path of the file itself");
        }
        PosixFileAttributes a;
        try {
            a = Files.readAttributes(file, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (UnsupportedOperationException e) {
            throw new TtcbConfigException(field + file + " is on a file system without POSIX permissions; keep it on one that has");
        }
        String me = System.getProperty("user.name");
        String owner = a.owner().getName();
        if (!owner.equals(me)) {
            throw new TtcbConfigException(field + file + " is owned by " + owner + ", not by " + me + "; run chown " + me + " " + file);
        }
        if (a.permissions().stream().anyMatch(p -> p != PosixFilePermission.OWNER_READ && p != PosixFilePermission.OWNER_WRITE
                && p != PosixFilePermission.OWNER_EXECUTE)) {
            throw new TtcbConfigException(field + file + " is readable by others (" + PosixFilePermissions.toString(a.permissions())
                    + ");" + holds + " run chmod 600 " + file);
        }
    }
}
