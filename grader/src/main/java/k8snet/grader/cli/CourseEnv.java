package k8snet.grader.cli;

import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;

import k8snet.grader.board.Style;
import k8snet.grader.engine.Engine;
import k8snet.grader.manifest.Manifest;

/**
 * Everything a command needs from the outside world, passed in rather than read from statics so the
 * commands can be tested with a fake engine, a manifest built in code and captured output.
 *
 * @param kitRoot the course kit (where {@code course.yaml} lives)
 * @param manifestLoader reads the manifest of a kit root
 * @param engine makes the engine that builds and tests code (called once per command, lazily)
 * @param out standard output
 * @param err standard error
 * @param terminal whether standard output is an interactive terminal (colour and progress bars)
 * @param environment the process environment ({@code NO_COLOR} and {@code TERM} for colour; the platform
 *     commands read {@code AUTOGRADER_ROOT}, {@code GITHUB_OUTPUT} and {@code GITHUB_STEP_SUMMARY})
 * @param in standard input: the answer to {@code reset}'s question, the keys of {@code watch}
 */
public record CourseEnv(Path kitRoot, Function<Path, Manifest> manifestLoader, Supplier<Engine> engine,
                        PrintWriter out, PrintWriter err, boolean terminal, Map<String, String> environment,
                        InputStream in) {

    public CourseEnv {
        Objects.requireNonNull(kitRoot, "kitRoot");
        Objects.requireNonNull(manifestLoader, "manifestLoader");
        Objects.requireNonNull(engine, "engine");
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(err, "err");
        Objects.requireNonNull(in, "in");
        environment = Map.copyOf(environment);
    }

    /** An environment whose standard input is empty (a command that asks finds no answer). */
    public CourseEnv(Path kitRoot, Function<Path, Manifest> manifestLoader, Supplier<Engine> engine,
                     PrintWriter out, PrintWriter err, boolean terminal, Map<String, String> environment) {
        this(kitRoot, manifestLoader, engine, out, err, terminal, environment, InputStream.nullInputStream());
    }

    /** The manifest of this kit. */
    public Manifest manifest() {
        return manifestLoader.apply(kitRoot);
    }

    /**
     * Colour only for a person at a terminal: never when piped, when {@code NO_COLOR} is set to anything
     * but the empty string (https://no-color.org), on a {@code dumb} terminal, or when asked not to.
     */
    public Style style(boolean noColorFlag) {
        String noColor = environment.get("NO_COLOR");
        boolean colour = terminal && !noColorFlag && (noColor == null || noColor.isEmpty())
                && !"dumb".equals(environment.get("TERM"));
        return colour ? Style.ANSI : Style.PLAIN;
    }
}
