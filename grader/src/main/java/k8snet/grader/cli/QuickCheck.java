package k8snet.grader.cli;

import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Pattern;

/**
 * The student's most frequent commands, {@code ./course}, {@code ./course check} and {@code ./course check ID}
 * (with {@code --no-color} and {@code --all}, each at most once), run without picocli. Picocli sets up its
 * type converters, help styles and patterns before it parses anything, and on JDK 17 its classes, compiled
 * for Java 5, cannot come from the class data archive: about 60 ms of each check in a fresh JVM. Any other
 * argument (help, an unknown option, an {@code @file}, a second id) is left to picocli, which parses it as
 * always; for the arguments this accepts, it does what picocli's {@link CheckCommand} does
 * ({@code QuickCheckTest} compares the two).
 */
final class QuickCheck {

    /** What may be an exercise id here; anything else goes to picocli, whose answer it then is. */
    private static final Pattern ID = Pattern.compile("[0-9A-Za-z][0-9A-Za-z._]*");

    private QuickCheck() {
    }

    /** A check these arguments ask for: the exercise (empty: all) and the two flags. */
    record Check(Optional<String> id, boolean noColor, boolean all) {
    }

    /** The check {@code args} ask for, or empty when they are for picocli. */
    static Optional<Check> parse(String... args) {
        if (args == null) {
            throw new IllegalArgumentException("Arguments must not be null");
        }
        if (args.length > 0 && !"check".equals(args[0])) {
            return Optional.empty();
        }
        boolean noColor = false;
        boolean all = false;
        String id = null;
        for (int i = 1; i < args.length; i++) {
            String a = args[i];
            if ("--no-color".equals(a) && !noColor) {
                noColor = true;
            } else if ("--all".equals(a) && !all) {
                all = true;
            } else if (a != null && id == null && ID.matcher(a).matches()) {
                id = a;
            } else {
                return Optional.empty();
            }
        }
        return Optional.of(new Check(Optional.ofNullable(id), noColor, all));
    }

    /** The exit code of the check {@code args} ask for, or empty when they are for picocli. */
    static OptionalInt run(CourseEnv env, String... args) {
        if (env == null || args == null) {
            throw new IllegalArgumentException("Environment and arguments must not be null");
        }
        return run(env, CheckCommand.ownWork(env.kitRoot()), args);
    }

    /** {@link #run(CourseEnv, String...)} in the work folder {@code work} (the check server's own). */
    static OptionalInt run(CourseEnv env, Path work, String... args) {
        if (env == null || work == null || args == null) {
            throw new IllegalArgumentException("Environment, work folder and arguments must not be null");
        }
        Optional<Check> check = parse(args);
        return check.isEmpty() ? OptionalInt.empty() : OptionalInt.of(run(env, work, check.get()));
    }

    /** The exit code of {@code check}, parsed already, run in the work folder {@code work}. */
    static int run(CourseEnv env, Path work, Check check) {
        try {
            return CheckCommand.check(env, check.id(), check.noColor(), check.all(), work);
        } catch (Exception e) {
            return Course.failed(env, e);
        }
    }
}
