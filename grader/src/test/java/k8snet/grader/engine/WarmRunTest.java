package k8snet.grader.engine;

import static k8snet.grader.engine.EngineHarness.exercise;
import static k8snet.grader.engine.SyntheticKit.ADDER;
import static k8snet.grader.engine.SyntheticKit.adder;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import k8snet.grader.guard.GuardOptions;
import k8snet.grader.guard.SandboxMode;
import k8snet.grader.runner.Protocol;

/**
 * {@code watch}'s ready test JVM on the results pipe: prepareNextRun starts it, its warm-up runs the clean
 * previous run's tests once more, and what those print goes to its console log, never the results pipe.
 */
@DisplayName("A test JVM kept ready for the next run")
class WarmRunTest {

    @TempDir
    Path dir;

    @Test
    @DisplayName("reruns the previous clean run's tests as its warm-up, printing only to its console log")
    void warmUpOfTheLastCleanRun() throws IOException {
        EngineHarness h = new EngineHarness(dir);
        String marker = "printed-by-the-adder-" + System.nanoTime();
        Path submission = h.submission(Map.of(ADDER, adder("System.out.println(\"" + marker + "\");")));
        try (ForkingEngine engine = new ForkingEngine(EngineOptions.defaults()
                .withTestTimeout(h.engine.options().testTimeout())
                .withCacheDir(dir.resolve("cache"))
                .withGuard(GuardOptions.defaults().withCheckBytecode(false).withSandbox(SandboxMode.NONE)))) {
            Path firstWork = dir.resolve("work-1");
            GradeReport first = engine.run(new RunRequest(h.kit, submission, List.of("1.1"),
                    EngineHarness.all(Origin.SUBMISSION), Optional.empty(), firstWork));
            assertThat(first.score()).isEqualTo(10);

            Path warmSpec = firstWork.resolve("warm-spec.properties");
            Properties spec = new Properties();
            try (Reader r = Files.newBufferedReader(warmSpec, StandardCharsets.UTF_8)) {
                spec.load(r);
            }
            assertThat(spec.getProperty(Protocol.WARM_UP_SELECT + "0")).isEqualTo("k8snet.calc.AdderTest");
            assertThat(spec.getProperty(Protocol.WARM_UP_SELECT + "1")).isNull();
            assertThat(spec.getProperty(Protocol.WARM_UP_CLASSPATH + "0")).isNotBlank();
            assertThat(spec.stringPropertyNames()).noneMatch(k -> k.contains("token"));

            engine.prepareNextRun();
            Path secondWork = dir.resolve("work-2");
            GradeReport second = engine.run(new RunRequest(h.kit, submission, List.of("1.1"),
                    EngineHarness.all(Origin.SUBMISSION), Optional.empty(), secondWork));

            assertThat(second.score()).isEqualTo(10);
            assertThat(exercise(second, "1.1").tests()).hasSize(6).allMatch(TestResult::passed);
            assertThat(second.warnings()).noneMatch(w -> w.contains("token"));
            assertThat(secondWork.resolve("forks").resolve("console-warm.log"))
                    .as("the second run took the ready JVM instead of starting one").doesNotExist();
            String readyConsole = Files.readString(firstWork.resolve("warm").resolve("console-warm.log"));
            assertThat(readyConsole).as("the warm-up ran the previous tests, printing to the console log")
                    .contains(marker);
            assertThat(exercise(second, "1.1").tests().stream().map(TestResult::output).toList())
                    .as("the graded run captured the same print per test").anyMatch(o -> o.contains(marker));
        }
    }

    @Test
    @DisplayName("shows the sandboxed JVM everything it reads, read-only, and lets it write nothing")
    void jailIsReadOnly() {
        Path work = dir.resolve("work");
        Path cache = dir.resolve("cache");
        Path kit = SyntheticKit.write(dir.resolve("kit"));
        ForkJail jail = ForkJail.of(k8snet.grader.guard.Sandbox.choose(Optional.of(SandboxMode.NONE)), work, cache,
                kit);

        assertThat(jail.spec().writable()).isEmpty();
        assertThat(jail.spec().readOnly()).contains(cache.toAbsolutePath(), work.resolve("forks").toAbsolutePath())
                .containsAll(GraderClasspath.entries().stream().map(p -> p.toAbsolutePath().normalize()).toList());
        assertThat(jail.spec().workingDir()).isEqualTo(work.resolve("forks").toAbsolutePath());
    }
}
