package k8snet.grader.engine;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

import k8snet.grader.runner.RunnerMain;

/**
 * Class data sharing for the test JVMs: the classes every test JVM loads (the JDK's, JUnit's, AssertJ's,
 * QuickTheories', the runner's) are mapped from an archive instead of being read and verified from the jars
 * again, which makes a test JVM start and warm up with less of the processor (on 2 cores it shares them with
 * javac in the grader). The archive is made once, in the background, by a runner JVM that only runs the
 * warm-up workload and exits ({@code -XX:ArchiveClassesAtExit}); it lies next to the first jar of the class
 * path, named for the JDK and the class path, and counts only while it is newer than every jar on it.
 *
 * <p>Only where the class path is all jars (CDS cannot archive a class path with folders, as in a Maven run
 * of the grader's own tests). {@value #PROPERTY}{@code =false} turns it off. The JVM's own messages about the
 * archive are silenced: a JVM that cannot use it starts as it would have without.
 */
final class ForkArchive {

    /** System property: {@code false} to start test JVMs without class data sharing. */
    static final String PROPERTY = "course.cds";

    /** How long a command's JVM waits at its exit for the archive being made, at most (once per jar). */
    private static final long WAIT_AT_EXIT_SECONDS = 20;

    private static final List<String> QUIET = List.of("-Xshare:auto", "-Xlog:cds=off", "-Xlog:cds+dynamic=off");

    private ForkArchive() {
    }

    /** Where the archive for this class path lives, or empty where class data sharing is not used. */
    static Optional<Path> location(List<Path> classpath) {
        if ("false".equalsIgnoreCase(System.getProperty(PROPERTY, "true")) || classpath.isEmpty()
                || !classpath.stream().allMatch(p -> Files.isRegularFile(p) && p.toString().endsWith(".jar"))) {
            return Optional.empty();
        }
        Path first = classpath.get(0).toAbsolutePath();
        Path dir = first.getParent();
        if (dir == null || !Files.isWritable(dir)) {
            return Optional.empty();
        }
        String name = first.getFileName().toString();
        String id = hash(System.getProperty("java.home") + "|" + System.getProperty("java.vm.version") + "|"
                + classpath);
        return Optional.of(dir.resolve(name.substring(0, name.length() - ".jar".length()) + "-tests-" + id + ".jsa"));
    }

    /** Whether {@code archive} exists and was made after every jar of the class path. */
    static boolean fresh(Path archive, List<Path> classpath) {
        try {
            if (!Files.isRegularFile(archive) || Files.size(archive) == 0) {
                return false;
            }
            long made = Files.getLastModifiedTime(archive).toMillis();
            for (Path jar : classpath) {
                if (Files.getLastModifiedTime(jar).toMillis() >= made) {
                    return false;
                }
            }
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** A jar dated after now (a skewed clock) would make every archive stale at once: then none is made. */
    private static boolean fromTheFuture(List<Path> classpath) {
        long now = System.currentTimeMillis();
        for (Path jar : classpath) {
            try {
                if (Files.getLastModifiedTime(jar).toMillis() > now) {
                    return true;
                }
            } catch (IOException e) {
                return true;
            }
        }
        return false;
    }

    /** The JVM options that use the archive for this class path when it is fresh; else none. */
    static List<String> useOptions(List<Path> classpath) {
        Optional<Path> archive = location(classpath).filter(a -> fresh(a, classpath));
        if (archive.isEmpty()) {
            return List.of();
        }
        List<String> options = new ArrayList<>(List.of("-XX:SharedArchiveFile=" + archive.get()));
        options.addAll(QUIET);
        return options;
    }

    /**
     * Starts, in the background, the JVM that makes the archive, when class data sharing is possible and the
     * archive is missing or older than a jar. It runs with {@code baseOptions} (the test JVMs' own, as the
     * archive must match them), warms up, finds no spec and exits; its archive is moved into place when it
     * has ended. Returns whether it started one.
     */
    static boolean createIfMissing(Path java, List<String> baseOptions, List<Path> classpath) {
        Optional<Path> archive = location(classpath);
        if (archive.isEmpty() || fresh(archive.get(), classpath) || fromTheFuture(classpath)) {
            return false;
        }
        Path target = archive.get();
        removeStale(target);
        Path tmp = target.resolveSibling(target.getFileName() + ".tmp-" + UUID.randomUUID());
        List<String> command = new ArrayList<>(List.of(java.toString()));
        command.addAll(baseOptions);
        command.add("-XX:ArchiveClassesAtExit=" + tmp);
        command.addAll(QUIET);
        command.add("-D" + RunnerMain.WARM_UP_PROPERTY + "=true");
        command.add("-cp");
        command.add(Compiler.join(classpath));
        command.add(RunnerMain.class.getName());
        try {
            Process p = new ProcessBuilder(command).directory(target.getParent().toFile())
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectErrorStream(true).start();
            // A token, then the end of input instead of a spec: the runner warms up and exits.
            p.getOutputStream().write("archive\n".getBytes(StandardCharsets.UTF_8));
            p.getOutputStream().close();
            Runnable install = () -> install(tmp, target);
            p.onExit().thenRun(install);
            // A one-shot command (check) usually ends before the archive is written: its JVM waits for it, a
            // few seconds at most and only this once, so that the archive is not lost with the callback.
            Thread wait = new Thread(() -> {
                try {
                    p.onExit().get(WAIT_AT_EXIT_SECONDS, TimeUnit.SECONDS);
                    install.run();
                } catch (InterruptedException | ExecutionException
                         | TimeoutException e) {
                    p.destroyForcibly();
                }
            }, "course-tests-archive");
            Runtime.getRuntime().addShutdownHook(wait);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Moves a written archive into place (once: the second caller finds nothing to move) and drops the rest. */
    private static synchronized void install(Path tmp, Path target) {
        try {
            if (Files.isRegularFile(tmp) && Files.size(tmp) > 0) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            }
        } catch (IOException e) {
            // Another JVM made it meanwhile, or the folder is read-only: test JVMs start without it.
        } finally {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // Left behind: removeStale() deletes it later.
            }
        }
    }

    /** Deletes temporary archives next to {@code target} left by JVMs that were killed (older than a minute). */
    private static void removeStale(Path target) {
        String prefix = target.getFileName() + ".tmp-";
        long old = System.currentTimeMillis() - 60_000;
        try (Stream<Path> files = Files.list(target.getParent())) {
            for (Path f : files.filter(f -> f.getFileName().toString().startsWith(prefix)).toList()) {
                if (Files.getLastModifiedTime(f).toMillis() < old) {
                    Files.deleteIfExists(f);
                }
            }
        } catch (IOException ignored) {
            // Nothing reads them; they only take room.
        }
    }

    private static String hash(String s) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d).substring(0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }
}
