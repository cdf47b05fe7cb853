package k8snet.grader.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import k8snet.grader.manifest.Exercise;
import k8snet.grader.manifest.HintTopic;
import k8snet.grader.manifest.Hints;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code course hint ID [--topic NAME] [--level N]}: one hint at a time, from a nudge to nearly the answer.
 *
 * <p>An exercise whose hints are split into topics (one per file or concept) first shows every topic's
 * gentlest hint, so the student picks the topic they are stuck on; {@code --topic} then climbs that topic's
 * levels alone. A topic is named by its name or an unambiguous start of it, ignoring case. An exercise with
 * one unnamed ladder of hints takes {@code --level} alone, as before topics existed.
 */
@Command(name = "hint", mixinStandardHelpOptions = true,
        header = "Shows a hint for an exercise, one level at a time.",
        description = {"Shows a hint for an exercise, one level at a time (level 1 is the gentlest).",
                "Where an exercise's hints have topics (one per file or concept), the command without --topic "
                        + "shows every topic's first hint; --topic NAME --level N climbs one topic."})
final class HintCommand implements Callable<Integer> {

    private static final int WIDTH = 76;

    @ParentCommand
    Course parent;

    @Parameters(index = "0", paramLabel = "ID", description = "The exercise, such as 1.2.")
    String id;

    @Option(names = "--topic", paramLabel = "NAME",
            description = "The topic (a file or concept) of an exercise whose hints have topics; "
                    + "a name's start is enough, in any case.")
    String topic;

    @Option(names = "--level", paramLabel = "N", description = "Which hint of the topic (default: 1).")
    Integer level;

    @Override
    public Integer call() {
        CourseEnv env = parent.env();
        Exercise exercise = Manifests.exercise(Manifests.load(env), id);
        Hints hints = exercise.hints();
        PrintWriter out = env.out();
        if (!hints.named()) {
            if (topic != null) {
                throw new CourseException(Course.USAGE, "exercise " + exercise.id() + " has no hint topics: use "
                        + levels(hints.topics().get(0)) + " without --topic");
            }
            show(out, exercise, hints.topics().get(0), requestedLevel());
        } else if (topic != null) {
            show(out, exercise, find(exercise, hints, topic), requestedLevel());
        } else if (hints.topics().size() == 1) {
            show(out, exercise, hints.topics().get(0), requestedLevel());
        } else if (level != null && level != 1) {
            throw new CourseException(Course.USAGE, "exercise " + exercise.id() + " has hints on "
                    + hints.topics().size() + " topics (" + String.join(", ", hints.topicNames())
                    + "): name one with --topic to see its level " + level);
        } else {
            overview(out, exercise, hints);
        }
        out.flush();
        return 0;
    }

    private int requestedLevel() {
        return level == null ? 1 : level;
    }

    /** Every topic's first hint, then how to climb one topic. */
    private static void overview(PrintWriter out, Exercise exercise, Hints hints) {
        out.println("Hints for " + exercise.id() + " " + exercise.title() + ", on " + hints.topics().size()
                + " topics. Pick the one you are stuck on:");
        for (HintTopic t : hints.topics()) {
            out.println();
            out.println(t.name() + " (hint 1 of " + t.levels().size() + ")");
            print(out, t.levels().get(0));
        }
        if (hints.topics().stream().anyMatch(t -> t.levels().size() > 1)) {
            out.println();
            out.println("Still stuck on one topic? Its next hint: " + Course.COMMAND + " hint " + exercise.id()
                    + " --topic NAME --level 2");
            out.println("(NAME is one of " + String.join(", ", hints.topicNames())
                    + "; each topic's last hint is nearly the answer)");
        }
    }

    private static void show(PrintWriter out, Exercise exercise, HintTopic t, int level) {
        List<String> levels = t.levels();
        if (level < 1 || level > levels.size()) {
            throw new CourseException(Course.USAGE, (t.named() ? "topic " + t.name() + " of " : "") + "exercise "
                    + exercise.id() + " has " + count(levels.size()) + ": use " + levels(t) + ", not " + level);
        }
        out.println("Hint " + level + " of " + levels.size() + (t.named() ? " on " + t.name() : "") + " for "
                + exercise.id() + " " + exercise.title() + ":");
        out.println();
        print(out, levels.get(level - 1));
        out.println();
        String topicOption = t.named() ? " --topic " + t.name() : "";
        if (level < levels.size()) {
            out.println("Still stuck? The next hint: " + Course.COMMAND + " hint " + exercise.id() + topicOption
                    + " --level " + (level + 1));
        } else {
            out.println("That was the last hint" + (t.named() ? " on " + t.name() : "") + ". The lesson section: "
                    + exercise.lesson());
            List<String> others = exercise.hints().topicNames().stream().filter(n -> !n.equals(t.name())).toList();
            if (!others.isEmpty()) {
                out.println("Other topics: " + String.join(", ", others));
            }
        }
    }

    /** The topic named exactly (ignoring case), else the only one whose name starts so. */
    private static HintTopic find(Exercise exercise, Hints hints, String name) {
        var exact = hints.topic(name);
        if (exact.isPresent()) {
            return exact.get();
        }
        String start = name.toLowerCase(Locale.ROOT);
        List<HintTopic> matches = hints.topics().stream()
                .filter(t -> t.name().toLowerCase(Locale.ROOT).startsWith(start)).toList();
        if (matches.size() == 1 && !start.isEmpty()) {
            return matches.get(0);
        }
        String which = matches.size() > 1 && !start.isEmpty() ? "more than one hint topic starting with '" + name
                + "'" : "no hint topic '" + name + "'";
        throw new CourseException(Course.USAGE, "exercise " + exercise.id() + " has " + which + ". Topics: "
                + String.join(", ", hints.topicNames()));
    }

    private static void print(PrintWriter out, String hint) {
        for (String line : Text.wrap(hint, WIDTH)) {
            out.println("  " + line);
        }
    }

    private static String levels(HintTopic t) {
        int n = t.levels().size();
        return "--level 1" + (n > 1 ? " to " + n : "");
    }

    private static String count(int n) {
        return n == 1 ? "1 hint" : n + " hints";
    }
}
