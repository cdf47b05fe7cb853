package k8snet.grader.cli;

import java.util.concurrent.Callable;

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

    @Override
    public Integer call() {
        CourseEnv env = parent.env();
        return new SelfCheck(env.kitRoot(), Manifests.load(env), env.engine(), afterMaven).run(env.out());
    }
}
