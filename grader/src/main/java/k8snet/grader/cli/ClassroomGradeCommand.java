package k8snet.grader.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import k8snet.grader.manifest.Manifest;
import k8snet.grader.platform.ClassroomResults;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code course classroom-grade}: the grading step of the GitHub Classroom workflow. It runs {@code course grade}
 * on the submission with this kit's tests, writes {@code OUT/classroom-results.json} (the autograding reporter's
 * JSON, {@link ClassroomResults}) and, on GitHub Actions, appends {@code report.md} to the job summary
 * ({@code $GITHUB_STEP_SUMMARY}) and sets the step's output {@code result} to that JSON in Base64
 * ({@code $GITHUB_OUTPUT}). A grading that fails still gets a result, scored 0 with the reason, so the reporter
 * always runs; the exit code is 0 whenever the result was written.
 */
@Command(name = "classroom-grade", mixinStandardHelpOptions = true,
        header = "Grades one push for GitHub Classroom (the workflow's grading step).",
        description = "Grades --submission with this kit's tests (course grade), writes OUT/classroom-results.json "
                + "for GitHub Classroom's autograding reporter and, when $GITHUB_OUTPUT and $GITHUB_STEP_SUMMARY are "
                + "set, the step output 'result' (that JSON in Base64) and report.md in the job summary.")
final class ClassroomGradeCommand implements Callable<Integer> {

    /** The file {@code classroom-grade} writes beside the other reports. */
    static final String RESULTS_FILE = "classroom-results.json";

    private static final ObjectMapper JSON = new ObjectMapper();

    @ParentCommand
    Course parent;

    @Option(names = "--submission", paramLabel = "DIR", required = true, description = "The student's repository.")
    Path submission;

    @Option(names = "--out", paramLabel = "OUT", required = true, description = "Where the reports go.")
    Path out;

    @Option(names = "--isolated", description = "Grade module N with the reference solutions of the modules "
            + "before it.")
    boolean isolated;

    @Option(names = "--work", paramLabel = "DIR", description = "Scratch space for builds.")
    Path work;

    @Override
    public Integer call() {
        CourseEnv env = parent.env();
        Path reports = out.toAbsolutePath().normalize();
        List<String> args = new ArrayList<>(List.of("--submission", submission.toString(), "--out", reports.toString()));
        if (isolated) {
            args.add("--isolated");
        }
        if (work != null) {
            args.addAll(List.of("--work", work.toString()));
        }
        ObjectNode result;
        Optional<String> summary;
        try {
            GradeRun.Result graded = GradeRun.grade(env, args);
            Path results = reports.resolve("results.json");
            if (Files.isRegularFile(results)) {
                result = ClassroomResults.fromGradescope(JSON.readTree(results.toFile()));
                Path md = reports.resolve("report.md");
                summary = Files.isRegularFile(md) ? Optional.of(Files.readString(md)) : Optional.empty();
            } else {
                String reason = "course grade stopped with exit code " + graded.exitCode() + " and wrote no results: "
                        + graded.lastErrors(20);
                result = ClassroomResults.failed(reason, maxScore(env));
                summary = Optional.of("# Grading failed\n\n```\n" + reason + "\n```\n");
            }
        } catch (IOException | RuntimeException e) {
            String reason = "the grader failed: " + e;
            result = ClassroomResults.failed(reason, maxScore(env));
            summary = Optional.of("# Grading failed\n\n```\n" + reason + "\n```\n");
        }
        write(reports.resolve(RESULTS_FILE), result.toPrettyString() + "\n", false);
        String step = env.environment().get("GITHUB_STEP_SUMMARY");
        if (step != null && !step.isBlank() && summary.isPresent()) {
            write(Path.of(step), summary.get() + "\n", true);
        }
        String output = env.environment().get("GITHUB_OUTPUT");
        if (output != null && !output.isBlank()) {
            write(Path.of(output), "result=" + ClassroomResults.base64(result) + "\n", true);
        }
        env.out().println("GitHub Classroom points: " + ClassroomResults.reporterTotal(result) + "/"
                + result.path("max_score").asDouble() + " (" + reports.resolve(RESULTS_FILE) + ")");
        env.out().flush();
        return 0;
    }

    /** The course's points, for a result that could not be graded; 0 when even the manifest cannot be read. */
    private static BigDecimal maxScore(CourseEnv env) {
        try {
            Manifest manifest = env.manifest();
            return manifest.exercises().stream().map(e -> BigDecimal.valueOf(e.points()))
                    .reduce(BigDecimal.ZERO, BigDecimal::add);
        } catch (RuntimeException e) {
            return BigDecimal.ZERO;
        }
    }

    private static void write(Path file, String text, boolean append) {
        try {
            if (file.toAbsolutePath().getParent() != null) {
                Files.createDirectories(file.toAbsolutePath().getParent());
            }
            Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    append ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
