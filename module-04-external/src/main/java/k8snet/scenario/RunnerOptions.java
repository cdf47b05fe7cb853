package k8snet.scenario;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;

import k8snet.Require;

/**
 * The scenario runner's command line, parsed: {@code --list}, {@code --scenario NAME}, {@code --seed N},
 * {@code --out DIR}, {@code --help}. A value may follow its option as the next argument or after {@code =}
 * ({@code --seed=7}).
 *
 * @param list print the scenarios' names and titles, run nothing
 * @param help print the usage, run nothing
 * @param scenario the one scenario to run; empty for all of them
 * @param seed the seed of every random choice in the model; default 1
 * @param out where to write one Mermaid file per scenario; empty for none
 */
public record RunnerOptions(boolean list, boolean help, Optional<String> scenario, long seed, Optional<Path> out) {

    /** The seed when none is given. */
    public static final long DEFAULT_SEED = 1;

    /** What {@code --help} prints, and what follows a bad option. */
    public static final String USAGE = String.join("\n",
            "Usage: scenarios [--list] [--scenario NAME] [--seed N] [--out DIR] [--help]",
            "Runs the course's scenarios, one per figure, and prints each delivery's hops.",
            "  --list            list the scenarios (name, figure, title) and stop",
            "  --scenario NAME   run only this scenario (default: all, in figure order)",
            "  --seed N          seed of every random choice in the model (default " + DEFAULT_SEED + ")",
            "  --out DIR         also write DIR/NAME.md per scenario: a Mermaid sequence diagram",
            "  --help            print this text and stop",
            "Exit code: 0 if every scenario ran, 1 if one could not (a stub not written yet), 2 for bad options.",
            "From the kit's root: ./mvnw -q test-compile exec:java -pl module-04-external -am -Dexec.args=\"--list\"",
            "(add -Preference for the reference solutions).");

    /** @throws IllegalArgumentException if an argument is null */
    public RunnerOptions {
        Require.nonNull(scenario, "scenario");
        Require.nonNull(out, "out");
    }

    /**
     * Parses the arguments.
     *
     * @throws IllegalArgumentException with a one-line message for people when an option is unknown, lacks its
     *     value, is given twice, or has a bad value (a seed that is not a whole number, an empty name or path)
     */
    public static RunnerOptions parse(String... args) {
        Require.nonNull(args, "args");
        boolean list = false;
        boolean help = false;
        String scenario = null;
        Long seed = null;
        Path out = null;
        for (int i = 0; i < args.length; i++) {
            String arg = Require.nonNull(args[i], "argument");
            String name = arg;
            String value = null;
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 0) {
                name = arg.substring(0, eq);
                value = arg.substring(eq + 1);
            }
            switch (name) {
                case "--list" -> {
                    noValue(name, value);
                    list = true;
                }
                case "--help", "-h" -> {
                    noValue(name, value);
                    help = true;
                }
                case "--scenario" -> {
                    once(name, scenario);
                    if (value == null) {
                        value = next(args, ++i, name, "NAME");
                    }
                    Require.argument(!value.isBlank(), "--scenario needs a scenario name, got an empty one");
                    scenario = value;
                }
                case "--seed" -> {
                    once(name, seed);
                    if (value == null) {
                        value = next(args, ++i, name, "N");
                    }
                    try {
                        seed = Long.parseLong(value.trim());
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("--seed needs a whole number, got \"" + value + "\"", e);
                    }
                }
                case "--out" -> {
                    once(name, out);
                    if (value == null) {
                        value = next(args, ++i, name, "DIR");
                    }
                    Require.argument(!value.isBlank(), "--out needs a directory, got an empty one");
                    try {
                        out = Path.of(value);
                    } catch (InvalidPathException e) {
                        throw new IllegalArgumentException("--out needs a directory, got \"" + value + "\": "
                                + e.getReason(), e);
                    }
                }
                default -> throw new IllegalArgumentException(arg.startsWith("-")
                        ? "unknown option \"" + arg + "\""
                        : "unexpected argument \"" + arg + "\" (a scenario is chosen with --scenario NAME)");
            }
        }
        return new RunnerOptions(list, help, Optional.ofNullable(scenario), seed == null ? DEFAULT_SEED : seed,
                Optional.ofNullable(out));
    }

    private static String next(String[] args, int i, String option, String what) {
        Require.argument(i < args.length && !args[i].startsWith("--"),
                option + " needs a value: " + option + " " + what);
        return args[i];
    }

    private static void noValue(String option, String value) {
        Require.argument(value == null, option + " takes no value, got \"" + value + "\"");
    }

    private static void once(String option, Object earlier) {
        Require.argument(earlier == null, option + " is given twice");
    }
}
