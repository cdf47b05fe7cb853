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
 * Before a root grader relies on it, it tries the drop once per process: a JVM started through it must print
 * its version within {@value #TRY_SECONDS} s. A {@code setpriv} that is missing, or that fails (a container
 * without the capability to change uid, a seccomp filter refusing {@code setresuid} or
 * {@code PR_SET_NO_NEW_PRIVS}, a JDK uid {@value #UID} cannot read) or hangs, leaves the JVM root's; reports
 * then say {@code (as root)} beside the sandbox, and {@link #refusal()} says why. Grading never depends on
 * a drop that does not work here, so it cannot fail every test for it.
 *
 * <p>What the JVM reads must then be readable by that uid: {@link #reachable} says whether a path is.
 */
public final class UserDrop {

    /** The uid and gid test JVMs run as when the grader is root. */
    public static final int UID = 65534;

    /** How long the one try of the drop may take before it counts as refused. */
    static final int TRY_SECONDS = 60;

    private static final boolean ROOT = effectiveUid() == 0;

    /**
     * What one grader process found out about leaving root: whether it is root, and the drop it can make or
     * why it cannot (empty for a grader that is not root: it has nothing to leave).
     */
    record Lookup(boolean root, Optional<UserDrop> drop, Optional<String> refusal) {

        /** This process's, found out once, when first asked for. */
        static Lookup here() {
            return Here.LOOKUP;
        }
    }

    private static final class Here {
        static final Lookup LOOKUP = lookup(ROOT, Sandbox.onPath("setpriv"), TRY_SECONDS);
    }

    private final String setpriv;

    private UserDrop(String setpriv) {
        this.setpriv = setpriv;
    }

    /**
     * The drop this grader makes: present when it runs as root and {@code setpriv} is installed and works
     * here (tried once per process).
     */
    public static Optional<UserDrop> here() {
        return ROOT ? Lookup.here().drop() : Optional.empty();
    }

    /** Whether the grader runs as root (effective uid 0). */
    public static boolean root() {
        return ROOT;
    }

    /**
     * Why this root grader's test JVMs stay root's ({@code setpriv} missing, or its error), or empty when
     * they drop to uid {@value #UID} or the grader is not root.
     */
    public static Optional<String> refusal() {
        return ROOT ? Lookup.here().refusal() : Optional.empty();
    }

    /**
     * What a grader that is {@code root}, with {@code setpriv} at that path (or none), can do: for the real
     * process {@link Lookup#here()}; tests give other facts, such as a {@code setpriv} that fails.
     *
     * @param trySeconds how long the one try of the drop may take
     */
    static Lookup lookup(boolean root, Optional<String> setpriv, int trySeconds) {
        if (setpriv == null || trySeconds < 1) {
            throw new IllegalArgumentException("A setpriv path (or none) and a positive try time are needed, got "
                    + setpriv + " and " + trySeconds + " s");
        }
        if (!root) {
            return new Lookup(false, Optional.empty(), Optional.empty());
        }
        if (setpriv.isEmpty()) {
            return new Lookup(true, Optional.empty(), Optional.of("setpriv (util-linux) is not installed"));
        }
        UserDrop drop = new UserDrop(setpriv.get());
        Optional<String> refused = drop.tryOnce(trySeconds);
        return refused.isPresent() ? new Lookup(true, Optional.empty(), refused)
                : new Lookup(true, Optional.of(drop), Optional.empty());
    }

    /** Starts a JVM that prints its version through the drop: empty when that worked, else why it did not. */
    private Optional<String> tryOnce(int seconds) {
        Path log = null;
        try {
            log = Files.createTempFile("course-setpriv-try", ".log");
            return JvmTry.run(around(JvmTry.javaVersion()), log, Path.of("/"), seconds, setpriv, " as uid " + UID, 300);
        } catch (IOException e) {
            return Optional.of(setpriv + " could not be started: " + e.getMessage());
        } finally {
            if (log != null) {
                try {
                    Files.deleteIfExists(log);
                } catch (IOException e) {
                    // A temporary file left behind costs nothing.
                }
            }
        }
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
