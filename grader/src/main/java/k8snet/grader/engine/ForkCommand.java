package k8snet.grader.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import k8snet.grader.runner.RunnerMain;

/**
 * The command line of a forked test JVM, built in this one place: the java executable of the grader's own
 * JDK, the JVM flags, the class path (the grader's, see {@link GraderClasspath}) and the main class
 * ({@link RunnerMain}). The flags and class path go into an argument file beside the fork's console log,
 * since a class path can be longer than a command line may be on Windows; nothing in it is secret.
 */
final class ForkCommand {

    /**
     * Memory and stack limits, exit on out-of-memory, the JVM's own messages on stderr (stdout is the results
     * pipe), UTF-8, and a quick start: test runs are short, so C1 only, and one GC thread leaves the cores
     * to the tests.
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

    /** Writes {@code argsFile} and returns the command that starts the runner with it. */
    static List<String> command(Path argsFile) throws IOException {
        List<String> args = new ArrayList<>(JVM_FLAGS);
        args.add("-cp");
        args.add(quote(Compiler.join(GraderClasspath.entries())));
        args.add(RunnerMain.class.getName());
        Files.writeString(argsFile, String.join("\n", args) + "\n");
        return List.of(java().toString(), "@" + argsFile.toAbsolutePath());
    }

    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
