package k8snet.grader.guard;

import java.nio.file.Path;
import java.util.List;

/**
 * What one test JVM may see: the paths it may read (the JDK is always added), the paths it may write,
 * where it starts, and a scratch folder of the grader's where the {@link SandboxMode#UNSHARE} mode
 * builds the sandbox's root. Everything else of the machine is out of sight; {@code /tmp} is a private,
 * empty, writable folder.
 *
 * @param readOnly files and folders the JVM reads (its class path entries)
 * @param writable folders the JVM may write (where its results go); where the grader is root the JVM runs as
 *     uid 65534 ({@link UserDrop}), so they must let that uid write
 * @param workingDir the JVM's working directory, inside one of the above
 * @param scratch an empty folder outside both lists, or any folder the grader owns
 */
public record SandboxSpec(List<Path> readOnly, List<Path> writable, Path workingDir, Path scratch) {

    public SandboxSpec {
        if (readOnly == null || writable == null || readOnly.stream().anyMatch(java.util.Objects::isNull)
                || writable.stream().anyMatch(java.util.Objects::isNull)) {
            throw new IllegalArgumentException("Sandbox paths must not be null: read-only " + readOnly
                    + ", writable " + writable);
        }
        if (workingDir == null || scratch == null) {
            throw new IllegalArgumentException("Sandbox working dir and scratch must not be null, got " + workingDir
                    + " and " + scratch);
        }
        readOnly = readOnly.stream().map(SandboxSpec::absolute).toList();
        writable = writable.stream().map(SandboxSpec::absolute).toList();
        workingDir = absolute(workingDir);
        scratch = absolute(scratch);
        for (Path p : concat(readOnly, writable, List.of(workingDir, scratch))) {
            if (p.toString().contains("\n") || p.toString().contains("\0")) {
                throw new IllegalArgumentException("Sandbox paths must not contain line breaks: " + p);
            }
        }
    }

    private static Path absolute(Path p) {
        return p.toAbsolutePath().normalize();
    }

    private static List<Path> concat(List<Path> a, List<Path> b, List<Path> c) {
        return java.util.stream.Stream.of(a, b, c).flatMap(List::stream).toList();
    }
}
