package k8snet.grader.guard;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Leaving root: a grader whose effective uid is 0 (as on Gradescope) starts every test JVM as the real,
 * unprivileged uid and gid {@value #UID} (nobody), through util-linux's {@code setpriv}, with no
 * supplementary groups, no capabilities (none inheritable, an empty bounding set) and no new privileges,
 * so no set-uid program gives root back. A grader that is not root starts it as itself, as before.
 *
 * <pre>{@code
 * List<String> command = UserDrop.here().map(d -> d.around(javaCommand)).orElse(javaCommand);
 * }</pre>
 *
 * What the JVM reads must then be readable by that uid: {@link #reachable} says whether a path is.
 */
public final class UserDrop {

    /** The uid and gid test JVMs run as when the grader is root. */
    public static final int UID = 65534;

    private static final boolean ROOT = effectiveUid() == 0;
    private static final Optional<String> SETPRIV = Sandbox.onPath("setpriv");

    private final String setpriv;

    private UserDrop(String setpriv) {
        this.setpriv = setpriv;
    }

    /** The drop this grader makes: present when it runs as root and {@code setpriv} is installed. */
    public static Optional<UserDrop> here() {
        return ROOT ? SETPRIV.map(UserDrop::new) : Optional.empty();
    }

    /** Whether the grader runs as root (effective uid 0). */
    public static boolean root() {
        return ROOT;
    }

    /** {@code command} started as uid and gid {@value #UID} without privileges. */
    public List<String> around(List<String> command) {
        if (command == null || command.isEmpty()) {
            throw new IllegalArgumentException("Command must be a program and its arguments, got " + command);
        }
        List<String> out = new java.util.ArrayList<>(prefix());
        out.addAll(command);
        return out;
    }

    /** The {@code setpriv} words before the command. */
    List<String> prefix() {
        return List.of(setpriv, "--reuid=" + UID, "--regid=" + UID, "--clear-groups", "--no-new-privs",
                "--inh-caps=-all", "--bounding-set=-all", "--");
    }

    /**
     * Whether uid {@value #UID} (owning nothing, in no group) can read {@code path}: every folder above it
     * lets others through ({@code o+x}), and it lets others read ({@code o+r}, and {@code o+x} for a
     * folder). What a folder holds is not looked into. False where POSIX permissions are not known.
     */
    public static boolean reachable(Path path) {
        if (path == null) {
            throw new IllegalArgumentException("Path must not be null");
        }
        try {
            Path p = path.toAbsolutePath().normalize();
            for (Path up = p.getParent(); up != null; up = up.getParent()) {
                if (!Files.getPosixFilePermissions(up).contains(PosixFilePermission.OTHERS_EXECUTE)) {
                    return false;
                }
            }
            Set<PosixFilePermission> own = Files.getPosixFilePermissions(p);
            return own.contains(PosixFilePermission.OTHERS_READ) && (!Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)
                    || own.contains(PosixFilePermission.OTHERS_EXECUTE));
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    /** The effective uid of this process, from /proc/self/status; -1 where that cannot be read (not Linux). */
    static int effectiveUid() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"), StandardCharsets.UTF_8)) {
                if (line.startsWith("Uid:")) {
                    return Integer.parseInt(line.substring(4).strip().split("\\s+")[1]);
                }
            }
        } catch (IOException | RuntimeException e) {
            // Not Linux, or an unusual /proc: take the grader for an ordinary user.
        }
        return -1;
    }
}
