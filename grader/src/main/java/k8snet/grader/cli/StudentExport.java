package k8snet.grader.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import k8snet.grader.manifest.Manifest;
import k8snet.grader.platform.KitDigests;

/**
 * Copies the kit as students receive it: everything but the reference solutions, the hidden tests,
 * build output, the grader's scratch space and version control. The copy builds and tests with
 * {@code ./mvnw test} (the solutions are only read by the {@code reference} and {@code selfcheck} profiles).
 * Before anything is copied, {@link StubCheck} proves that every student file is its committed stub; after
 * copying, the copy gets its digest list ({@link KitDigests}, {@value KitDigests#FILE_NAME}), so that grading
 * the student's folder with its own tests can prove they are still the course's. The copy also gets the
 * stubs once more under {@code stubs/} (see {@link Stubs}), so that {@code course reset} works in a student
 * kit without git.
 */
final class StudentExport {

    /**
     * Folders at the kit's top level that never go to students: the reference solutions, the instructor's
     * hidden tests, and the maintainers' CI (it runs the self-check, which needs the solutions); and the stub
     * copies of a kit exported before, which the export writes anew.
     */
    static final Set<String> EXCLUDED_AT_TOP = Set.of("solutions", "hidden-tests", ".ci", Stubs.FOLDER);

    /** Names excluded at any depth: build output, scratch space, version control. */
    static final Set<String> EXCLUDED_ANYWHERE = Set.of("target", ".course", ".git");

    private StudentExport() {
    }

    /**
     * Copies {@code kit} to {@code out}, which must be outside the kit and empty or absent, and writes the copy's
     * digest list; returns the file count (the stub copies and the digest list included). Refuses (and copies
     * nothing) when a student file of {@code manifest} is not its committed stub.
     */
    static int export(Path kit, Path out, Manifest manifest) {
        Path from = kit.toAbsolutePath().normalize();
        Path to = out.toAbsolutePath().normalize();
        if (to.startsWith(from)) {
            throw new CourseException(Course.USAGE, "OUT " + to + " is inside the kit " + from
                    + ": choose a folder outside it");
        }
        if (from.startsWith(to)) {
            throw new CourseException(Course.USAGE, "OUT " + to + " contains the kit " + from);
        }
        if (Files.exists(to) && !isEmptyDirectory(to)) {
            throw new CourseException(Course.USAGE, "OUT " + to + " exists and is not an empty folder");
        }
        StubCheck.requireStubs(from, manifest);
        Set<String> tracked = tracked(from);
        int[] files = {0};
        try {
            Files.walkFileTree(from, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                    Path relative = from.relativize(dir);
                    if (relative.getNameCount() > 0 && excluded(relative)) {
                        return FileVisitResult.SKIP_SUBTREE;
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Path relative = from.relativize(file);
                    if (!excluded(relative) && tracked.contains(relative.toString().replace('\\', '/'))) {
                        Path copy = to.resolve(relative.toString());
                        Files.createDirectories(copy.getParent());
                        Files.copy(file, copy, StandardCopyOption.COPY_ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
                        files[0]++;
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
            for (String student : StubCheck.studentFiles(manifest)) {
                Path copy = to.resolve(Stubs.FOLDER).resolve(student);
                Files.createDirectories(copy.getParent());
                Files.copy(from.resolve(student), copy, StandardCopyOption.COPY_ATTRIBUTES);
                files[0]++;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot copy the kit to " + to + ": " + e.getMessage(), e);
        }
        KitDigests.of(to, manifest, Git.head(from)).write(to);
        return files[0] + 1;
    }

    /**
     * The kit-relative paths of the files git tracks in {@code kit}: only those are handed out, so reports an
     * instructor wrote inside the kit (other students' work), or any other untracked file, never are.
     */
    private static Set<String> tracked(Path kit) {
        Git.Result r = Git.run(kit, List.of("ls-files", "-z"));
        if (!r.ok()) {
            throw new CourseException(1, "export-student refused: git cannot list the files it tracks in " + kit + " ("
                    + r.firstErrorLine() + ")");
        }
        Set<String> files = new HashSet<>();
        for (String f : r.text().split("\0")) {
            if (!f.isEmpty()) {
                files.add(f);
            }
        }
        return files;
    }

    /** Whether a kit-relative path is left out of the student kit. */
    static boolean excluded(Path relative) {
        if (EXCLUDED_AT_TOP.contains(relative.getName(0).toString())) {
            return true;
        }
        for (Path part : relative) {
            if (EXCLUDED_ANYWHERE.contains(part.toString())) {
                return true;
            }
        }
        return false;
    }

    private static boolean isEmptyDirectory(Path dir) {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.findAny().isEmpty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
