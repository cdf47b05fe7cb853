package k8snet.grader.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import k8snet.grader.engine.Engine;
import k8snet.grader.engine.ExerciseResult;
import k8snet.grader.engine.GradeReport;
import k8snet.grader.engine.Origin;
import k8snet.grader.engine.Points;
import k8snet.grader.engine.RunRequest;
import k8snet.grader.manifest.Exercise;
import k8snet.grader.manifest.Manifest;
import k8snet.grader.report.GradedSubmission;
import k8snet.grader.report.Isolation;

/**
 * Grades one submission with the kit's pristine tests: one engine run for the whole course, or, isolated,
 * one run per exercise with the reference solutions standing in for every other exercise's files in every
 * module (a broken 1.2 then costs 1.3 and 1.4 nothing, an unfinished module 1 does not zero module 4). Each
 * submission gets a work folder of its own, made afresh and deleted afterwards, so no two gradings ever
 * share one. An exception from the engine never escapes: it becomes a submission scored 0 with the error
 * recorded, so a batch goes on.
 */
final class Grading {

    private final Path kitRoot;
    private final Manifest manifest;
    private final Engine engine;
    private final Optional<Path> hiddenTests;
    private final boolean isolated;
    private final Path workRoot;

    Grading(Path kitRoot, Manifest manifest, Engine engine, Optional<Path> hiddenTests, boolean isolated,
            Path workRoot) {
        this.kitRoot = Objects.requireNonNull(kitRoot, "kitRoot");
        this.manifest = Objects.requireNonNull(manifest, "manifest");
        this.engine = Objects.requireNonNull(engine, "engine");
        this.hiddenTests = Objects.requireNonNull(hiddenTests, "hiddenTests");
        this.isolated = isolated;
        this.workRoot = Objects.requireNonNull(workRoot, "workRoot");
    }

    /**
     * Grades the files found in {@code submission} (taken from {@code origin}: SUBMISSION for a student's
     * folder, SOLUTION for the reference).
     */
    GradedSubmission grade(String name, Path submission, Origin origin) {
        long start = System.nanoTime();
        Isolation mode = isolated ? Isolation.ISOLATED : Isolation.NONE;
        Path work = null;
        try {
            work = freshWorkDir(name);
            List<GradeReport> parts = new ArrayList<>();
            for (RunRequest request : requests(submission, origin, work)) {
                parts.add(engine.run(request));
            }
            return GradedSubmission.of(name, combine(parts), mode);
        } catch (RuntimeException | LinkageError | AssertionError | StackOverflowError e) {
            String error = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
            return GradedSubmission.failed(name, manifest.exercises(), error, (System.nanoTime() - start) / 1e9)
                    .withIsolation(mode);
        } finally {
            if (work != null) {
                deleteQuietly(work);
            }
        }
    }

    /** A new, empty folder for one grading: {@code <workRoot>/<name>-<random>}. */
    private Path freshWorkDir(String name) {
        try {
            Files.createDirectories(workRoot);
            String prefix = name.replaceAll("[^A-Za-z0-9._-]", "_") + "-";
            return Files.createTempDirectory(workRoot, prefix.startsWith(".") ? "_" + prefix : prefix);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot make a work folder in " + workRoot + ": " + e.getMessage(), e);
        }
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException | UncheckedIOException e) {
            // Scratch space: what cannot be deleted now is overwritten by nothing and harms no one.
        }
    }

    /** The engine runs for one submission, in manifest order: one, or isolated one per exercise. */
    List<RunRequest> requests(Path submission, Origin origin, Path work) {
        if (!isolated) {
            Map<String, Origin> origins = new LinkedHashMap<>();
            manifest.exercises().forEach(e -> origins.put(e.id(), origin));
            List<String> ids = manifest.exercises().stream().map(Exercise::id).toList();
            return List.of(new RunRequest(kitRoot, submission, ids, origins, hiddenTests, work));
        }
        List<RunRequest> requests = new ArrayList<>();
        for (Exercise graded : manifest.exercises()) {
            Map<String, Origin> origins = new LinkedHashMap<>();
            for (Exercise e : manifest.exercises()) {
                origins.put(e.id(), e.id().equals(graded.id()) ? origin : Origin.SOLUTION);
            }
            requests.add(new RunRequest(kitRoot, submission, List.of(graded.id()), origins, hiddenTests, work));
        }
        return requests;
    }

    /** Several runs' reports as one, exercises in manifest order. */
    GradeReport combine(List<GradeReport> parts) {
        if (parts.size() == 1) {
            return parts.get(0);
        }
        Map<String, ExerciseResult> byId = new LinkedHashMap<>();
        parts.forEach(p -> p.exercises().forEach(r -> byId.put(r.exercise().id(), r)));
        List<ExerciseResult> ordered = new ArrayList<>();
        manifest.exercises().forEach(e -> Optional.ofNullable(byId.remove(e.id())).ifPresent(ordered::add));
        ordered.addAll(byId.values());
        Set<String> warnings = new LinkedHashSet<>();
        parts.forEach(p -> warnings.addAll(p.warnings()));
        Set<String> tampered = new LinkedHashSet<>();
        parts.forEach(p -> tampered.addAll(p.tamperedFiles()));
        long score = ordered.stream().mapToLong(r -> Points.hundredths(r.score())).sum();
        long max = ordered.stream().mapToLong(r -> Points.hundredths(r.maxScore())).sum();
        return new GradeReport(ordered, Points.points(score), Points.points(max), List.copyOf(warnings),
                parts.stream().mapToDouble(GradeReport::seconds).sum(), List.copyOf(tampered),
                String.join(", ", parts.stream().map(GradeReport::sandbox).distinct().toList()));
    }

    /**
     * The kit-shaped folder inside a submission: the folder itself when it holds a course module, or its
     * only sub-folder when that does (archives often unpack into one folder).
     */
    static Path kitShaped(Path submission, Manifest manifest) {
        if (holdsModule(submission, manifest)) {
            return submission;
        }
        try (Stream<Path> children = Files.list(submission)) {
            // A linked folder is not the submission's own: its files would come from elsewhere.
            List<Path> dirs = children.filter(p -> Files.isDirectory(p, java.nio.file.LinkOption.NOFOLLOW_LINKS))
                    .filter(p -> !p.getFileName().toString().startsWith(".")).toList();
            if (dirs.size() == 1 && holdsModule(dirs.get(0), manifest)) {
                return dirs.get(0);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return submission;
    }

    private static boolean holdsModule(Path dir, Manifest manifest) {
        return manifest.modules().stream().anyMatch(m -> Files.isDirectory(dir.resolve(m.id())));
    }
}
