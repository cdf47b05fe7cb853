package k8snet.grader.cli;

import java.util.Map;
import java.util.concurrent.Callable;

import k8snet.grader.manifest.Manifest;
import k8snet.grader.selfcheck.SelfCheck;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code course selfcheck}: the maintainer's proof that stubs, solutions, tests and manifest agree. */
@Command(name = "selfcheck", mixinStandardHelpOptions = true,
        header = "Checks the kit itself: manifest, stubs, solutions, APIs.",
        description = "Checks the kit itself: course.yaml matches the code, every graded test fails on "
                + "the stubs, and each stub declares the same public API as its solution. The full "
                + "check, with the reference build and the grader's tests: ./mvnw -Pselfcheck "
                + "verify")
final class SelfCheckCommand implements Callable<Integer> {

    @ParentCommand
    Course parent;

    @Option(names = "--after-maven", hidden = true,
            description = "Set by the Maven selfcheck profile: the grader's own tests already passed.")
    boolean afterMaven;

    @Option(names = "--write-stub-blobs",
            description = "Rewrite stub-blobs.txt from the stubs in the working tree (after changing a stub), "
                    + "instead of checking.")
    boolean writeStubBlobs;

    @Override
    public Integer call() {
        CourseEnv env = parent.env();
        Manifest manifest = Manifests.load(env);
        if (writeStubBlobs) {
            int n = StubBlobsCheck.write(env.kitRoot(), manifest);
            env.out().println("Wrote " + StubBlobs.FILE + ": the git blobs of " + n + " stubs. Commit it with them.");
            env.out().flush();
            return 0;
        }
        return new SelfCheck(env.kitRoot(), manifest, env.engine(), afterMaven,
                Map.of(StubBlobsCheck.NAME, kit -> StubBlobsCheck.run(kit, manifest))).run(env.out());
    }
}
