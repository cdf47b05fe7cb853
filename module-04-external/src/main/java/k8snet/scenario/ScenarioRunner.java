package k8snet.scenario;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import k8snet.Require;

/**
 * The scenario runner: runs the course's scenarios, one per figure, and prints every delivery's hops; with
 * {@code --out DIR} it also writes each scenario as a Mermaid sequence diagram, {@code DIR/NAME.md}. From the
 * kit's root:
 *
 * <pre>{@code
 * ./mvnw -q test-compile exec:java -pl module-04-external -am               # all scenarios, seed 1
 * ./mvnw -q test-compile exec:java -pl module-04-external -am -Dexec.args="--scenario services --seed 7"
 * ./mvnw -q -Preference test-compile exec:java -pl module-04-external -am -Dexec.args="--out target/figures"
 * }</pre>
 *
 * <p>({@code -am} builds modules 1-3 in the same run; {@code test-compile} because exec:java resolves test-scope
 * dependencies, the earlier modules' test-jars; {@code -Preference} runs the reference solutions. A relative
 * {@code --out} directory is taken from where Maven was started.)
 *
 * <p>On a student's build a scenario stops at the first stub it meets; the runner says which exercise it
 * needs ({@code scenario services needs exercise 3.5: Exercise 3.5: implement Conntrack.lookup}) and goes on
 * with the next scenario. Exit codes: {@value #OK} when every scenario ran, {@value #INCOMPLETE} when one could
 * not run or its file could not be written, {@value #USAGE} for a bad command line (with the usage).
 */
public final class ScenarioRunner {

    /** Every scenario ran (and was written). */
    public static final int OK = 0;
    /** At least one scenario could not run, or its file could not be written. */
    public static final int INCOMPLETE = 1;
    /** The command line was wrong. */
    public static final int USAGE = 2;

    /** The message every student stub throws: {@code "Exercise 3.5: implement Conntrack.lookup"}. */
    private static final Pattern EXERCISE = Pattern.compile("^Exercise (\\d+\\.\\d+):");

    private final PrintStream out;
    private final PrintStream err;
    private final List<Scenario> scenarios;

    /**
     * A runner of {@link Scenarios#all()} that prints to {@code out}, and problems with the command line to
     * {@code err}.
     *
     * @throws IllegalArgumentException if an argument is null
     */
    public ScenarioRunner(PrintStream out, PrintStream err) {
        this(out, err, Scenarios.all());
    }

    /** A runner of other scenarios, for tests. */
    ScenarioRunner(PrintStream out, PrintStream err, List<Scenario> scenarios) {
        this.out = Require.nonNull(out, "out");
        this.err = Require.nonNull(err, "err");
        this.scenarios = List.copyOf(Require.nonNull(scenarios, "scenarios"));
    }

    /** Runs the command line and exits with the runner's exit code when it is not {@value #OK}. */
    public static void main(String[] args) {
        int code = new ScenarioRunner(System.out, System.err).run(args);
        System.out.flush();
        if (code != OK) {
            System.exit(code);
        }
    }

    /**
     * Runs a command line (see the class doc).
     *
     * @return the exit code: {@value #OK}, {@value #INCOMPLETE} or {@value #USAGE}
     * @throws IllegalArgumentException if {@code args} or one of them is null
     */
    public int run(String... args) {
        Require.nonNull(args, "args");
        for (String arg : args) {
            Require.nonNull(arg, "argument");
        }
        RunnerOptions options;
        try {
            options = RunnerOptions.parse(args);
        } catch (IllegalArgumentException e) {
            return usage(e.getMessage());
        }
        if (options.help()) {
            out.println(RunnerOptions.USAGE);
            return OK;
        }
        if (options.list()) {
            int width = scenarios.stream().mapToInt(s -> s.name().length()).max().orElse(0);
            for (Scenario s : scenarios) {
                out.printf("%-" + width + "s  figure %2d  %s%n", s.name(), s.figure(), s.title());
            }
            return OK;
        }
        List<Scenario> chosen = scenarios;
        if (options.scenario().isPresent()) {
            String name = options.scenario().get();
            Optional<Scenario> one = scenarios.stream().filter(s -> s.name().equals(name)).findFirst();
            if (one.isEmpty()) {
                return usage("unknown scenario \"" + name + "\" (known: "
                        + String.join(", ", scenarios.stream().map(Scenario::name).toList()) + ")");
            }
            chosen = List.of(one.get());
        }
        List<String> missed = new ArrayList<>();
        for (Scenario scenario : chosen) {
            if (!runOne(scenario, options)) {
                missed.add(scenario.name());
            }
        }
        out.println(missed.isEmpty()
                ? chosen.size() + " of " + chosen.size() + " scenarios ran (seed " + options.seed() + ")"
                : (chosen.size() - missed.size()) + " of " + chosen.size() + " scenarios ran (seed " + options.seed()
                        + "); not: " + String.join(", ", missed));
        return missed.isEmpty() ? OK : INCOMPLETE;
    }

    private int usage(String problem) {
        err.println("error: " + problem);
        err.println(RunnerOptions.USAGE);
        return USAGE;
    }

    /** Runs and prints one scenario; false if it could not run or could not be written. */
    private boolean runOne(Scenario scenario, RunnerOptions options) {
        out.println("=== figure " + scenario.figure() + ", " + scenario.name() + ": " + scenario.title());
        out.println(scenario.narrative());
        List<Step> steps;
        try {
            steps = scenario.run(options.seed());
        } catch (RuntimeException | LinkageError | StackOverflowError e) {
            // LinkageError: a stub met in a static initializer (ExceptionInInitializerError), and every later use
            // of that class (NoClassDefFoundError); StackOverflowError: a student's runaway recursion.
            out.println(problem(scenario, e));
            out.println();
            return false;
        }
        for (Step step : steps) {
            out.println();
            out.println("--- " + step.label());
            out.println(step.delivery().trace().render());
            out.println("  => " + step.outcome());
        }
        out.println();
        if (options.out().isEmpty()) {
            return true;
        }
        Path file = options.out().get().resolve(scenario.name() + ".md");
        try {
            Files.createDirectories(options.out().get());
            Files.writeString(file, Markdown.of(scenario, steps, options.seed()), StandardCharsets.UTF_8);
            out.println("wrote " + file);
            out.println();
            return true;
        } catch (IOException | RuntimeException e) {
            out.println("scenario " + scenario.name() + ": cannot write " + file + ": " + e);
            out.println();
            return false;
        }
    }

    /**
     * One line on why a scenario could not run: the exercise a stub names, if one is anywhere in the causes;
     * otherwise the exception's type and message.
     */
    static String problem(Scenario scenario, Throwable e) {
        Throwable t = e;
        for (int depth = 0; t != null && depth < 16; depth++, t = t.getCause()) {
            if (t instanceof UnsupportedOperationException && t.getMessage() != null) {
                Matcher m = EXERCISE.matcher(t.getMessage());
                if (m.find()) {
                    return "scenario " + scenario.name() + " needs exercise " + m.group(1) + ": "
                            + oneLine(t.getMessage());
                }
            }
        }
        String message = e.getMessage() == null ? "" : ": " + oneLine(e.getMessage());
        return "scenario " + scenario.name() + " failed: " + e.getClass().getSimpleName() + message;
    }

    private static String oneLine(String text) {
        return text.replaceAll("\\s+", " ").trim();
    }
}
