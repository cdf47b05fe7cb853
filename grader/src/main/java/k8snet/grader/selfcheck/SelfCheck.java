package k8snet.grader.selfcheck;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;

import k8snet.grader.engine.Engine;
import k8snet.grader.manifest.Manifest;

/**
 * The kit's self-check, for maintainers: the manifest matches the code, every graded test fails on the
 * stubs (and the stubs compile), every exercise passes in course order (with the stubs of the later ones),
 * every solution file has its stub and both declare the same public API, and whatever further checks the command
 * adds (the list of the stubs' git blobs).
 * The reference build and the graded tests ran in Maven before this, and so did the grader's own tests; after
 * them, the reference traces the tests recorded are the committed ones ({@link ReferenceTracesCheck}). Each
 * check is a class of its own ({@link StubsFailCheck}, {@link InOrderCheck}, {@link FilePairsCheck},
 * {@link SameApiCheck}); this
 * one runs them in order, keeps one that throws from stopping the others, and prints their lines.
 *
 * <p>It prints one line per check (PASS/FAIL, counts, and what is wrong by name), then a total line;
 * {@link #run} returns the exit code: 0 when every check passed.
 *
 * <pre>{@code
 * ./mvnw -Pselfcheck verify     # the whole self-check, as CI runs it
 * ./course selfcheck            # only these checks, against the current sources
 * }</pre>
 */
public final class SelfCheck {

    /** A failed check prints at most this many of its problems, then how many more there are. */
    static final int MAX_DETAILS = 25;

    /** The outcome of one check. */
    public record Check(String name, boolean passed, String summary, List<String> problems) {
        public Check {
            problems = List.copyOf(problems);
        }
    }

    private final Path kitRoot;
    private final Manifest manifest;
    private final Supplier<Engine> engine;
    private final boolean graderTestsRan;
    private final Map<String, Function<Path, Check>> more;

    /**
     * @param kitRoot the kit, with its stubs, solutions/ and graded tests
     * @param manifest its course manifest
     * @param engine the grading engine, for the stub runs
     * @param graderTestsRan whether the grader's own tests ran (in Maven) before this check
     */
    public SelfCheck(Path kitRoot, Manifest manifest, Supplier<Engine> engine, boolean graderTestsRan) {
        this(kitRoot, manifest, engine, graderTestsRan, Map.of());
    }

    /**
     * @param more further checks by name, run after the API check in their map's order (the command adds the
     *        ones that ask git about the kit, such as the stubs' blob list)
     */
    public SelfCheck(Path kitRoot, Manifest manifest, Supplier<Engine> engine, boolean graderTestsRan,
            Map<String, Function<Path, Check>> more) {
        this.kitRoot = Objects.requireNonNull(kitRoot, "kitRoot").toAbsolutePath().normalize();
        this.manifest = Objects.requireNonNull(manifest, "manifest");
        this.engine = Objects.requireNonNull(engine, "engine");
        this.graderTestsRan = graderTestsRan;
        this.more = new LinkedHashMap<>(Objects.requireNonNull(more, "more"));
    }

    /** Runs every check, printing each line as it finishes; returns 0 when all passed, 1 otherwise. */
    public int run(PrintWriter out) {
        long start = System.nanoTime();
        out.println("Kit self-check: " + kitRoot);
        out.flush();
        List<Check> checks = new ArrayList<>();
        Map<String, Supplier<Check>> all = new LinkedHashMap<>();
        all.put("manifest", this::manifestMatches);
        all.put(StubsFailCheck.NAME, () -> new StubsFailCheck(kitRoot, manifest, engine.get()).run());
        all.put(InOrderCheck.NAME, () -> new InOrderCheck(kitRoot, manifest, engine.get()).run());
        all.put(FilePairsCheck.NAME, () -> new FilePairsCheck(kitRoot, manifest).run());
        all.put(SameApiCheck.NAME, () -> new SameApiCheck(kitRoot, manifest).run());
        more.forEach((name, check) -> all.put(name, () -> check.apply(kitRoot)));
        for (Map.Entry<String, Supplier<Check>> check : all.entrySet()) {
            Check c = guarded(check.getKey(), check.getValue());
            print(out, c);
            checks.add(c);
        }
        if (graderTestsRan) {
            Check traces = guarded("traces", () -> new ReferenceTracesCheck(kitRoot, manifest).run());
            print(out, traces);
            checks.add(traces);
        } else {
            out.printf(Locale.ROOT, "%-5s %-13s %s%n", "SKIP", "traces",
                    "not run here: ./mvnw -Pselfcheck verify records the reference traces before this check");
        }
        if (graderTestsRan) {
            Check c = new Check("grader tests", true, "the grader's own tests ran and passed in Maven before this step",
                    List.of());
            print(out, c);
            checks.add(c);
        } else {
            out.printf(Locale.ROOT, "%-5s %-13s %s%n", "SKIP", "grader tests",
                    "not run here: ./mvnw -Pselfcheck verify runs them before this check");
        }
        long failed = checks.stream().filter(c -> !c.passed()).count();
        out.printf(Locale.ROOT, "%-5s %d passed, %d failed (%.1f s)%n", "TOTAL", checks.size() - failed, failed,
                (System.nanoTime() - start) / 1e9);
        out.println(failed == 0 ? "The kit is consistent." : "The kit has problems: see the FAIL lines above.");
        out.flush();
        return failed == 0 ? 0 : 1;
    }

    /** (a) The manifest is valid and matches the code (files, test classes and modules exist). */
    Check manifestMatches() {
        List<String> problems = manifest.verifyAgainst(kitRoot);
        int files = manifest.exercises().stream().mapToInt(e -> e.files().size()).sum();
        String counts = manifest.modules().size() + " modules, " + manifest.exercises().size() + " exercises, "
                + files + " student files";
        return problems.isEmpty()
                ? new Check("manifest", true, counts + "; course.yaml matches the code", problems)
                : new Check("manifest", false, problems.size() + " problem(s) in course.yaml", problems);
    }

    /** A check that throws fails with the exception as its problem, and the others still run. */
    private static Check guarded(String name, Supplier<Check> check) {
        try {
            return check.get();
        } catch (RuntimeException | LinkageError e) {
            return new Check(name, false, "could not run",
                    List.of(e.getClass().getSimpleName() + ": " + e.getMessage()));
        }
    }

    private static void print(PrintWriter out, Check c) {
        out.printf(Locale.ROOT, "%-5s %-13s %s%n", c.passed() ? "PASS" : "FAIL", c.name(), c.summary());
        int shown = Math.min(c.problems().size(), MAX_DETAILS);
        for (int i = 0; i < shown; i++) {
            out.println("        " + c.problems().get(i));
        }
        if (c.problems().size() > shown) {
            out.println("        ... and " + (c.problems().size() - shown) + " more");
        }
        out.flush();
    }

    /**
     * Runs the self-check as {@code course selfcheck} does; Maven's {@code selfcheck} profile calls this with
     * {@code --after-maven} once the grader's own tests passed.
     */
    public static void main(String[] args) {
        String[] all = new String[args.length + 1];
        all[0] = "selfcheck";
        System.arraycopy(args, 0, all, 1, args.length);
        k8snet.grader.cli.Course.main(all);
    }
}
