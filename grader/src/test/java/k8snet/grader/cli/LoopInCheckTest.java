package k8snet.grader.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import k8snet.grader.engine.EngineOptions;
import k8snet.grader.engine.ForkingEngine;
import k8snet.grader.engine.SyntheticKit;
import k8snet.grader.guard.GuardOptions;
import k8snet.grader.guard.SandboxMode;
import k8snet.grader.manifest.Manifest;

/**
 * {@code course check} on a kit whose student code loops for ever, with the engine's default limits: the
 * board names the test that looped, and says so long before the exercise's 60 s budget. No assertion
 * depends on the machine's speed beyond a bound only a hang would exceed; the report gives the measured time.
 */
@DisplayName("check on code with an endless loop")
class LoopInCheckTest {

    private static final String LOOPING_ADDER = """
            package k8snet.calc;

            public final class Adder {
                private Adder() {
                }

                public static int add(int a, int b) {
                    while (true) {
                        Thread.onSpinWait();
                    }
                }
            }
            """;

    @TempDir
    Path root;

    @Test
    @DisplayName("names the looping test as timed out after the own-check timeout, well before the budget")
    void namesTheLoop() {
        Path kit = SyntheticKit.write(root.resolve("kit"));
        SyntheticKit.put(kit, SyntheticKit.ADDER, LOOPING_ADDER);
        StringWriter out = new StringWriter();
        CourseEnv env = new CourseEnv(kit, Manifest::load, () -> new ForkingEngine(EngineOptions.defaults()
                .withGuard(GuardOptions.defaults().withSandbox(SandboxMode.NONE))),
                new PrintWriter(out), new PrintWriter(new StringWriter()), false, Map.of());

        long start = System.nanoTime();
        int code = Course.commandLine(env).execute("check", "1.1", "--no-color");
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        String board = out.toString();
        assertThat(code).isEqualTo(1);
        assertThat(board).contains("Timed out (an endless loop?): adds one and two")
                .contains("timed out: this test did not finish within 7 s")
                .contains("5 more tests did not run (test \"Adder > adds one and two\" of exercise 1.1 timed out");
        System.out.println("LoopInCheckTest: the loop was named " + took.toMillis() + " ms after check started");
        // The exercise's budget is 60 s; a hang would use it up. 7 s of timeout plus compiling is far below.
        assertThat(took).as("named long before the 60 s budget").isLessThan(Duration.ofSeconds(40));
    }
}
