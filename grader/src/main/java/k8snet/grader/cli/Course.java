package k8snet.grader.cli;

import java.io.PrintWriter;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

import k8snet.grader.engine.Engine;
import k8snet.grader.engine.ForkingEngine;
import k8snet.grader.manifest.Manifest;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The {@code course} command: the student's progress board, hints, the instructor's grading, the export
 * of the student kit and the kit's self-check. Without a subcommand it runs {@code check}.
 *
 * <p>The launcher scripts ({@code ./course}, {@code course.cmd}) pass the kit root as the system property
 * {@code course.kit} and whether standard output is a terminal as {@code course.tty}.
 */
@Command(name = "course", mixinStandardHelpOptions = true, versionProvider = Course.Version.class,
        description = "Your progress through the course, hints, grading and the kit's self-check. "
                + "Without a command: the same as 'course check'.")
public final class Course implements Callable<Integer> {

    /**
     * The subcommands, in the order {@code --help} lists them. They are added to the command line in code,
     * not in {@code @Command}, so that a run of one of them reflects over only that one (see
     * {@link #commandLine(CourseEnv, String...)}).
     */
    static final List<Class<?>> SUBCOMMANDS = List.of(CheckCommand.class, WatchCommand.class, HintCommand.class,
            ListCommand.class, ResetCommand.class, SolutionCommand.class, GradeCommand.class,
            ExportStudentCommand.class, GradescopeCommand.class, GradescopeRunCommand.class, ClassroomCommand.class,
            ClassroomGradeCommand.class, SelfCheckCommand.class);

    /** Exit code for bad usage and broken setup (unknown id, unreadable manifest), as picocli uses. */
    static final int USAGE = 2;

    /** Exit code when the grader itself failed. */
    static final int INTERNAL_ERROR = 3;

    /** How the student starts the command; used in the advice the board prints. */
    static final String COMMAND = "./course";

    private final CourseEnv env;

    public Course(CourseEnv env) {
        this.env = env;
    }

    CourseEnv env() {
        return env;
    }

    @Option(names = "--no-color", description = "Plain text, no colours (also when NO_COLOR is set or piped).")
    boolean noColor;

    @Override
    public Integer call() {
        return CheckCommand.check(env, Optional.empty(), noColor);
    }

    /** The command line with every subcommand, the environment's output streams and exit codes wired in. */
    public static CommandLine commandLine(CourseEnv env) {
        return commandLine(env, new String[0], true);
    }

    /**
     * The command line for {@code args}: when the first argument names a subcommand, only that subcommand
     * is added, else (no argument, an option, a mistyped name, {@code help}) all of them. Picocli reads a
     * command's annotations by reflection when it is added, and on JDK 17 its classes (compiled for Java 5)
     * are never in the class data archive, so in a fresh JVM the whole tree costs tens of milliseconds that
     * a student's {@code ./course check 1.2} does not need. What a command line of one subcommand parses
     * and prints for that subcommand is what the whole tree does ({@code CourseCommandsTest}).
     */
    public static CommandLine commandLine(CourseEnv env, String... args) {
        return commandLine(env, args, false);
    }

