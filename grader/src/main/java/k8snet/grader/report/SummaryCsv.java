package k8snet.grader.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import k8snet.grader.engine.ExerciseResult;
import k8snet.grader.engine.ExerciseStatus;
import k8snet.grader.engine.Points;
import k8snet.grader.engine.TestStatus;

/**
 * {@code summary.csv}, the class at a glance, in RFC 4180 CSV: one row per submission with its total, its
 * score on every exercise (hidden tests included), and what an instructor looks into:
 * {@code submission,total,1.1,1.2,...,tampered_files,timed_out,crashed,does_not_compile,isolation,sandbox}.
 *
 * <ul>
 *   <li>{@code tampered_files}: the submission's files that tried to change the kit and were ignored (edited
 *       tests or provided code, files that would replace a kit class), separated by {@code "; "};</li>
 *   <li>{@code timed_out}, {@code crashed}: how many tests timed out, or crashed the test JVM;</li>
 *   <li>{@code does_not_compile}: the ids of the exercises whose code did not compile, separated by spaces;</li>
 *   <li>{@code isolation}: {@code isolated} when each exercise was graded with the reference solutions standing
 *       in for every other exercise ({@code --isolated}), {@code none} otherwise ({@link Isolation});</li>
 *   <li>{@code sandbox}: the sandbox its test JVMs ran in, {@code bubblewrap}, {@code unshare} or {@code none}.</li>
 * </ul>
 */
public final class SummaryCsv {

    /** The columns after the exercises'. */
    private static final Pattern NUMBER = Pattern.compile("[-+]?\\d+(\\.\\d+)?");

    static final List<String> EXTRA_COLUMNS = List.of("tampered_files", "timed_out", "crashed", "does_not_compile",
            "isolation", "sandbox");

    private SummaryCsv() {
    }

    /** The CSV text for these submissions, columns in the order of {@code exerciseIds}. */
    public static String render(List<String> exerciseIds, List<GradedSubmission> submissions, boolean isolated) {
        StringBuilder csv = new StringBuilder();
        List<String> header = new ArrayList<>(List.of("submission", "total"));
        header.addAll(exerciseIds);
        header.addAll(EXTRA_COLUMNS);
        line(csv, header);
        for (GradedSubmission s : submissions) {
            List<String> row = new ArrayList<>();
            row.add(s.name());
            row.add(Scores.points(Scores.total(s.report())));
            for (String id : exerciseIds) {
                row.add(s.report().exercises().stream().filter(r -> r.exercise().id().equals(id)).findFirst()
                        .map(r -> Scores.points(Points.hundredths(r.score()))).orElse("0"));
            }
            row.add(String.join("; ", s.report().tamperedFiles()));
            row.add(Long.toString(count(s, TestStatus.TIMED_OUT)));
            row.add(Long.toString(count(s, TestStatus.CRASHED)));
            row.add(String.join(" ", s.report().exercises().stream()
                    .filter(r -> r.status() == ExerciseStatus.DOES_NOT_COMPILE)
                    .map(r -> r.exercise().id()).toList()));
            row.add(isolated ? "isolated" : "none");
            row.add(s.report().sandbox());
            line(csv, row);
        }
        return csv.toString();
    }

    public static void write(Path file, List<String> exerciseIds, List<GradedSubmission> submissions,
                             boolean isolated) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, render(exerciseIds, submissions, isolated), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    private static long count(GradedSubmission s, TestStatus status) {
        return s.report().exercises().stream().map(ExerciseResult::tests).flatMap(List::stream)
                .filter(t -> t.status() == status).count();
    }

    private static void line(StringBuilder csv, List<String> fields) {
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                csv.append(',');
            }
            csv.append(field(fields.get(i)));
        }
        csv.append("\r\n");
    }

    /**
     * One field: control characters made visible ({@link PlainText}); a text that a spreadsheet would take for a
     * formula (it begins with {@code =}, {@code +}, {@code -}, {@code @}, a tab or a carriage return, and is not a
     * number) gets a leading {@code '} (OWASP, "CSV Injection"); quoted when it holds a comma, a quote or a line
     * break (RFC 4180).
     */
    static String field(String raw) {
        String value = PlainText.visible(raw);
        if (!value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0 && !NUMBER.matcher(value).matches()) {
            value = "'" + value;
        }
        if (value.contains(",") || value.contains("\"") || value.contains("\n") || value.contains("\r")) {
            return '"' + value.replace("\"", "\"\"") + '"';
        }
        return value;
    }
}
