package k8snet.grader.guard;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Shuts a test JVM in: {@link #wrap} turns the JVM's command line into one that starts it inside the
 * sandbox of this {@link #mode()}, seeing only what a {@link SandboxSpec} allows, with no network, its own
 * PID namespace that ends with the grader, and uid 65534 ({@link UserDrop#UID}).
 *
 * <pre>{@code
 * Sandbox sandbox = Sandbox.choose(Optional.empty());      // the strongest mode that works here
 * List<String> command = sandbox.wrap(List.of(java, "@args"), spec);
 * }</pre>
 *
 * Whether a mode works is found out by trying it once per grader process (a JVM printing its version inside
 * it), since a tool on the path may still be refused by the kernel (user namespaces turned off, a container's
 * seccomp filter).
 *
 * <p>A grader that is not root: the JVM runs as uid 65534 in its own user namespace, which the kernel outside
 * sees as the grader's own uid. A grader that is root ({@link UserDrop}): the sandbox is built with root's
 * rights (no user namespace), and {@code setpriv} then starts the JVM as the real uid and gid 65534 without
 * capabilities or new privileges, in every mode, {@link SandboxMode#NONE} included; where {@code setpriv} is
 * missing or does not work here ({@link UserDrop#refusal()}) the JVM stays root's (without capabilities inside
 * a namespace) and {@link #label()} says {@code (as root)}. Either way the writable folders of a spec must
 * hold nothing the grader trusts.
 */
public final class Sandbox {

    private static final Map<SandboxMode, Optional<String>> PROBED = new ConcurrentHashMap<>();

    private final SandboxMode mode;
    private final String tool;
    private final String setpriv;
    private final UserDrop drop;
    /** Whether the grader is root, so that a JVM without {@link #drop} runs as root. */
    private final boolean root;

    private Sandbox(SandboxMode mode, String tool, String setpriv, UserDrop drop, boolean root) {
        this.mode = mode;
        this.tool = tool;
        this.setpriv = setpriv;
        this.drop = drop;
        this.root = root;
    }

    /**
     * The forced mode, or when empty the strongest mode that works here ({@link SandboxMode#NONE} at worst).
     *
     * @throws IllegalStateException when a forced mode does not work on this machine, saying why
     */
    public static Sandbox choose(Optional<SandboxMode> forced) {
        return choose(forced, UserDrop.Lookup.here());
    }

    /**
     * {@link #choose(Optional)} for a grader of which {@code host} says whether it is root and how it leaves
     * root; which modes work is still this machine's (tried with this process's drop).
     */
    static Sandbox choose(Optional<SandboxMode> forced, UserDrop.Lookup host) {
        if (host == null) {
            throw new IllegalArgumentException("The grader's root facts must not be null (use UserDrop.Lookup.here())");
        }
        if (forced == null) {
            throw new IllegalArgumentException("Forced sandbox mode must not be null (use Optional.empty())");
        }
        if (forced.isPresent()) {
            Optional<String> why = unavailable(forced.get());
            if (why.isPresent()) {
                throw new IllegalStateException("The sandbox mode " + forced.get().label() + " was asked for but does "
                        + "not work here: " + why.get());
            }
            return create(forced.get(), host);
        }
        for (SandboxMode m : SandboxMode.values()) {
            if (unavailable(m).isEmpty()) {
                return create(m, host);
            }
        }
        return create(SandboxMode.NONE, host);
    }

    /** Why {@code mode} does not work on this machine (tried once per process), or empty when it does. */
    public static Optional<String> unavailable(SandboxMode mode) {
        if (mode == null) {
            throw new IllegalArgumentException("Sandbox mode must not be null");
        }
        return PROBED.computeIfAbsent(mode, Sandbox::probe);
    }

    public SandboxMode mode() {
        return mode;
    }

    /** How the JVM leaves root: present when the grader is root and can drop to uid 65534. */
    public Optional<UserDrop> drop() {
        return Optional.ofNullable(drop);
    }

    /**
     * No sandbox, and the JVM left as the grader's user, root or not: what {@code choose(NONE).keepingRoot()}
     * gives, without looking up how this process would leave root (which tries {@code setpriv} once).
     */
    public static Sandbox keepingUser() {
        return new Sandbox(SandboxMode.NONE, null, null, null, UserDrop.root());
    }

    /**
     * This sandbox with the JVM left as root's (for {@link SandboxMode#NONE} where uid 65534 could not read
     * what the JVM needs); {@link #label()} then says so.
     */
    public Sandbox keepingRoot() {
        return drop == null ? this : new Sandbox(mode, tool, setpriv, null, root);
    }

    /**
     * The name reports use: the {@link SandboxMode#label()}, followed by {@code " (as root)"} when the grader
     * is root and the JVM was not moved to uid 65534 ({@code none (as root)}).
     */
    public String label() {
        return mode.label() + (root && drop == null ? " (as root)" : "");
    }

    /**
     * {@code command} (a program and its arguments) as it runs inside this sandbox; {@code command} itself
     * for {@link SandboxMode#NONE}.
     */
    public List<String> wrap(List<String> command, SandboxSpec spec) {
        if (command == null || command.isEmpty() || command.stream().anyMatch(java.util.Objects::isNull)) {
            throw new IllegalArgumentException("Command must be a program and its arguments, got " + command);
        }
        if (spec == null) {
            throw new IllegalArgumentException("Sandbox spec must not be null");
        }
        if (drop != null) {
            return switch (mode) {
                case NONE -> drop.around(command);
                case BUBBLEWRAP -> BubblewrapCommand.buildAsRoot(tool, drop.prefix(), command, spec);
                case UNSHARE -> UnshareCommand.buildAsRoot(tool, drop.prefix(), command, spec);
            };
        }
        return switch (mode) {
            case NONE -> List.copyOf(command);
            case BUBBLEWRAP -> BubblewrapCommand.build(tool, command, spec);
            case UNSHARE -> UnshareCommand.build(tool, setpriv, command, spec);
        };
    }

    @Override
    public String toString() {
        return "Sandbox " + label() + (tool == null ? "" : " (" + tool + ")");
    }

    private static Sandbox create(SandboxMode mode, UserDrop.Lookup host) {
        UserDrop drop = host.drop().orElse(null);
        boolean root = host.root();
        return switch (mode) {
            case NONE -> new Sandbox(mode, null, null, drop, root);
            case BUBBLEWRAP -> new Sandbox(mode, onPath("bwrap").orElseThrow(), null, drop, root);
            case UNSHARE -> new Sandbox(mode, onPath("unshare").orElseThrow(), onPath("setpriv").orElse(null), drop,
                    root);
        };
    }

    private static Optional<String> probe(SandboxMode mode) {
        if (mode == SandboxMode.NONE) {
            return Optional.empty();
        }
        if (!System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).contains("linux")) {
            return Optional.of("it needs Linux namespaces, and this is " + System.getProperty("os.name"));
        }
        String tool = mode == SandboxMode.BUBBLEWRAP ? "bwrap" : "unshare";
        if (onPath(tool).isEmpty()) {
            return Optional.of(tool + " is not installed (not on the PATH)"
                    + (mode == SandboxMode.BUBBLEWRAP ? "; Debian and Ubuntu: apt-get install bubblewrap" : ""));
        }
        Path scratch = null;
        try {
            scratch = Files.createTempDirectory("course-sandbox-probe");
            List<String> command = create(mode, UserDrop.Lookup.here()).wrap(JvmTry.javaVersion(),
                    new SandboxSpec(List.of(), List.of(), Path.of("/tmp"), scratch.resolve("root")));
            return JvmTry.run(command, scratch.resolve("probe.log"), null, 60, tool, "", 500);
        } catch (IOException e) {
            return Optional.of(tool + " could not be started: " + e.getMessage());
        } finally {
            deleteQuietly(scratch);
        }
    }

    /** The absolute path of {@code program} in the PATH (or /usr/bin, /bin, /usr/sbin), if it is there. */
    static Optional<String> onPath(String program) {
        List<String> dirs = new ArrayList<>(List.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)));
        dirs.addAll(List.of("/usr/bin", "/bin", "/usr/sbin", "/sbin"));
        for (String d : dirs) {
            if (!d.isBlank()) {
                Path p = Path.of(d, program);
                if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                    return Optional.of(p.toAbsolutePath().toString());
                }
            }
        }
        return Optional.empty();
    }

    private static void deleteQuietly(Path root) {
        if (root == null) {
            return;
        }
        try (var walk = Files.walk(root)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException | UncheckedIOException e) {
            // A temporary folder left behind costs nothing.
        }
    }
}
