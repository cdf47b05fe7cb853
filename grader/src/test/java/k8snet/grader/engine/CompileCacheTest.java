package k8snet.grader.engine;

import static k8snet.grader.engine.SyntheticKit.ADDER;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("The compile cache, across edits of a student file")
class CompileCacheTest {

    @TempDir
    Path dir;

    private final AtomicInteger runs = new AtomicInteger();

    private ExerciseResult grade(Path kit, Path cache, String adder) {
        Path submission = SyntheticKit.submission(kit, dir.resolve("submission-" + runs.incrementAndGet()),
                Map.of(ADDER, adder));
        ForkingEngine engine = new ForkingEngine(EngineOptions.defaults().withTestTimeout(Duration.ofSeconds(5))
                .withCacheDir(cache));
        GradeReport report = engine.run(new RunRequest(kit, submission, List.of("1.1"),
                Map.of("1.1", Origin.SUBMISSION, "1.2", Origin.SUBMISSION), Optional.empty(),
                dir.resolve("work-" + runs.get())));
        return report.exercises().get(0);
    }

    private static long entries(Path cache, String prefix) {
        try (Stream<Path> list = Files.list(cache)) {
            return list.filter(p -> p.getFileName().toString().startsWith(prefix)).count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    @DisplayName("recompiles the graded tests only when the student file's API changes, and always runs the new code")
    void testsFollowTheApi() {
        Path kit = SyntheticKit.write(dir.resolve("kit"));
        Path cache = dir.resolve("cache");

        ExerciseResult first = grade(kit, cache, SyntheticKit.ADDER_SOLUTION);
        assertThat(first.status()).isEqualTo(ExerciseStatus.DONE);
        assertThat(entries(cache, "main-")).isEqualTo(1);
        assertThat(entries(cache, "test-")).isEqualTo(1);

        // A body-only edit that breaks one test: new main classes, the cached test classes, the new behaviour.
        ExerciseResult broken = grade(kit, cache, SyntheticKit.adderWhen("a == 0 && b == 0", "return 7;"));
        assertThat(entries(cache, "main-")).isEqualTo(2);
        assertThat(entries(cache, "test-")).as("test classes compiled again after a body-only edit").isEqualTo(1);
        assertThat(broken.status()).isEqualTo(ExerciseStatus.IN_PROGRESS);
        assertThat(broken.tests()).filteredOn(t -> !t.passed()).extracting(TestResult::name)
                .singleElement().asString().endsWith("adds zeros");

        // A new public method changes the API: the tests are compiled again against it.
        ExerciseResult wider = grade(kit, cache, SyntheticKit.ADDER_SOLUTION.replace("public static int add",
                "public static int twice(int a) {\n        return a + a;\n    }\n\n    public static int add"));
        assertThat(entries(cache, "main-")).isEqualTo(3);
        assertThat(entries(cache, "test-")).isEqualTo(2);
        assertThat(wider.status()).isEqualTo(ExerciseStatus.DONE);
    }
}
