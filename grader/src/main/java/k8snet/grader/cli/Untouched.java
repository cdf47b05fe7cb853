package k8snet.grader.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import k8snet.grader.engine.ExerciseResult;
import k8snet.grader.engine.ExerciseStatus;
import k8snet.grader.engine.GradeReport;
import k8snet.grader.engine.TestResult;
import k8snet.grader.manifest.Exercise;

/**
 * The exercises of a student's own kit that are still exactly as handed out: every file byte for byte its
 * stub, from the same place {@code course reset} takes stubs from ({@link Stubs}): the kit's {@code stubs/}
 * copies; or else, in a git checkout, the blob ids {@link StubBlobs} lists (one {@code git hash-object} call
 * for all files), or git's {@code HEAD} for a clone without that list (one {@code git status} call). A kit with
 * none of these has no untouched exercises, and the engine's own rule alone decides.
 *
 * <p>Why: the engine calls an exercise NOT_STARTED only when every test fails with the stub's
 * {@code UnsupportedOperationException}, but some stubs fail tests by assertion instead (a stub constructor
 * that accepts bad input fails "rejects ..." tests without throwing), so an untouched 4.5 looked "in
 * progress". {@link #apply} turns such an exercise into NOT_STARTED, and only when none of its tests passed,
 * so work a learner has committed in a clone without the list (where the stub is the last commit) never
 * loses its status once a test passes.
 */
final class Untouched {

    private Untouched() {
    }

    /**
     * {@link #apply} for the exercises of {@code report} that could change (in progress, nothing passed),
     * looking at their files only: no file is read and git is not asked when there are none, so a check in
     * which something passes pays nothing for this rule.
     */
    static GradeReport applyTo(GradeReport report, Path kit) {
        if (report == null || kit == null) {
            throw new IllegalArgumentException("Report and kit must not be null, got " + report + " and " + kit);
        }
        List<Exercise> candidates = report.exercises().stream().filter(Untouched::couldBeNotStarted)
                .map(ExerciseResult::exercise).toList();
        return candidates.isEmpty() ? report : apply(report, of(kit, candidates));
    }

    private static boolean couldBeNotStarted(ExerciseResult r) {
        return r.status() == ExerciseStatus.IN_PROGRESS && r.tests().stream().noneMatch(TestResult::passed);
    }

    /** The ids among {@code exercises} whose files are all unchanged from their stubs in {@code kit}. */
    static Set<String> of(Path kit, Collection<Exercise> exercises) {
        if (kit == null || exercises == null) {
            throw new IllegalArgumentException("Kit and exercises must not be null, got " + kit + " and " + exercises);
        }
        Set<String> changed = changedPaths(kit, exercises);
        Set<String> untouched = new HashSet<>();
        if (changed == null) {
            return untouched;
        }
        for (Exercise e : exercises) {
            if (Stubs.paths(e).stream().noneMatch(changed::contains)) {
                untouched.add(e.id());
            }
        }
        return untouched;
    }

    /**
     * The report with each exercise in {@code untouched} that is IN_PROGRESS with no test passed made
     * NOT_STARTED; everything else (scores, tests, other statuses) as it was.
     */
    static GradeReport apply(GradeReport report, Set<String> untouched) {
        if (report == null || untouched == null) {
            throw new IllegalArgumentException("Report and ids must not be null, got " + report + " and " + untouched);
        }
        List<ExerciseResult> exercises = new ArrayList<>();
        for (ExerciseResult r : report.exercises()) {
            boolean notStarted = couldBeNotStarted(r) && untouched.contains(r.exercise().id());
            exercises.add(notStarted ? new ExerciseResult(r.exercise(), ExerciseStatus.NOT_STARTED, r.tests(),
                    r.score(), r.compilerMessages(), r.maxScore()) : r);
        }
        return new GradeReport(exercises, report.score(), report.maxScore(), report.warnings(), report.seconds(),
                report.tamperedFiles(), report.sandbox());
    }

    /** The kit paths of the exercises' files that differ from their stubs, or null when there are no stubs. */
    private static Set<String> changedPaths(Path kit, Collection<Exercise> exercises) {
        List<String> paths = exercises.stream().flatMap(e -> Stubs.paths(e).stream()).toList();
        Path copies = kit.resolve(Stubs.FOLDER);
        Set<String> changed = new HashSet<>();
        if (Files.isDirectory(copies)) {
            for (String p : paths) {
                if (!same(kit.resolve(p), copies.resolve(p))) {
                    changed.add(p);
                }
            }
            return changed;
        }
        if (!Files.isDirectory(kit.resolve(".git")) && !Files.isRegularFile(kit.resolve(".git"))) {
            return null;
        }
        Optional<Map<String, String>> listed = StubBlobs.read(kit);
        if (listed.isPresent() && listed.get().keySet().containsAll(paths)) {
            return StubBlobs.changed(kit, paths, listed.get()).orElse(null);
        }
        List<String> args = new ArrayList<>(List.of("status", "--porcelain", "-z", "--untracked-files=all", "--"));
        args.addAll(paths);
        Git.Result r = Git.run(kit, args);
        if (r.exitCode() != 0 || Git.head(kit).isEmpty()) {
            return null;
        }
        // Entries are "XY path" separated by NUL (a rename adds its old path as one more entry); paths are
        // relative to the repository's top, which may lie above the kit.
        for (String entry : new String(r.output(), StandardCharsets.UTF_8).split("\0")) {
            String p = entry.length() > 3 && entry.charAt(2) == ' ' ? entry.substring(3) : entry;
            for (String k : paths) {
                if (p.equals(k) || p.endsWith("/" + k)) {
                    changed.add(k);
                }
            }
        }
        return changed;
    }

    private static boolean same(Path file, Path stub) {
        try {
            return Files.isRegularFile(file) && Files.isRegularFile(stub)
                    && Arrays.equals(Files.readAllBytes(file), Files.readAllBytes(stub));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot compare " + file + " with its stub " + stub, e);
        }
    }
}
