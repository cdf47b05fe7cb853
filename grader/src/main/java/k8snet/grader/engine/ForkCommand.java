package k8snet.grader.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import k8snet.grader.runner.RunnerMain;

/**
 * The command line of a forked test JVM, built in this one place: the java executable of the grader's own
 * JDK, the JVM flags, the class data sharing archive when there is a fresh one ({@link ForkArchive}), the
 * warm-up properties, the class path (the grader's, see {@link GraderClasspath}) and the main class
 * ({@link RunnerMain}), all wrapped in the run's sandbox ({@link ForkJail}). The flags and class path go
 * into an argument file beside the fork's console log, since a class path can be longer than a command line
 * may be on Windows; nothing in it is secret.
 */
final class ForkCommand {

    /**
     * Memory and stack limits, exit on out-of-memory, the JVM's own messages on stderr (stdout is the results
     * pipe), UTF-8, and a quick start: test runs are short, so C1 only, and one GC thread leaves the cores
     * to the tests. The JVM that makes the class data archive uses them too, as the archive must match.
     */
    static final List<String> JVM_FLAGS = List.of("-Xmx256m", "-Xss1m", "-XX:+ExitOnOutOfMemoryError",
            "-XX:+DisplayVMOutputToStderr", "-Djava.awt.headless=true", "-Dfile.encoding=UTF-8",
            "-Dstdout.encoding=UTF-8", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");

    private ForkCommand() {
    }

    /** The java launcher of the JDK the grader runs on. */
    static Path java() {
        return Path.of(System.getProperty("java.home"), "bin",
                System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).startsWith("windows")
                        ? "java.exe" : "java");
    }

    /**
     * Writes {@code argsFile} and returns the command that starts the runner with it inside {@code jail}.
     *
     * @param warmUp whether the runner runs its warm-up workload before it reads the spec
     * @param earlierSpec with {@code warmUp}, a warm-up file of an earlier clean run whose tests the warm-up
     *     runs once more (see {@link RunnerMain#WARM_UP_SPEC_PROPERTY}), or null
     */
    static List<String> command(Path argsFile, ForkJail jail, boolean warmUp, Path earlierSpec) throws IOException {
        if (argsFile == null || jail == null) {
            throw new IllegalArgumentException("Args file and jail must not be null, got " + argsFile + " and " + jail);
        }
        List<Path> classpath = jail.classpath();
        List<String> args = new ArrayList<>(JVM_FLAGS);
        args.addAll(ForkArchive.useOptions(classpath));
        if (warmUp && earlierSpec != null) {
            args.add(quote("-D" + RunnerMain.WARM_UP_SPEC_PROPERTY + "=" + earlierSpec.toAbsolutePath()));
        }
        args.add("-D" + RunnerMain.WARM_UP_PROPERTY + "=" + warmUp);
        args.add("-cp");
        args.add(quote(Compiler.join(classpath)));
        args.add(RunnerMain.class.getName());
        Files.writeString(argsFile, String.join("\n", args) + "\n");
        return jail.wrap(List.of(java().toString(), "@" + argsFile.toAbsolutePath()));
    }

    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
