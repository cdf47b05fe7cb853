package k8snet.grader.engine;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import k8snet.grader.manifest.Exercise;

/**
 * Compiles one module's main code, falling back file by file: when a student's file does not compile, that
 * file alone is replaced by its stub (a new file of the submission is left out) and the module is compiled
 * again, so a syntax error in {@code CachingResolver.java} leaves {@code Hostname.java} of the same exercise
 * graded as written. When the errors lie only in provided code or stubs (a student's file changed an API
 * they use), every student file of the module falls back at once. The exercises whose files fell back keep
 * the compiler's messages.
 *
 * <p>After each compile the {@link AllowlistGate} (when on) checks the student's classes; a refused file is
 * a compile error of that file and falls back like one. In a student's own check (the student's files, in the kit)
 * its passes are written down in the compile cache, so the next check does not check unchanged modules again.
 *
 * <p>A student's own {@code check} edits the stubs in place; the stubs to fall back to come from the
 * request ({@link RunRequest#ownStubs()}: the kit's {@code stubs/} copies or git's {@code HEAD}). Without them
 * the module does not compile, and each exercise is told which files broke it. There the module is compiled
 * by {@link IncrementalCompile}, which compiles only the edited files when their ABI is unchanged.
 */
final class MainBuilder {

    /** The outcome of building one module's main code. */
    static final class MainBuild {
        private ClassFolder classes;
        private final Set<String> reverted = new LinkedHashSet<>();
        private final Map<String, List<String>> errors = new LinkedHashMap<>();
        private List<String> allErrors = List.of();

        /** The classes, or null when the module does not compile even with every fallback. */
        ClassFolder classes() {
            return classes;
        }

        /** The compiler's messages for this exercise's files (empty when they compiled). */
        List<String> errorsOf(String exerciseId) {
            return errors.getOrDefault(exerciseId, classes == null ? allErrors : List.of());
        }

        /** Whether every file of the exercise fell back to its stub (nothing of the student's is left to test). */
        boolean allReverted(Exercise e) {
            return reverted.containsAll(e.files());
        }
    }

    private final Compiler compiler;
    /** For a student's own check and watch, where one module is compiled again after each edit. */
    private final IncrementalCompile incremental;
    /** The allowlist check of compiled student classes, or null when it is off. */
    private final AllowlistGate gate;
    private final ModuleSources layering;
    private final SubmissionAdmission admission;
    private final KitClasses kitClasses;
    private final Function<String, Origin> origin;
    private final boolean submissionIsKit;
    private final Path layout;
    private final Timing timing;
    private final Collection<String> warnings;
    private final Collection<String> tampered;
    /** Where a student's own check writes down the allowlist's passes, or null (graded runs). */
    private final Path passes;

    MainBuilder(Compiler compiler, IncrementalCompile incremental, AllowlistGate gate, ModuleSources layering,
                SubmissionAdmission admission, KitClasses kitClasses, Function<String, Origin> origin,
                boolean submissionIsKit, Path layout, Timing timing, Collection<String> warnings,
                Collection<String> tampered, Path passes) {
        this.compiler = compiler;
        this.incremental = incremental;
        this.gate = gate;
        this.layering = layering;
        this.admission = admission;
        this.kitClasses = kitClasses;
        this.origin = origin;
        this.submissionIsKit = submissionIsKit;
        this.layout = layout;
        this.timing = timing;
        this.warnings = warnings;
        this.tampered = tampered;
        this.passes = passes;
    }

