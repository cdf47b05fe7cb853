package k8snet.grader.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import k8snet.grader.platform.GradescopeScripts;

/**
 * Writes a Gradescope autograder bundle: a zip whose top holds {@code setup.sh} and {@code run_autograder}
 * (Gradescope's two required files) and the kit itself, which Gradescope unpacks into {@code /autograder/source}.
 *
 * <p>The kit goes in as students would get it ({@link StudentExport#excluded}), so without {@code solutions/}:
 * grading a submission needs the kit's tests, provided code and stubs only, and student code runs in the same
 * container, where it could read anything the bundle holds. Only isolated grading needs the reference solutions
 * (they stand in for the modules before the graded one); with {@code isolated} they are included, and that
 * exposure is the price. Hidden tests, when given, go in as {@code hidden-tests/}. Files keep their execute bit
 * (the zip records POSIX permissions; the scripts, {@code course} and {@code mvnw} are always executable).
 */
final class GradescopeBundle {

    /** Where hidden tests go in the bundle, under the kit root. */
    static final String HIDDEN = "hidden-tests";

    private static final Set<PosixFilePermission> EXECUTABLE = PosixFilePermissions.fromString("rwxr-xr-x");
    private static final Set<PosixFilePermission> PLAIN = PosixFilePermissions.fromString("rw-r--r--");
    private static final Set<String> ALWAYS_EXECUTABLE = Set.of("course", "mvnw", "setup.sh", "run_autograder");

    /**
     * What goes into a bundle besides the kit.
     *
     * @param hiddenTests a folder of hidden tests (and its {@code hidden-tests.yaml}) to grade with
     * @param isolated grade each module against the reference solutions of the modules before it
     * @param perTest one Gradescope row per test instead of per exercise
     * @param commit the course commit the kit is checked out at
     */
    record Options(Optional<Path> hiddenTests, boolean isolated, boolean perTest, Optional<String> commit) {
    }

    private GradescopeBundle() {
    }

    /** Writes the bundle to {@code zip} (replacing it); returns the number of files in it. */
    static int write(Path kit, Path zip, Options options) {
        Path from = kit.toAbsolutePath().normalize();
        Path to = zip.toAbsolutePath().normalize();
        List<String> runOptions = new ArrayList<>();
        options.hiddenTests().ifPresent(h -> runOptions.add("--hidden-tests \"$SOURCE/" + HIDDEN + "\""));
        if (options.isolated()) {
            runOptions.add("--isolated");
        }
        if (options.perTest()) {
            runOptions.add("--per-test");
        }
        int[] count = {0};
        try {
            Files.createDirectories(to.getParent());
            Files.deleteIfExists(to);
            try (FileSystem fs = FileSystems.newFileSystem(to, Map.of("create", "true",
                    "enablePosixFileAttributes", "true"))) {
                put(fs, "setup.sh", GradescopeScripts.setup());
                put(fs, "run_autograder", GradescopeScripts.runAutograder(runOptions, options.commit()));
                count[0] += 2;
                copyTree(from, fs, "", to, rel -> !StudentExport.excluded(rel)
                        || options.isolated() && rel.getName(0).toString().equals("solutions")
                        && !excludedBelowTop(rel), count);
                if (options.hiddenTests().isPresent()) {
                    copyTree(options.hiddenTests().get().toAbsolutePath().normalize(), fs, HIDDEN + "/", to,
                            rel -> !excludedBelowTop(rel), count);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the bundle " + to + ": " + e.getMessage(), e);
        }
        return count[0];
    }

    /** Build output, scratch space and version control, at any depth. */
    private static boolean excludedBelowTop(Path rel) {
        for (Path part : rel) {
            if (StudentExport.EXCLUDED_ANYWHERE.contains(part.toString())) {
                return true;
            }
        }
        return false;
    }

    private static void copyTree(Path root, FileSystem fs, String prefix, Path zip,
                                 java.util.function.Predicate<Path> included, int[] count) throws IOException {
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                Path rel = root.relativize(dir);
                return rel.getNameCount() > 0 && !rel.toString().isEmpty() && !included.test(rel)
                        ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Path rel = root.relativize(file);
                if (attrs.isRegularFile() && !file.equals(zip) && included.test(rel)) {
                    String name = prefix + rel.toString().replace('\\', '/');
                    Path target = fs.getPath(name);
                    if (target.getParent() != null) {
                        Files.createDirectories(target.getParent());
                    }
                    Files.copy(file, target);
                    boolean executable = ALWAYS_EXECUTABLE.contains(rel.getFileName().toString())
                            || file.getFileSystem().supportedFileAttributeViews().contains("posix")
                            && Files.getPosixFilePermissions(file).contains(PosixFilePermission.OWNER_EXECUTE);
                    Files.setPosixFilePermissions(target, executable ? EXECUTABLE : PLAIN);
                    count[0]++;
                }
                return FileVisitResult.CONTINUE;
            }
        });
    }

    private static void put(FileSystem fs, String name, String text) throws IOException {
        Path target = fs.getPath(name);
        Files.writeString(target, text, StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(target, EXECUTABLE);
    }
}
