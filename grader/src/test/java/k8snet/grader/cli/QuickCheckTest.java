package k8snet.grader.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.function.Function;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import k8snet.grader.Fixtures;
import k8snet.grader.engine.GradeReport;
import k8snet.grader.engine.RunRequest;

/** The check run without picocli does what picocli's check does, and leaves every other argument to it. */
@DisplayName("The quick path of ./course check")
class QuickCheckTest {

    @TempDir
    Path kit;

    private record Outcome(OptionalInt code, String out, String err, List<RunRequest> requests) {
    }

    private Outcome run(boolean quick, Function<RunRequest, GradeReport> answer, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        List<RunRequest> requests = new java.util.ArrayList<>();
        CourseEnv env = new CourseEnv(kit, k -> Fixtures.manifest(), () -> request -> {
            requests.add(request);
            return answer.apply(request);
        }, new PrintWriter(out), new PrintWriter(err), false, Map.of());
        OptionalInt code = quick ? QuickCheck.run(env, args) : OptionalInt.of(Course.commandLine(env).execute(args));
        return new Outcome(code, out.toString(), err.toString(), requests);
    }

    static List<List<String>> accepted() {
        return List.of(List.of(), List.of("check"), List.of("check", "1.1"), List.of("check", "2.1"),
                List.of("check", "--all"), List.of("check", "--no-color"), List.of("check", "1.2", "--no-color", "--all"),
                List.of("check", "--all", "--no-color", "1.1"), List.of("check", "9.9"), List.of("check", "one"));
    }

    @ParameterizedTest(name = "course {0}")
    @MethodSource("accepted")
    @DisplayName("prints, asks the engine and exits as picocli's check does")
    void sameAsPicocli(List<String> args) {
        String[] a = args.toArray(String[]::new);
        Outcome picocli = run(false, r -> Fixtures.halfWay(), a);
        Outcome quick = run(true, r -> Fixtures.halfWay(), a);
        assertThat(quick.code()).as("taken by the quick path").isPresent();
        assertThat(quick.code()).isEqualTo(picocli.code());
        assertThat(quick.out()).isEqualTo(picocli.out());
        assertThat(quick.err()).isEqualTo(picocli.err());
        assertThat(quick.requests()).extracting(RunRequest::exerciseIds)
                .isEqualTo(picocli.requests().stream().map(RunRequest::exerciseIds).toList());
        assertThat(picocli.out() + picocli.err()).as("a case that says something").isNotEmpty();
    }

    static List<List<String>> leftToPicocli() {
        return List.of(List.of("check", "--help"), List.of("check", "-h"), List.of("check", "1.1", "1.2"),
                List.of("check", "--all", "--all"), List.of("check", "--no-color", "--no-color"),
                List.of("check", "@args.txt"), List.of("check", "--no-color=true"), List.of("check", "--"),
                List.of("check", "-x"), List.of("check", ""), List.of("--no-color"), List.of("--help"),
                List.of("hint", "1.1"), List.of("list"), List.of("chek"));
    }

    @ParameterizedTest(name = "course {0}")
    @MethodSource("leftToPicocli")
    @DisplayName("leaves help, unknown or repeated options, argument files, a second id and other commands to picocli")
    void leftAlone(List<String> args) {
        Outcome quick = run(true, r -> Fixtures.halfWay(), args.toArray(String[]::new));
        assertThat(quick.code()).isEmpty();
        assertThat(quick.out() + quick.err()).isEmpty();
        assertThat(quick.requests()).isEmpty();
    }

    @Test
    @DisplayName("reports a failure of the grader itself as picocli's handler does")
    void graderBug() {
        Function<RunRequest, GradeReport> broken = r -> {
            throw new IllegalStateException("the engine broke");
        };
        Outcome picocli = run(false, broken, "check", "1.1");
        Outcome quick = run(true, broken, "check", "1.1");
        assertThat(quick.code()).hasValue(Course.INTERNAL_ERROR).isEqualTo(picocli.code());
        assertThat(quick.err().lines().findFirst()).isEqualTo(picocli.err().lines().findFirst())
                .hasValue("course: the course command itself failed (java.lang.IllegalStateException: the engine "
                        + "broke). This is not your code's fault; please report it with the details below.");
    }
}