    /** Builds {@code module} (whose exercises are {@code exercises}) against the modules before it. */
    MainBuild build(String module, List<Exercise> exercises, List<Path> classpath) {
        MainBuild build = new MainBuild();
        Map<String, Exercise> owner = new LinkedHashMap<>();
        exercises.forEach(e -> e.files().forEach(f -> owner.put(f, e)));
        Map<String, String> dirOwner = new LinkedHashMap<>();
        exercises.stream().filter(e -> origin.apply(e.id()) == Origin.SUBMISSION)
                .forEach(e -> e.files().forEach(f -> dirOwner.putIfAbsent(SubmissionAdmission.parent(f), e.id())));
        Map<String, SubmissionAdmission.NewFile> newFiles = submissionIsKit ? Map.of()
                : admission.scan(module, dirOwner, owner.keySet());
        timing.mark("scan the submission's " + module);
        for (int round = 0; round <= owner.size() + newFiles.size() + 1; round++) {
            List<Compiler.Source> sources = layering.main(module, owner, build.reverted, newFiles);
            Path dir = layout.resolve(module).resolve("main");
            Compiler.Result r = submissionIsKit
                    ? incremental.compile("main-" + module, dir, sources, List.copyOf(classpath),
                            kitClasses.forbiddenInMain(module), kitClasses.forbiddenKey(module))
                    : compiler.compile("main-" + module, dir, sources, List.of(), List.copyOf(classpath),
                            kitClasses.forbiddenInMain(module), kitClasses.forbiddenKey(module));
            boolean edited = submissionIsKit && incremental.lastIncremental();
            timing.mark("compile " + module + " round " + round
                    + (edited ? " (edited files only)" : r.cached() ? " (cached)" : ""));
            if (gate != null) {
                r = gate.apply(r, sources, passes);
                timing.mark("allowlist check of " + module + (r.ok() ? "" : ": refused"));
            }
            if (r.ok()) {
                for (String removed : r.removed()) {
                    warnings.add("ignored class " + removed + " compiled from the sources of " + module + ": "
                            + kitClasses.shadowReason(removed));
                    tampered.add(module + ": class " + removed);
                }
                build.classes = r.folder();
                return build;
            }
            Map<String, String> blamed = new LinkedHashMap<>();
            for (Compiler.Error err : r.errors()) {
                Compiler.Source s = err.source();
                if (s != null && s.exerciseId() != null && !build.reverted.contains(s.rel())
                        && layering.canRevert(s.exerciseId())) {
                    blamed.put(s.rel(), s.exerciseId());
                }
            }
            boolean collective = blamed.isEmpty();
            if (collective) {
                for (Compiler.Source s : sources) {
                    if (s.exerciseId() != null && !build.reverted.contains(s.rel()) && layering.canRevert(s.exerciseId())
                            && (owner.containsKey(s.rel()) || newFiles.containsKey(s.rel()))
                            && origin.apply(s.exerciseId()) != Origin.STUB) {
                        blamed.put(s.rel(), s.exerciseId());
                    }
                }
            }
            List<String> all = r.errors().stream().map(Compiler.Error::format).toList();
            if (blamed.isEmpty()) {
                failed(build, module, r, all);
                return build;
            }
            for (String id : new LinkedHashSet<>(blamed.values())) {
                List<String> own = collective ? all : r.errors().stream()
                        .filter(err -> err.source() != null && id.equals(err.source().exerciseId()))
                        .map(Compiler.Error::format).toList();
                build.errors.computeIfAbsent(id, k -> new ArrayList<>()).addAll(own);
            }
            build.reverted.addAll(blamed.keySet());
            if (submissionIsKit) {
                blamed.forEach((rel, id) -> warnings.add("exercise " + id + ": " + module + "/src/main/java/" + rel
                        + " does not compile, so its stub stood in for it while the rest was graded"));
            }
        }
        build.allErrors = List.of(module + " does not compile");
        return build;
    }

    /** Nothing is left to fall back to: each exercise is told what broke the module. */
    private void failed(MainBuild build, String module, Compiler.Result r, List<String> all) {
        Map<String, List<String>> own = new LinkedHashMap<>();
        for (Compiler.Error err : r.errors()) {
            if (err.source() != null && err.source().exerciseId() != null) {
                own.computeIfAbsent(err.source().exerciseId(), k -> new ArrayList<>()).add(err.format());
            }
        }
        if (submissionIsKit && !own.isEmpty()) {
            own.forEach((id, messages) -> build.errors.computeIfAbsent(id, k -> new ArrayList<>()).addAll(messages));
            List<String> files = r.errors().stream().filter(e -> e.source() != null && e.source().exerciseId() != null)
                    .map(e -> e.source().display() + " (exercise " + e.source().exerciseId() + ")").distinct().toList();
            build.allErrors = List.of("not compiled: " + String.join(", ", files) + " does not compile, and the code of "
                    + module + " is compiled together");
            return;
        }
        build.allErrors = all;
        if (!submissionIsKit) {
            warnings.add(module + " does not compile even with the kit's stubs: " + String.join("; ", all));
        }
    }
}
