package k8snet.grader.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;

import k8snet.grader.engine.HiddenTestsFile;
import k8snet.grader.manifest.Manifest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code course gradescope OUT.zip}: the kit as a Gradescope autograder bundle. */
@Command(name = "gradescope", mixinStandardHelpOptions = true,
        header = "Writes a Gradescope autograder bundle (setup.sh, run_autograder, the kit).",
        description = "Writes a zip to upload as a Gradescope programming assignment's autograder: setup.sh "
                + "installs a JDK 17 and builds the course command on Gradescope's Ubuntu image, and run_autograder "
                + "grades each upload (the whole kit, its module folders, or only the edited .java files) with the "
                + "kit's own tests and always writes results.json. The kit goes in without solutions/ unless "
                + "--isolated needs them; every student file must be its committed stub (checked with git, as "
                + "export-student does).",
        footer = {"", "Examples:", "  course gradescope autograder.zip",
                "  course gradescope autograder.zip --hidden-tests hidden-tests --isolated"})
final class GradescopeCommand implements Callable<Integer> {

    @ParentCommand
    Course parent;

    @Parameters(index = "0", paramLabel = "OUT.zip", description = "The bundle to write (replaced if it exists).")
    Path out;

    @Option(names = "--hidden-tests", paramLabel = "DIR",
            description = "Hidden tests (and their hidden-tests.yaml) to grade with, as for course grade.")
    Path hiddenTests;

    @Option(names = "--isolated",
            description = "Grade module N with the reference solutions of the modules before it. This puts "
                    + "solutions/ into the bundle, where code that students upload could read it.")
    boolean isolated;

    @Option(names = "--per-test", description = "One Gradescope row per test (default: one per exercise).")
    boolean perTest;

    @Override
    public Integer call() {
        CourseEnv env = parent.env();
        Manifest manifest = Manifests.load(env);
        Path zip = out.toAbsolutePath().normalize();
        if (!zip.getFileName().toString().endsWith(".zip")) {
            throw new CourseException(Course.USAGE, "OUT must be a .zip file, as Gradescope takes: " + zip);
        }
        if (Files.isDirectory(zip)) {
            throw new CourseException(Course.USAGE, "OUT is a folder, not a zip file: " + zip);
        }
        Optional<Path> hidden = Optional.ofNullable(hiddenTests).map(p -> p.toAbsolutePath().normalize());
        if (hidden.isPresent()) {
            if (!Files.isDirectory(hidden.get())) {
                throw new CourseException(Course.USAGE, "--hidden-tests: not a folder: " + hidden.get());
            }
            try {
                HiddenTestsFile.read(hidden.get(), manifest);
            } catch (IllegalArgumentException e) {
                throw new CourseException(Course.USAGE, "--hidden-tests: " + e.getMessage());
            }
        }
        StubCheck.requireStubs(env.kitRoot(), manifest, "gradescope");
        Optional<String> commit = Git.head(env.kitRoot());
        int files = GradescopeBundle.write(env.kitRoot(), zip,
                new GradescopeBundle.Options(hidden, isolated, perTest, commit));
        env.out().println("Gradescope bundle: " + zip + " (" + files + " files, "
                + commit.map(c -> "course commit " + c).orElse("not a git commit") + ")");
        env.out().println("Contents: setup.sh, run_autograder and the kit" + (isolated ? " with solutions/ (--isolated)"
                : " without solutions/") + hidden.map(h -> ", hidden tests from " + h).orElse(""));
        env.out().println("Next: in Gradescope, create a Programming Assignment, upload this zip under Configure "
                + "Autograder (base image Ubuntu 22.04 or later); the default 768 MB are enough, raise the timeout "
                + "to 20 minutes (README: Grading on Gradescope).");
        env.out().flush();
        return 0;
    }
}
