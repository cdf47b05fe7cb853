package k8snet.grader.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import k8snet.grader.guard.Sandbox;
import k8snet.grader.guard.UserDrop;

/**
 * Choosing the sandbox starts test JVMs (to try bubblewrap, unshare and setpriv), so the engine chooses it
 * only for a graded run, once: a student's own {@code check} or {@code watch} never pays for it.
 */
@DisplayName("The engine's choice of sandbox")
class SandboxChoiceTest {

    @TempDir
    Path dir;

    @Test
    @DisplayName("is made for the first graded run only, never for a student's own check")
    void lazily() {
        Path kit = SyntheticKit.write(dir.resolve("kit"));
        Path submission = SyntheticKit.submission(kit, dir.resolve("alice"),
                Map.of(SyntheticKit.ADDER, SyntheticKit.ADDER_SOLUTION));
        AtomicInteger asked = new AtomicInteger();
        Supplier<Sandbox> chooser = () -> {
            asked.incrementAndGet();
            return Sandbox.keepingUser();
        };
        ForkingEngine engine = new ForkingEngine(EngineOptions.defaults().withTestTimeout(Duration.ofSeconds(10))
                .withExerciseBudget(Duration.ofSeconds(90)).withCacheDir(dir.resolve("cache")), chooser);
        assertThat(asked).as("not when the engine is made").hasValue(0);

        GradeReport own = engine.run(new RunRequest(kit, kit, List.of("1.1"), Map.of("1.2", Origin.SOLUTION),
                Optional.empty(), dir.resolve("own")));
        assertThat(asked).as("not for the student's own check of the kit").hasValue(0);
        assertThat(own.sandbox()).isEqualTo(UserDrop.root() ? "none (as root)" : "none");

        for (String run : List.of("graded-1", "graded-2")) {
            GradeReport graded = engine.run(new RunRequest(kit, submission, List.of("1.1"),
                    Map.of("1.1", Origin.SUBMISSION, "1.2", Origin.SOLUTION), Optional.empty(), dir.resolve(run)));
            assertThat(graded.score()).as("%s", graded.warnings()).isEqualTo(10);
        }
        assertThat(asked).as("once, for the first graded run").hasValue(1);
    }

    @Test
    @DisplayName("names a missing chooser")
    void nullChooser() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new ForkingEngine(EngineOptions.defaults(), (Supplier<Sandbox>) null))
                .withMessageContaining("chooser");
    }
}
