package k8snet.grader.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import k8snet.grader.manifest.Manifest;
import k8snet.grader.platform.KitDigests;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code course export-student OUT}: the kit as students receive it. */
@Command(name = "export-student", mixinStandardHelpOptions = true,
        header = "Copies the kit as students receive it (no solutions).",
        description = "Copies the kit as students receive it: without solutions/, hidden-tests/, .ci/, "
                + "build output (target/), .course/ and .git, with a copy of every stub in stubs/ (for 'course "
                + "reset'). The copy builds with ./mvnw test. It refuses, "
                + "naming the files, when a student file is not the stub committed in git (a solved copy must "
                + "never be handed out); the kit must be a git checkout. The copy gets a digest list, "
                + KitDigests.FILE_NAME + ", of the files grading trusts (tests, provided code, poms, grader).")
final class ExportStudentCommand implements Callable<Integer> {

    @ParentCommand
    Course parent;

    @Parameters(index = "0", paramLabel = "OUT", description = "An absent or empty folder outside the kit.")
    Path out;

    @Override
    public Integer call() {
        CourseEnv env = parent.env();
        Manifest manifest = Manifests.load(env);
        int files = StudentExport.export(env.kitRoot(), out, manifest);
        env.out().println("Checked with git: the " + StubCheck.studentFiles(manifest).size()
                + " student files are the committed stubs");
        Path copy = out.toAbsolutePath().normalize();
        env.out().println("Student kit: " + files + " files in " + copy);
        KitDigests.read(copy).ifPresent(d -> env.out().println("Digest list: " + KitDigests.FILE_NAME + " with the "
                + d.digests().size() + " files grading trusts" + d.commit().map(c -> ", from course commit " + c)
                .orElse(" (not a git commit)")));
        env.out().println("Left out: solutions/, hidden-tests/, .ci/, target/, .course/, .git; the stubs are copied "
                + "once more to stubs/ for '" + Course.COMMAND + " reset'");
        env.out().flush();
        return 0;
    }
}
