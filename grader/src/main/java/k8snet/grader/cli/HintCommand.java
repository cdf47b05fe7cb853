package k8snet.grader.cli;

import java.util.List;
import java.util.concurrent.Callable;

import k8snet.grader.manifest.Exercise;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code course hint ID [--level N]}: one hint at a time, from a nudge to nearly the answer. */
@Command(name = "hint", mixinStandardHelpOptions = true,
        header = "Shows a hint for an exercise, one level at a time.",
        description = "Shows a hint for an exercise, one level at a time (level 1 is the gentlest).")
final class HintCommand implements Callable<Integer> {

    @ParentCommand
    Course parent;

    @Parameters(index = "0", paramLabel = "ID", description = "The exercise, such as 1.2.")
    String id;

    @Option(names = "--level", paramLabel = "N", defaultValue = "1",
            description = "Which hint (default: ${DEFAULT-VALUE}).")
    int level;

    @Override
    public Integer call() {
        CourseEnv env = parent.env();
        Exercise exercise = Manifests.exercise(Manifests.load(env), id);
        List<String> hints = exercise.hints();
        if (hints.isEmpty()) {
            env.out().println("Exercise " + exercise.id() + " (" + exercise.title() + ") has no hints. Read its lesson: "
                    + exercise.lesson());
            return 0;
        }
        if (level < 1 || level > hints.size()) {
            throw new CourseException(Course.USAGE, "exercise " + exercise.id() + " has " + count(hints.size())
                    + ": use --level 1" + (hints.size() > 1 ? " to " + hints.size() : "") + ", not " + level);
        }
        env.out().println("Hint " + level + " of " + hints.size() + " for " + exercise.id() + " " + exercise.title()
                + ":");
        env.out().println();
        for (String line : Text.wrap(hints.get(level - 1), 76)) {
            env.out().println("  " + line);
        }
        env.out().println();
        if (level < hints.size()) {
            env.out().println("Still stuck? The next hint: " + Course.COMMAND + " hint " + exercise.id()
                    + " --level " + (level + 1));
        } else {
            env.out().println("That was the last hint. The lesson section: " + exercise.lesson());
        }
        env.out().flush();
        return 0;
    }

    private static String count(int n) {
        return n == 1 ? "1 hint" : n + " hints";
    }
}
