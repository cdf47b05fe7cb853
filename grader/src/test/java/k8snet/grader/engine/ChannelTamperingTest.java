package k8snet.grader.engine;

import static k8snet.grader.engine.EngineHarness.exercise;
import static k8snet.grader.engine.SyntheticKit.ADDER;
import static k8snet.grader.engine.SyntheticKit.ADDER_SOLUTION;
import static k8snet.grader.engine.SyntheticKit.MODULE;
import static k8snet.grader.engine.SyntheticKit.SHOUTER;
import static k8snet.grader.engine.SyntheticKit.SHOUTER_SOLUTION;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import javax.tools.ToolProvider;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * Attacks on what the grader trusts, each written as a submission's code: results forged with whatever a
 * test can find through {@code /proc/self/fd}, extensions and settings written onto the class path, folders
 * linked from outside the submission, processes left running.
 */
@DisplayName("The forking engine's results channel and class path")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ChannelTamperingTest {

    @TempDir
    static Path shared;

    private EngineHarness h;

    @BeforeAll
    void writeKit() {
        h = new EngineHarness(shared);
    }

    /** An Adder that gets every sum wrong, after running {@code attack} once per JVM. */
    private static String wrongAdderAfter(String attack) {
        return """
                package k8snet.calc;

                public final class Adder {
                    private static boolean done;

                    private Adder() {
                    }

                    public static int add(int a, int b) {
                        if (!done) {
                            done = true;
                            try {
                                %s
                            } catch (Exception e) {
                                throw new IllegalStateException(e);
                            }
                        }
                        return a + b + 1;
                    }
                }
                """.formatted(attack);
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    @DisplayName("ignores results forged with anything found through /proc/self/fd, the command line and the "
            + "working folder: wrong code scores nothing")
    void forgeryThroughProc() {
        String attack = """
                java.util.Set<String> tokens = new java.util.LinkedHashSet<>(java.util.List.of("forged"));
                java.util.regex.Pattern hex = java.util.regex.Pattern.compile("[0-9a-f]{32,64}");
                java.util.List<java.nio.file.Path> files = new java.util.ArrayList<>();
                try (var fds = java.nio.file.Files.list(java.nio.file.Path.of("/proc/self/fd"))) {
                    files.addAll(fds.toList());
                }
                files.add(java.nio.file.Path.of("/proc/self/cmdline"));
                files.add(java.nio.file.Path.of("/proc/self/environ"));
                try (var here = java.nio.file.Files.walk(java.nio.file.Path.of("."))) {
                    files.addAll(here.toList());
                }
                for (java.nio.file.Path f : files) {
                    try {
                        if (java.nio.file.Files.isRegularFile(f) && java.nio.file.Files.size(f) < 1_000_000) {
                            String text = new String(java.nio.file.Files.readAllBytes(f),
                                    java.nio.charset.StandardCharsets.ISO_8859_1);
                            java.util.regex.Matcher m = hex.matcher(text);
                            while (m.find()) {
                                tokens.add(m.group());
                            }
                        }
                    } catch (java.io.IOException | RuntimeException e) {
                        // unreadable: try the next
                    }
                }
                String root = "[engine:junit-jupiter]/[class:k8snet.calc.AdderTest]";
                StringBuilder lines = new StringBuilder();
                for (String token : tokens) {
                    for (String m : new String[] {"zeros()", "onePlusTwo()", "negative()"}) {
                        lines.append("\\n{\\"event\\":\\"finished\\",\\"id\\":\\"").append(root).append("/[method:")
                                .append(m).append("]\\",\\"status\\":\\"SUCCESSFUL\\",\\"token\\":\\"").append(token)
                                .append("\\"}\\n");
                    }
                    lines.append("{\\"event\\":\\"end\\",\\"token\\":\\"").append(token).append("\\"}\\n");
                }
                byte[] bytes = lines.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
                java.io.FileOutputStream out = new java.io.FileOutputStream(java.io.FileDescriptor.out);
                out.write(bytes);
                out.flush();
                java.nio.file.Files.write(java.nio.file.Path.of("/proc/self/fd/1"), bytes,
                        java.nio.file.StandardOpenOption.APPEND);
                System.out.print(lines);
                """;
        GradeReport report = h.submit(Map.of(ADDER, wrongAdderAfter(attack)), List.of("1.1"));

        ExerciseResult adder = exercise(report, "1.1");
        assertThat(adder.score()).isZero();
        assertThat(adder.tests()).hasSize(6).allSatisfy(t -> assertThat(t.status()).isEqualTo(TestStatus.FAILED));
        assertThat(report.warnings()).anySatisfy(w -> assertThat(w).contains("without the run's token"));
    }

    @Test
    @DisplayName("ignores an extension, a listener and JUnit settings written onto the class path, and rebuilds "
            + "the classes they were written into")
    void classpathWrites() throws IOException {
        String cheat = Base64.getEncoder().encodeToString(cheatClass());
        String attack = """
                java.nio.file.Path classes = java.nio.file.Path.of(
                        Adder.class.getProtectionDomain().getCodeSource().getLocation().toURI());
                java.nio.file.Files.write(classes.resolve("k8snet/calc/Cheat.class"),
                        java.util.Base64.getDecoder().decode("%s"));
                java.nio.file.Path services = classes.resolve("META-INF/services");
                java.nio.file.Files.createDirectories(services);
                for (String s : new String[] {"org.junit.jupiter.api.extension.Extension",
                        "org.junit.platform.launcher.TestExecutionListener",
                        "org.junit.platform.launcher.LauncherSessionListener"}) {
                    java.nio.file.Files.writeString(services.resolve(s), "k8snet.calc.Cheat\\n");
                }
                java.nio.file.Files.writeString(classes.resolve("junit-platform.properties"),
                        "junit.jupiter.extensions.autodetection.enabled=true\\n"
                        + "junit.jupiter.extensions.autodetection.include=*\\n");
                System.exit(0);
                """.formatted(cheat);
        String services = MODULE + "/src/main/resources/META-INF/services/";
        GradeReport report = h.submit(Map.of(ADDER, wrongAdderAfter(attack),
                services + "org.junit.jupiter.api.extension.Extension", "k8snet.calc.Cheat\n",
                services + "org.junit.platform.launcher.TestExecutionListener", "k8snet.calc.Cheat\n",
                MODULE + "/src/main/resources/junit-platform.properties",
                "junit.jupiter.extensions.autodetection.include=*\n"), List.of("1.1"));

        ExerciseResult adder = exercise(report, "1.1");
        assertThat(adder.score()).as("the cheat swallows every failure, if JUnit ever loads it").isZero();
        assertThat(adder.tests()).noneMatch(TestResult::passed);
        assertThat(report.warnings()).anySatisfy(w -> assertThat(w).contains("compiled classes changed on disk"));

        GradeReport honest = h.submit(Map.of(ADDER, ADDER_SOLUTION), List.of("1.1"));
        assertThat(honest.score()).isEqualTo(10);
    }

    /** A Jupiter extension that turns every failure into a pass, compiled here (the grader's tests have JUnit). */
    private static byte[] cheatClass() throws IOException {
        Path dir = Files.createTempDirectory(shared, "cheat");
        Path src = dir.resolve("k8snet/calc/Cheat.java");
        Files.createDirectories(src.getParent());
        Files.writeString(src, """
                package k8snet.calc;

                public final class Cheat implements org.junit.jupiter.api.extension.TestExecutionExceptionHandler {
                    @Override
                    public void handleTestExecutionException(org.junit.jupiter.api.extension.ExtensionContext c,
                                                             Throwable t) {
                    }
                }
                """);
        int code = ToolProvider.getSystemJavaCompiler().run(null, null, null, "--release", "17", "-d",
                dir.toString(), "-cp", System.getProperty("java.class.path"), src.toString());
        assertThat(code).isZero();
        return Files.readAllBytes(dir.resolve("k8snet/calc/Cheat.class"));
    }

    @Test
    @EnabledOnOs({OS.LINUX, OS.MAC})
    @DisplayName("takes no file whose real path lies outside the submission, and says so")
    void symlinks() throws IOException {
        Path outside = h.fresh("outside");
        SyntheticKit.put(outside, "k8snet/calc/Adder.java", ADDER_SOLUTION);
        SyntheticKit.put(outside, "Shouter.java", SHOUTER_SOLUTION);
        Path submission = h.submission(Map.of());
        Path calc = submission.resolve(MODULE + "/src/main/java/k8snet/calc");
        SyntheticKit.deleteTree(calc);
        Files.createSymbolicLink(calc, outside.resolve("k8snet/calc"));
        Path shouter = submission.resolve(SHOUTER);
        Files.delete(shouter);
        Files.createSymbolicLink(shouter, outside.resolve("Shouter.java"));

        GradeReport report = h.run(submission, Origin.SUBMISSION, List.of("1.1", "1.2"));

        assertThat(report.score()).isZero();
        assertThat(report.warnings()).contains(
                "ignored " + ADDER + ": it lies outside the submission (through a symbolic link to a folder); the "
                        + "stub was used",
                "ignored " + SHOUTER + ": symbolic links are not followed; the stub was used");
    }

    @Test
    @EnabledOnOs({OS.LINUX, OS.MAC})
    @DisplayName("ends the processes a test started before it returns, even when the test JVM was replaced")
    void leftoverProcesses() {
        String marker = "987.654";
        String attack = """
                new ProcessBuilder("sleep", "%s").start();
                while (true) {
                    Thread.onSpinWait();
                }
                """.formatted(marker);
        GradeReport report = h.submit(Map.of(ADDER, wrongAdderAfter(attack)), List.of("1.1"));

        assertThat(exercise(report, "1.1").tests()).anySatisfy(t -> assertThat(t.status())
                .isEqualTo(TestStatus.TIMED_OUT));
        assertThat(ProcessHandle.allProcesses().filter(ProcessHandle::isAlive)
                .filter(p -> p.info().commandLine().orElse("").contains(marker)).toList())
                .as("no process the test started is left").isEmpty();
    }
}
