package k8snet.grader.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import k8snet.grader.manifest.Manifest;
import k8snet.grader.platform.ClassroomWorkflow;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code course classroom OUT}: the GitHub Classroom workflow for the student template repository. */
@Command(name = "classroom", mixinStandardHelpOptions = true,
        header = "Writes the GitHub Classroom grading workflow for the student template repository.",
        description = "Writes OUT/" + ClassroomWorkflow.PATH + ": on each push, GitHub Actions checks out the "
                + "student's repository and this course's repository at the commit checked out here, grades the "
                + "student's files with the course's tests (never the student's copies), puts report.md in the job "
                + "summary, and reports the points to GitHub Classroom. OUT is usually the template repository, a "
                + "copy made by export-student.",
        footer = {"", "Example:", "  course export-student ../template && course classroom ../template "
                + "--course-repo https://github.com/acme/k8snet-course"})
final class ClassroomCommand implements Callable<Integer> {

    @ParentCommand
    Course parent;

    @Parameters(index = "0", paramLabel = "OUT", description = "The template repository's folder.")
    Path out;

    @Option(names = "--course-repo", paramLabel = "URL",
            description = "The course's repository on GitHub (default: this kit's git remote 'origin').")
    String courseRepo;

    @Option(names = "--commit", paramLabel = "SHA",
            description = "The course commit to grade with (default: the commit checked out in this kit).")
    String commit;

    @Option(names = "--isolated", description = "Grade module N with the reference solutions of the modules "
            + "before it (they come from the course's repository too).")
    boolean isolated;

    @Override
    public Integer call() {
        CourseEnv env = parent.env();
        Path kit = env.kitRoot();
        Manifest manifest = Manifests.load(env);
        String pinned = commit != null ? commit.strip() : Git.head(kit).orElseThrow(() -> new CourseException(
                Course.USAGE, "the workflow pins a course commit, but " + kit + " is not a git checkout with a "
                + "commit: give one with --commit SHA"));
        String url = courseRepo != null ? courseRepo : origin(kit);
        ClassroomWorkflow.Repository repository;
        String yaml;
        try {
            repository = ClassroomWorkflow.Repository.parse(url);
            yaml = ClassroomWorkflow.yaml(repository, pinned, isolated ? List.of("--isolated") : List.of());
        } catch (IllegalArgumentException e) {
            throw new CourseException(Course.USAGE, e.getMessage());
        }
        if (commit == null) {
            StubCheck.requireStubs(kit, manifest, "classroom");
        }
        Path file = out.toAbsolutePath().normalize().resolve(ClassroomWorkflow.PATH);
        boolean replaced = Files.exists(file);
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, yaml);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file + ": " + e.getMessage(), e);
        }
        env.out().println((replaced ? "Replaced " : "Wrote ") + file);
        env.out().println("It grades with " + repository.slug() + " at commit " + pinned + ".");
        warnings(kit, pinned).forEach(w -> env.out().println("Warning: " + w));
        env.out().println("Next: commit it to the template repository, make that repository a template, and create "
                + "the assignment in GitHub Classroom from it, adding no tests of Classroom's own (README: Grading "
                + "on GitHub Classroom).");
        env.out().flush();
        return 0;
    }

    /** The URL of the kit's remote {@code origin}, or a usage error saying to give one. */
    private static String origin(Path kit) {
        Git.Result r = Git.run(kit, List.of("remote", "get-url", "origin"));
        if (!r.ok() || r.text().isBlank()) {
            throw new CourseException(Course.USAGE, "which repository holds the course? " + kit + " has no git "
                    + "remote 'origin': give it with --course-repo https://github.com/OWNER/NAME");
        }
        return r.text().strip();
    }

    /** What could make the pinned commit not grade as this kit does: uncommitted changes, an unpushed commit. */
    private static List<String> warnings(Path kit, String pinned) {
        List<String> warnings = new ArrayList<>();
        if (Git.head(kit).filter(pinned::equals).isEmpty()) {
            return warnings;
        }
        Git.Result status = Git.run(kit, List.of("status", "--porcelain", "--untracked-files=no"));
        if (status.ok() && !status.text().isBlank()) {
            List<String> changed = status.text().lines().map(l -> l.length() > 3 ? l.substring(3) : l).toList();
            warnings.add("these uncommitted changes are not in commit " + pinned + ", so they do not grade: "
                    + String.join(", ", changed.subList(0, Math.min(10, changed.size())))
                    + (changed.size() > 10 ? " and " + (changed.size() - 10) + " more" : ""));
        }
        Git.Result pushed = Git.run(kit, List.of("branch", "-r", "--contains", pinned));
        if (pushed.ok() && pushed.text().isBlank()) {
            warnings.add("no remote branch contains commit " + pinned + " yet; push it before students push, or "
                    + "their workflow cannot check it out");
        }
        return warnings;
    }
}
