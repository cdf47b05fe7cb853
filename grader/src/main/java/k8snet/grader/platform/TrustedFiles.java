package k8snet.grader.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import k8snet.grader.manifest.CourseModule;
import k8snet.grader.manifest.KitLayout;
import k8snet.grader.manifest.Manifest;

/**
 * The files of a kit that grading in its own folder trusts, which {@link KitDigests} lists: {@code course.yaml},
 * the launchers and {@code .mvn/}, the {@code pom.xml} at the top and in each top-level folder, all of
 * {@code grader/}, and everything under each course module's {@code src/} but the files students edit; never
 * anything under {@code target/}, {@code .course/} or {@code .git/}.
 */
final class TrustedFiles {

    private static final Set<String> TOP_FILES = Set.of("course.yaml", "course", "course.cmd", "mvnw", "mvnw.cmd",
            "pom.xml");
    private static final Set<String> NEVER = Set.of("target", ".course", ".git");

    private TrustedFiles() {
    }

    /** Every trusted file of {@code kit} as it is now, kit-relative with {@code /}, sorted. */
    static List<String> of(Path kit, Manifest manifest) {
        Set<String> student = Set.copyOf(KitLayout.studentFiles(manifest));
        Set<String> modules = new TreeSet<>();
        manifest.modules().stream().map(CourseModule::id).forEach(modules::add);
        Set<String> out = new TreeSet<>();
        for (String top : TOP_FILES) {
            if (Files.isRegularFile(kit.resolve(top))) {
                out.add(top);
            }
        }
        try (var children = Files.list(kit)) {
            for (Path child : children.sorted().toList()) {
                String name = child.getFileName().toString();
                if (Files.isDirectory(child) && !NEVER.contains(name) && Files.isRegularFile(child.resolve("pom.xml"))) {
                    out.add(name + "/pom.xml");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + kit + ": " + e.getMessage(), e);
        }
        walk(kit, ".mvn", out);
        walk(kit, "grader", out);
        for (String module : modules) {
            List<String> files = new ArrayList<>();
            walk(kit, module + "/src", files);
            files.stream().filter(f -> !student.contains(f)).forEach(out::add);
        }
        return List.copyOf(out);
    }

    /** The folders ({@code <module>/src/main/java/<package path>}) that hold a file students edit. */
    static Set<String> helperFolders(Manifest manifest) {
        Set<String> folders = new TreeSet<>();
        for (String f : KitLayout.studentFiles(manifest)) {
            folders.add(f.substring(0, f.lastIndexOf('/')));
        }
        return folders;
    }

    private static void walk(Path kit, String under, java.util.Collection<String> out) {
        Path root = kit.resolve(under);
        if (!Files.isDirectory(root)) {
            return;
        }
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    return NEVER.contains(dir.getFileName().toString()) ? FileVisitResult.SKIP_SUBTREE
                            : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    if (attrs.isRegularFile()) {
                        out.add(kit.relativize(file).toString().replace('\\', '/'));
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + root + ": " + e.getMessage(), e);
        }
    }
}
