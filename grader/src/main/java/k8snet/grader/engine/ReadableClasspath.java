package k8snet.grader.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import k8snet.grader.guard.UserDrop;

/**
 * The grader's class path as uid 65534 can read it, for a test JVM that a root grader starts without a
 * sandbox ({@link k8snet.grader.guard.SandboxMode#NONE}, where no view of the machine is built): an entry
 * that uid cannot reach (a jar under root's {@code ~/.m2}, whose folders are closed to others) is linked
 * (or copied, across file systems) into a folder of the grader's, {@code 0755} in the system's temp folder,
 * once per grader process; other entries stay where they are. Folders are copied whole.
 */
final class ReadableClasspath {

    private static final Map<List<Path>, List<Path>> STAGED = new ConcurrentHashMap<>();

    private ReadableClasspath() {
    }

    /** {@code classpath}, each entry uid 65534 cannot reach replaced by a readable copy. */
    static List<Path> of(List<Path> classpath) {
        if (classpath == null || classpath.stream().anyMatch(java.util.Objects::isNull)) {
            throw new IllegalArgumentException("Class path must not be or hold null, got " + classpath);
        }
        return STAGED.computeIfAbsent(List.copyOf(classpath), ReadableClasspath::stage);
    }

    private static List<Path> stage(List<Path> classpath) {
        try {
            Path dir = null;
            List<Path> out = new ArrayList<>();
            for (int i = 0; i < classpath.size(); i++) {
                Path entry = classpath.get(i);
                if (!Files.exists(entry) || UserDrop.reachable(entry)) {
                    out.add(entry);
                    continue;
                }
                if (dir == null) {
                    dir = Files.createTempDirectory("course-classpath-");
                    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
                    dir.toFile().deleteOnExit();
                }
                Path copy = dir.resolve(i + "-" + entry.getFileName());
                if (Files.isDirectory(entry)) {
                    copyTree(entry, copy);
                } else if (Files.getPosixFilePermissions(entry).contains(PosixFilePermission.OTHERS_READ)) {
                    // A link shares the file's permissions: only for a file that others may read already.
                    try {
                        Files.createLink(copy, entry);
                    } catch (IOException | UnsupportedOperationException e) {
                        copyFile(entry, copy);
                    }
                } else {
                    copyFile(entry, copy);
                }
                out.add(copy);
            }
            return List.copyOf(out);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot make the class path readable to uid " + UserDrop.UID, e);
        }
    }

    private static void copyFile(Path from, Path to) throws IOException {
        Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
        Files.setPosixFilePermissions(to, PosixFilePermissions.fromString("rw-r--r--"));
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : walk.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                    Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rwxr-xr-x"));
                } else {
                    copyFile(p, target);
                }
            }
        }
    }
}
