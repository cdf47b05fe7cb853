package k8snet.grader.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import k8snet.grader.guard.Sandbox;
import k8snet.grader.guard.SandboxMode;
import k8snet.grader.guard.SandboxSpec;
import k8snet.grader.guard.UserDrop;

/**
 * The sandbox of one grading run's test JVMs and what they may see, all of it read-only: the grader's class
 * path, the test JVMs' class data archive, the compile cache (where the {@link ClassFolder}s of the module's
 * classes are), the kit's resource folders, and the run's {@code forks} folder, the JVM's working directory,
 * where its argument file is. Nothing outside the sandbox's private {@code /tmp} is writable: the spec comes
 * on stdin and the results go out on stdout ({@link k8snet.grader.runner.Protocol}). Made once per run,
 * before the first JVM starts (a warm JVM starts before the module's classes exist, so the whole cache is
 * visible).
 *
 * <p>A root grader's test JVM runs as uid 65534 ({@link k8snet.grader.guard.UserDrop}). In a sandbox it sees
 * these paths through folders the sandbox makes; without one ({@link SandboxMode#NONE}) it reads them where they
 * are, so the class path is made readable ({@link ReadableClasspath}), and where the cache, the forks folder or
 * a resource folder is still out of that uid's reach, the JVM stays root's and the report says
 * {@code none (as root)}.
 */
record ForkJail(Sandbox sandbox, SandboxSpec spec, List<Path> classpath) {

    static ForkJail of(Sandbox sandbox, Path work, Path cacheDir, Path kit) {
        Path forks = work.resolve("forks");
        try {
            // A sandbox shows only what exists when the JVM starts; the cache fills later, through the bind.
            Files.createDirectories(cacheDir);
            Files.createDirectories(forks);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the cache or forks folder in " + work, e);
        }
        List<Path> classpath = GraderClasspath.entries();
        List<Path> readOnly = new ArrayList<>(classpath);
        readOnly.add(cacheDir);
        // The test JVMs' class data archive (next to course.jar), when there is one: shared read-only.
        ForkArchive.location(classpath).filter(Files::isRegularFile).ifPresent(readOnly::add);
        List<Path> resources = resourceFolders(kit);
        readOnly.addAll(resources);
        readOnly.add(forks);
        SandboxSpec spec = new SandboxSpec(readOnly, List.of(), forks, work.resolve("sandbox-root"));
        if (sandbox.mode() == SandboxMode.NONE && sandbox.drop().isPresent()) {
            List<Path> needed = new ArrayList<>(List.of(cacheDir, forks));
            needed.addAll(resources);
            if (!needed.stream().allMatch(UserDrop::reachable)) {
                return new ForkJail(sandbox.keepingRoot(), spec, classpath);
            }
            return new ForkJail(sandbox, spec, ReadableClasspath.of(classpath));
        }
        return new ForkJail(sandbox, spec, classpath);
    }

    /** No sandbox: the command runs as it is. */
    static ForkJail none() {
        return new ForkJail(Sandbox.keepingUser(), null,
                GraderClasspath.entries());
    }

    /** The name of the sandbox in reports ({@link Sandbox#label()}). */
    String label() {
        return sandbox.label();
    }

    /** The command line that starts {@code command} inside the sandbox. */
    List<String> wrap(List<String> command) {
        return spec == null ? List.copyOf(command) : sandbox.wrap(command, spec);
    }

    SandboxMode mode() {
        return sandbox.mode();
    }

    private static List<Path> resourceFolders(Path kit) {
        List<Path> out = new ArrayList<>();
        try (Stream<Path> modules = Files.list(kit)) {
            for (Path m : modules.filter(Files::isDirectory).sorted().toList()) {
                for (String dir : List.of("src/main/resources", "src/test/resources")) {
                    if (Files.isDirectory(m.resolve(dir))) {
                        out.add(m.resolve(dir));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list the kit's modules in " + kit, e);
        }
        return out;
    }
}
