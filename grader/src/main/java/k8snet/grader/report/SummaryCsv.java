package k8snet.grader.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import k8snet.grader.engine.ExerciseResult;

/**
 * {@code summary.csv}, the class at a glance: one row per submission with its total and its score on
 * every exercise ({@code submission,total,1.1,1.2,...}), in RFC 4180 CSV.
 */
public final class SummaryCsv {

    private SummaryCsv() {
    }

    /** The CSV text for these submissions, columns in the order of {@code exerciseIds}. */
    public static String render(List<String> exerciseIds, List<GradedSubmission> submissions) {
        StringBuilder csv = new StringBuilder();
        List<String> header = new ArrayList<>(List.of("submission", "total"));
        header.addAll(exerciseIds);
        line(csv, header);
        for (GradedSubmission s : submissions) {
            List<String> row = new ArrayList<>();
            row.add(s.name());
            row.add(Scores.text(s.report().score()));
            for (String id : exerciseIds) {
                row.add(s.report().exercises().stream().filter(r -> r.exercise().id().equals(id)).findFirst()
                        .map(ExerciseResult::score).map(Scores::text).orElse("0"));
            }
            line(csv, row);
        }
        return csv.toString();
    }

    public static void write(Path file, List<String> exerciseIds, List<GradedSubmission> submissions) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, render(exerciseIds, submissions), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file + ": " + e.getMessage(), e);
        }
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

    static String field(String value) {
        if (value.contains(",") || value.contains("\"") || value.contains("\n") || value.contains("\r")) {
            return '"' + value.replace("\"", "\"\"") + '"';
        }
        return value;
    }
}