    private static CommandLine commandLine(CourseEnv env, String[] args, boolean all) {
        if (env == null || args == null) {
            throw new IllegalArgumentException("Environment and arguments must not be null");
        }
        CommandLine cli = new CommandLine(new Course(env));
        Class<?> only = all || args.length == 0 || args[0] == null ? null : SUBCOMMANDS.stream()
                .filter(c -> c.getAnnotation(Command.class).name().equals(args[0])).findFirst().orElse(null);
        for (Class<?> sub : SUBCOMMANDS) {
            if (only == null || sub == only) {
                cli.addSubcommand(new CommandLine(sub));
            }
        }
        cli.setOut(env.out());
        cli.setErr(env.err());
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> failed(env, e));
        return cli;
    }

    /** What a command that threw prints, and its exit code: the course's own refusals, else a grader bug. */
    static int failed(CourseEnv env, Exception e) {
        if (e instanceof CourseException ce) {
            env.err().println("course: " + ce.getMessage());
            env.err().flush();
            return ce.exitCode();
        }
        // A bug in the grader, not in the student's code: say so first, then the details for a report.
        env.err().println("course: the course command itself failed (" + e + "). This is not your code's"
                + " fault; please report it with the details below.");
        e.printStackTrace(env.err());
        env.err().flush();
        return INTERNAL_ERROR;
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        Path kit = kitRoot();
        boolean terminal = isTerminal();
        Optional<QuickCheck.Check> quick = QuickCheck.parse(args);
        boolean serve = quick.isPresent() && CheckClient.enabled(System.getenv());
        CheckClient.Offer offer = CheckClient.Offer.notServed(false);
        if (serve) {
            offer = CheckClient.offer(kit, new CheckProtocol.Request(CheckProtocol.build().orElse(""), terminal,
                    List.of(args), System.getenv(), CheckProtocol.settings(System.getProperties())), System.out,
                    System.err);
            if (offer.exitCode().isPresent()) {
                System.exit(offer.exitCode().getAsInt());
            }
        }
        CourseEnv env = new CourseEnv(kit, Manifest::load, Course::defaultEngine, out, err, terminal,
                System.getenv(), System.in);
        int code = quick.map(c -> QuickCheck.run(env, CheckCommand.ownWork(kit), c))
                .orElseGet(() -> commandLine(env, args).execute(args));
        out.flush();
        err.flush();
        if (offer.startServer() && CheckClient.mayStart(System.getenv(), terminal) && CheckClient.startServer(kit, args)
                && terminal) {
            err.println("course: a check server now runs in the background, so that the next checks are quicker"
                    + " (it ends after " + CheckServer.IDLE.toMinutes() + " idle minutes; COURSE_SERVER=off turns"
                    + " it off).");
        }
        System.exit(code);
    }

    /** The grading engine: a forked, time- and memory-limited JUnit run per module. */
    static Engine defaultEngine() {
        try {
            return new ForkingEngine();
        } catch (IllegalArgumentException | IllegalStateException e) {
            // A bad system property (a time limit, course.sandbox) or a forced sandbox this machine lacks.
            throw new CourseException(USAGE, e.getMessage());
        }
    }

    /**
     * The kit root: the {@code course.kit} property the launchers set, else the nearest folder at or above
     * the working directory that holds {@code course.yaml}, else the working directory.
     */
    static Path kitRoot() {
        String property = System.getProperty("course.kit");
        if (property != null && !property.isBlank()) {
            return Path.of(property).toAbsolutePath().normalize();
        }
        Path here = Path.of("").toAbsolutePath();
        for (Path p = here; p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("course.yaml"))) {
                return p;
            }
        }
        return here;
    }

    /**
     * Whether standard output is a terminal. The launchers know for sure ({@code [ -t 1 ]}) and pass it in
     * {@code course.tty}; otherwise {@code System.console()}, which since JDK 22 exists even when piped, so
     * {@code Console.isTerminal()} is asked where it exists.
     */
    static boolean isTerminal() {
        String property = System.getProperty("course.tty");
        if (property != null && !property.isBlank()) {
            return Boolean.parseBoolean(property);
        }
        var console = System.console();
        if (console == null) {
            return false;
        }
        try {
            Method isTerminal = console.getClass().getMethod("isTerminal");
            return (Boolean) isTerminal.invoke(console);
        } catch (ReflectiveOperationException e) {
            return true;
        }
    }

    /**
     * Whether standard input is a terminal (keys for {@code watch}): the launcher's {@code course.stdin.tty}
     * ({@code [ -t 0 ]}), else {@code System.console()} as in {@link #isTerminal()}.
     */
    static boolean stdinIsTerminal() {
        String property = System.getProperty("course.stdin.tty");
        if (property != null && !property.isBlank()) {
            return Boolean.parseBoolean(property);
        }
        var console = System.console();
        if (console == null) {
            return false;
        }
        try {
            Method isTerminal = console.getClass().getMethod("isTerminal");
            return (Boolean) isTerminal.invoke(console);
        } catch (ReflectiveOperationException e) {
            return true;
        }
    }

    /** The version from the jar's manifest, when the build wrote one. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = Optional.ofNullable(Course.class.getPackage().getImplementationVersion())
                    .orElse("(development build)");
            return new String[] {"course " + version, "Kubernetes Networking, Hands-On: the course command",
                    "Java " + System.getProperty("java.version")};
        }
    }
}
