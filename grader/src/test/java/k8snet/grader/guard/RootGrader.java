package k8snet.grader.guard;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;

/**
 * Test support: the sandbox a grader running as root would use with a given {@code setpriv} (none, a fake
 * that fails, one that only runs the command), through {@link UserDrop}'s package-private seam. Lives with
 * the tests, so nothing in the grader itself can switch its drop off.
 */
public final class RootGrader {

    /** A fake {@code setpriv} that refuses, as one without the capability to change uid does. */
    public static final String REFUSING = """
            #!/bin/sh
            echo "setpriv: setresuid failed: Operation not permitted" >&2
            exit 1
            """;

    /** A fake {@code setpriv} that appends its arguments to {@code <its path>.log} and runs the command after "--". */
    public static final String RUNNING = """
            #!/bin/sh
            echo "$@" >> "$0.log"
            while [ $# -gt 0 ] && [ "$1" != "--" ]; do shift; done
            [ $# -gt 0 ] && shift
            exec "$@"
            """;

    private RootGrader() {
    }

    /** The sandbox of mode {@code mode} that a root grader with {@code setpriv} (or none) makes here. */
    public static Sandbox sandbox(SandboxMode mode, Optional<String> setpriv) {
        return Sandbox.choose(Optional.of(mode), UserDrop.lookup(true, setpriv, UserDrop.TRY_SECONDS));
    }

    /** Why a root grader with {@code setpriv} (or none) keeps its test JVMs root's, or empty when they drop. */
    public static Optional<String> refusal(Optional<String> setpriv) {
        return UserDrop.lookup(true, setpriv, UserDrop.TRY_SECONDS).refusal();
    }

    /** Writes {@code script} as the executable {@code dir/setpriv}, readable and runnable by everyone. */
    public static Path fakeSetpriv(Path dir, String script) throws IOException {
        Path file = Files.createDirectories(dir).resolve("setpriv");
        Files.writeString(file, script);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        return file;
    }
}
