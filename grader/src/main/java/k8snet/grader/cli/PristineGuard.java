package k8snet.grader.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import k8snet.grader.manifest.Manifest;
import k8snet.grader.platform.KitDigests;

/**
 * Decides which kit's tests may grade, so that a kit never grades with tests nobody can vouch for.
 *
 * <p>The grading kit is trusted when it has no digest list (an instructor's clone of the course) and grades
 * another folder, or when its digest list ({@link KitDigests}) matches every file it names. It is not trusted
 * when its files differ from its digest list, or when the submission <em>is</em> the kit (same real path) and no
 * digest list proves its tests are the course's: then the student's own, possibly edited, tests would grade the
 * student. An untrusted kit grades only with {@code --pristine DIR}, a pristine copy of the course (a clone at the
 * commit the kit came from, or an unpacked bundle), whose tests, provided code and manifest are used while the
 * student files come from the submission; otherwise grading is refused, naming the files.
 */
final class PristineGuard {

    /**
     * The kit to grade with.
     *
     * @param kit the kit whose tests, provided code and solutions grade
     * @param manifest that kit's manifest
     * @param notes what the instructor should read before the scores (which kit graded, what differed)
     */
    record Decision(Path kit, Manifest manifest, List<String> notes) {
    }

    private PristineGuard() {
    }

    /**
     * Checks the environment's kit before it grades {@code submission} (empty for {@code --reference} and
     * batches, whose folders are never the kit).
     *
     * @throws CourseException (exit code 1) when the kit cannot be trusted and no pristine copy is given, or the
     *     pristine copy is not pristine either; (exit code 2) when a folder or digest list cannot be read
     */
    static Decision decide(CourseEnv env, Manifest manifest, Optional<Path> submission, Optional<Path> pristine) {
        Path kit = env.kitRoot();
        Optional<KitDigests> list = readList(kit);
        List<KitDigests.Difference> differences = list.map(l -> l.differences(kit, manifest)).orElse(List.of());
        boolean self = submission.isPresent() && sameFolder(submission.get(), kit);
        boolean trusted = list.isPresent() ? differences.isEmpty() : !self;
        if (pristine.isPresent() && !sameFolder(pristine.get(), kit)) {
            return withPristine(env, kit, list, differences, pristine.get());
        }
        if (trusted) {
            List<String> notes = self ? List.of("Checked with " + KitDigests.FILE_NAME + ": the "
                    + list.orElseThrow().digests().size() + " files this kit grades with are the course's.")
                    : List.of();
            return new Decision(kit, manifest, notes);
        }
        throw new CourseException(1, refusal(kit, list, differences));
    }

    private static Decision withPristine(CourseEnv env, Path kit, Optional<KitDigests> list,
                                         List<KitDigests.Difference> differences, Path pristine) {
        if (!Files.isRegularFile(pristine.resolve("course.yaml"))) {
            throw new CourseException(Course.USAGE, "--pristine: not a course kit (no course.yaml): " + pristine);
        }
        Manifest manifest;
        try {
            manifest = env.manifestLoader().apply(pristine);
        } catch (IllegalArgumentException | UncheckedIOException e) {
            throw new CourseException(Course.USAGE, "--pristine: cannot read " + pristine.resolve("course.yaml")
                    + ": " + e.getMessage());
        }
        Optional<KitDigests> own = readList(pristine);
        List<KitDigests.Difference> ownDifferences = own.map(l -> l.differences(pristine, manifest)).orElse(List.of());
        if (!ownDifferences.isEmpty()) {
            throw new CourseException(1, "grade refused: the --pristine kit " + pristine + " differs from its own "
                    + KitDigests.FILE_NAME + ", so it is not pristine either:" + listed(ownDifferences));
        }
        List<String> notes = new ArrayList<>();
        notes.add("Grading with the pristine kit " + pristine + ": its tests, provided code and course.yaml; only "
                + "the files students edit come from the submission.");
        if (!differences.isEmpty()) {
            notes.add("This kit (" + kit + ") differs from its " + KitDigests.FILE_NAME + " in " + differences.size()
                    + " file(s), which are not used:" + listed(differences));
        }
        list.ifPresent(l -> {
            List<KitDigests.Difference> versus = l.differences(pristine, manifest);
            if (!versus.isEmpty()) {
                notes.add("Warning: the pristine kit is not the version this kit was exported from"
                        + l.commit().map(c -> " (course commit " + c + ")").orElse("") + "; " + versus.size()
                        + " file(s) differ from its digest list:" + listed(versus));
            }
        });
        return new Decision(pristine, manifest, List.copyOf(notes));
    }

    private static String refusal(Path kit, Optional<KitDigests> list, List<KitDigests.Difference> differences) {
        String fix = "Grade with a pristine copy of the course instead: add --pristine DIR, where DIR is a clone of "
                + "the course repository" + list.flatMap(KitDigests::commit).map(c -> " at commit " + c).orElse("")
                + " or an unpacked Gradescope bundle (or run DIR/course grade --submission " + kit + ").";
        if (list.isEmpty()) {
            return "grade refused: --submission is this kit itself (" + kit + "), so its own tests would grade it, "
                    + "and it has no " + KitDigests.FILE_NAME + " (written by export-student) to prove they are the "
                    + "course's. " + fix + " To check the reference solutions, use --reference.";
        }
        return "grade refused: these files of the kit " + kit + " are not the course's (compared with "
                + KitDigests.FILE_NAME + "), so its tests cannot be trusted to grade:" + listed(differences)
                + "\n" + fix;
    }

    private static String listed(List<KitDigests.Difference> differences) {
        StringBuilder out = new StringBuilder();
        int shown = Math.min(differences.size(), 20);
        differences.subList(0, shown).forEach(d -> out.append("\n  ").append(d));
        if (differences.size() > shown) {
            out.append("\n  ... and ").append(differences.size() - shown).append(" more");
        }
        return out.toString();
    }

    private static Optional<KitDigests> readList(Path kit) {
        try {
            return KitDigests.read(kit);
        } catch (IllegalArgumentException | UncheckedIOException e) {
            throw new CourseException(Course.USAGE, "cannot read " + kit.resolve(KitDigests.FILE_NAME) + ": "
                    + e.getMessage() + ". It is written by course export-student; restore it from the course.");
        }
    }

    /** Whether two paths are the same folder (after links), so {@code --submission .} is caught however spelt. */
    static boolean sameFolder(Path a, Path b) {
        try {
            return Files.isSameFile(a, b);
        } catch (IOException e) {
            return a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
        }
    }
}
