package k8snet.grader.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import k8snet.grader.guard.Sandbox;
import k8snet.grader.guard.SandboxMode;
import k8snet.grader.guard.SandboxSpec;

/**
 * The sandbox of one grading run's test JVMs and what they may see, all of it read-only: the grader's class
 * path, the test JVMs' class data archive, the compile cache (where the {@link ClassFolder}s of the module's
 * classes are), the kit's resource folders, and the run's {@code forks} folder, the JVM's working directory,
 * where its argument file is. Nothing outside the sandbox's private {@code /tmp} is writable: the spec comes
 * on stdin and the results go out on stdout ({@link k8snet.grader.runner.Protocol}). Made once per run,
 * before the first JVM starts (a warm JVM starts before the module's classes exist, so the whole cache is
 * visible).
 */
record ForkJail(Sandbox sandbox, SandboxSpec spec) {

    static ForkJail of(Sandbox sandbox, Path work, Path cacheDir, Path kit) {
        Path forks = work.resolve("forks");
        try {
            // A sandbox shows only what exists when the JVM starts; the cache fills later, through the bind.
            Files.createDirectories(cacheDir);
            Files.createDirectories(forks);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the cache or forks folder in " + work, e);
        }
        List<Path> readOnly = new ArrayList<>(GraderClasspath.entries());
        readOnly.add(cacheDir);
        // The test JVMs' class data archive (next to course.jar), when there is one: shared read-only.
        ForkArchive.location(GraderClasspath.entries()).filter(Files::isRegularFile).ifPresent(readOnly::add);
        readOnly.addAll(resourceFolders(kit));
        readOnly.add(forks);
        return new ForkJail(sandbox, new SandboxSpec(readOnly, List.of(), forks, work.resolve("sandbox-root")));
    }

    /** No sandbox: the command runs as it is. */
    static ForkJail none() {
        return new ForkJail(Sandbox.choose(Optional.of(SandboxMode.NONE)), null);
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
