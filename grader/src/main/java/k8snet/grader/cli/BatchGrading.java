package k8snet.grader.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import k8snet.grader.board.Board;
import k8snet.grader.board.Progress;
import k8snet.grader.engine.Origin;
import k8snet.grader.manifest.Exercise;
import k8snet.grader.manifest.Manifest;
import k8snet.grader.report.GradedSubmission;
import k8snet.grader.report.PlainText;
import k8snet.grader.report.ReportOptions;
import k8snet.grader.report.ReportWriter;
import k8snet.grader.report.SummaryCsv;

/**
 * {@code course grade --submissions}: grades every sub-folder of a folder as one submission, some at once,
 * writes each one's reports to {@code OUT/<name>/} and the class's {@code OUT/summary.csv}, and reports the
 * submissions on the console in name order, whatever order their jobs end in.
 */
final class BatchGrading {

    private final CourseEnv env;
    private final Manifest manifest;
    private final Grading grading;
    private final ReportOptions options;
    private final int jobs;
    private final boolean isolated;

    /** @param jobs how many submissions are graded at once, at least 1 */
    BatchGrading(CourseEnv env, Manifest manifest, Grading grading, ReportOptions options, int jobs,
                 boolean isolated) {
        if (jobs < 1) {
            throw new IllegalArgumentException("A batch grades at least 1 submission at once, not " + jobs);
        }
        this.env = env;
        this.manifest = manifest;
        this.grading = grading;
        this.options = options;
        this.jobs = jobs;
        this.isolated = isolated;
    }

    /** Grades every sub-folder of {@code folder} (not hidden ones); returns 1 when any could not be graded. */
    int run(Path folder, Path outDir) {
        List<Path> submissions;
        try (Stream<Path> children = Files.list(folder)) {
            submissions = children.filter(Files::isDirectory)
                    .filter(p -> !p.getFileName().toString().startsWith("."))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + folder + ": " + e.getMessage(), e);
        }
        if (submissions.isEmpty()) {
            throw new CourseException(Course.USAGE, "no submission folders in " + folder);
        }
        long start = System.nanoTime();
        Progress progress = new Progress(env.out(), env.terminal(), submissions.size());
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(jobs, submissions.size()));
        List<Future<GradedSubmission>> futures = new ArrayList<>();
        // Finished submissions are reported in name order, whatever order the jobs end in, so the console
        // shows the same lines on every run.
        String[] lines = new String[submissions.size()];
        int[] reported = {0};
        try {
            for (int i = 0; i < submissions.size(); i++) {
                Path submission = submissions.get(i);
                int index = i;
                futures.add(pool.submit(() -> {
                    String name = submission.getFileName().toString();
                    synchronized (progress) {
                        progress.starting(reported[0] + 1, PlainText.visible(name));
                    }
                    GradedSubmission g = grading.grade(name, Grading.kitShaped(submission, manifest),
                            Origin.SUBMISSION);
                    try {
                        ReportWriter.writeAll(g, outDir.resolve(name), options);
                    } finally {
                        synchronized (progress) {
                            lines[index] = Board.number(g.report().score()) + "/" + Board.number(g.report().maxScore())
                                    + g.error().map(e -> " (grader error: " + e + ")").orElse("");
                            while (reported[0] < lines.length && lines[reported[0]] != null) {
                                progress.finished(reported[0] + 1,
                                        PlainText.visible(submissions.get(reported[0]).getFileName().toString()),
                                        lines[reported[0]]);
                                reported[0]++;
                            }
                        }
                    }
                    return g;
                }));
            }
            List<GradedSubmission> graded = new ArrayList<>();
            for (Future<GradedSubmission> f : futures) {
                graded.add(await(f));
            }
            return summarise(outDir, graded, start);
        } finally {
            pool.shutdownNow();
        }
    }

    /** The result of one submission's task; a failure to write its reports stops the batch. */
    private static GradedSubmission await(Future<GradedSubmission> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CourseException(Course.INTERNAL_ERROR, "interrupted");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    private int summarise(Path outDir, List<GradedSubmission> graded, long start) {
        List<String> ids = manifest.exercises().stream().map(Exercise::id).toList();
        SummaryCsv.write(outDir.resolve("summary.csv"), ids, graded, isolated);
        long failed = graded.stream().filter(g -> g.error().isPresent()).count();
        env.out().printf("Graded %d submissions in %.1f s. Class summary: %s%n", graded.size(),
                (System.nanoTime() - start) / 1e9, outDir.resolve("summary.csv"));
        if (failed > 0) {
            env.out().println(failed + " could not be graded (scored 0, see their report.md): " + String.join(", ",
                    graded.stream().filter(g -> g.error().isPresent()).map(g -> PlainText.visible(g.name())).toList()));
        }
        env.out().flush();
        return failed > 0 ? 1 : 0;
    }
}
