package k8snet.grader.platform;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The two scripts at the top of a Gradescope autograder bundle
 * (https://gradescope-autograders.readthedocs.io/en/latest/specs/): {@code setup.sh}, which Gradescope runs once
 * as root to build the image, and {@code run_autograder}, which it runs for each submission. Their text lives in
 * this package's resources; {@code run_autograder} gets the options of {@code course gradescope-run} and the
 * course commit the bundle was built from. Line endings are always LF, as the shells need.
 */
public final class GradescopeScripts {

    /**
     * The course command's JVM options on Gradescope: the simple JIT and collector (as the launcher uses), a heap
     * that leaves room for the forked test JVM, and smaller code and class caches.
     */
    public static final String JAVA_OPTS = "-XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xmx256m "
            + "-XX:ReservedCodeCacheSize=64m -XX:MaxMetaspaceSize=128m";

    private GradescopeScripts() {
    }

    /** {@code setup.sh}. */
    public static String setup() {
        return resource("setup.sh");
    }

    /**
     * {@code run_autograder}, passing {@code runOptions} to {@code course gradescope-run}.
     *
     * @param runOptions options such as {@code --isolated} or {@code --hidden-tests "$SOURCE/hidden-tests"}, each
     *     already quoted for the shell
     * @param commit the course commit the bundle is built from, when known
     */
    public static String runAutograder(List<String> runOptions, Optional<String> commit) {
        Objects.requireNonNull(runOptions, "runOptions");
        Objects.requireNonNull(commit, "commit");
        StringBuilder options = new StringBuilder();
        runOptions.forEach(o -> options.append(' ').append(o));
        return resource("run_autograder")
                .replace("@COURSE_COMMIT@", commit.orElse("(not a git checkout)"))
                .replace("@JAVA_OPTS@", JAVA_OPTS)
                .replace("@RUN_OPTIONS@", options);
    }

    private static String resource(String name) {
        try (InputStream in = GradescopeScripts.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("The grader is missing its resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("\r\n", "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the grader's resource " + name, e);
        }
    }
}
