package k8snet.grader.engine;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import k8snet.grader.manifest.Exercise;
import k8snet.grader.manifest.KitLayout;

/**
 * Compiles one module's graded test classes (the kit's, never the submission's, plus hidden tests) with the
 * test-support classes on the source path. One javac call for all of the module's exercises is much cheaper
 * than one per exercise; only when it fails are the exercises compiled one by one, so that one exercise's
 * compile error does not zero another. A hidden class that does not compile against the submission costs
 * only its own points: it is left out and becomes a COMPILE_ERROR result.
 */
final class TestBuilder {

    /**
     * What compiled: the exercises whose tests can run, their classes, the hidden classes left out per
     * exercise, and the exercises whose tests do not compile with the messages.
     */
    record Built(List<Exercise> running, List<ClassFolder> outputs, Map<String, List<TestResult>> brokenHidden,
                 Map<Exercise, List<String>> notCompiled) {
    }

    private final Path kit;
    private final Compiler compiler;
    private final HiddenTests hidden;
    private final Path layout;
    private final Timing timing;
    private final Collection<String> warnings;

    TestBuilder(Path kit, Compiler compiler, HiddenTests hidden, Path layout, Timing timing,
                Collection<String> warnings) {
        this.kit = kit;
        this.compiler = compiler;
        this.hidden = hidden;
        this.layout = layout;
        this.timing = timing;
        this.warnings = warnings;
    }

    Built build(String module, List<Exercise> tested, List<Compiler.Source> support, List<Path> classpath) {
        Map<Exercise, List<Compiler.Source>> testsOf = new LinkedHashMap<>();
        Map<Exercise, List<String>> notCompiled = new LinkedHashMap<>();
        Path testRoot = KitLayout.testSources(kit, module);
        for (Exercise e : tested) {
            List<Compiler.Source> tests = new ArrayList<>();
            List<String> missing = new ArrayList<>();
            for (String t : e.tests()) {
                String rel = KitLayout.sourcePath(t);
                Path file = testRoot.resolve(rel);
                if (Files.isRegularFile(file)) {
                    tests.add(new Compiler.Source(rel, SubmissionAdmission.read(file), module + "/src/test/java/" + rel,
                            e.id()));
                } else {
                    missing.add(module + "/src/test/java/" + rel + ": the graded test " + t + " is missing from the kit");
                }
            }
            tests.addAll(hidden.testsOf(e.id()));
            if (missing.isEmpty()) {
                testsOf.put(e, tests);
            } else {
                notCompiled.put(e, missing);
            }
        }
        List<ClassFolder> outputs = new ArrayList<>();
        List<Exercise> running = new ArrayList<>();
        Map<String, List<TestResult>> brokenHidden = new LinkedHashMap<>();
        Compiler.Result together = testsOf.size() < 2 ? null : compiler.compile("tests-" + module,
                layout.resolve(module).resolve("tests"), testsOf.values().stream().flatMap(List::stream).toList(),
                support, classpath, name -> false, "");
        if (together != null) {
            timing.mark("compile the tests of " + module + (together.cached() ? " (cached)" : "")
                    + (together.ok() ? "" : ": failed"));
        }
        if (together != null && together.ok()) {
            outputs.add(together.folder());
            running.addAll(testsOf.keySet());
            return new Built(running, outputs, brokenHidden, notCompiled);
        }
        for (Map.Entry<Exercise, List<Compiler.Source>> entry : testsOf.entrySet()) {
            Exercise e = entry.getKey();
            Compiler.Result r = compiler.compile("test-" + module + "-" + e.id(),
                    layout.resolve(module).resolve("test-" + e.id()), entry.getValue(), support, classpath,
                    name -> false, "");
            timing.mark("compile the tests of " + e.id() + (r.cached() ? " (cached)" : "") + (r.ok() ? "" : ": failed"));
            if (!r.ok()) {
                r = withoutBrokenHidden(module, e, entry.getValue(), r, support, classpath, brokenHidden);
            }
            if (!r.ok()) {
                notCompiled.put(e, r.errors().stream().map(Compiler.Error::format).toList());
                continue;
            }
            outputs.add(r.folder());
            running.add(e);
        }
        return new Built(running, outputs, brokenHidden, notCompiled);
    }

    /**
     * When an exercise's tests do not compile and it has hidden tests, compiles it again without the hidden
     * classes the errors point at (or without every hidden class), so that a hidden test written against an
     * API the student changed costs only its own points. Returns the result to use; the left-out hidden
     * classes go to {@code brokenHidden} as COMPILE_ERROR results.
     */
    private Compiler.Result withoutBrokenHidden(String module, Exercise e, List<Compiler.Source> sources,
                                                Compiler.Result failed, List<Compiler.Source> support,
                                                List<Path> classpath, Map<String, List<TestResult>> brokenHidden) {
        List<Compiler.Source> hiddenOfE = hidden.testsOf(e.id());
        if (hiddenOfE.isEmpty()) {
            return failed;
        }
        Set<String> hiddenRels = new HashSet<>();
        hiddenOfE.forEach(h -> hiddenRels.add(h.rel()));
        Set<String> blamed = new LinkedHashSet<>();
        for (Compiler.Error err : failed.errors()) {
            if (err.source() != null && hiddenRels.contains(err.source().rel())) {
                blamed.add(err.source().rel());
            }
        }
        Compiler.Result retry = null;
        if (!blamed.isEmpty() && blamed.size() < hiddenRels.size()) {
            retry = compiler.compile("test-" + module + "-" + e.id(),
                    layout.resolve(module).resolve("test-" + e.id() + "-some-hidden"),
                    sources.stream().filter(src -> !blamed.contains(src.rel())).toList(), support, classpath,
                    name -> false, "");
        }
        if (retry == null || !retry.ok()) {
            blamed.clear();
            blamed.addAll(hiddenRels);
            retry = compiler.compile("test-" + module + "-" + e.id(),
                    layout.resolve(module).resolve("test-" + e.id() + "-no-hidden"),
                    sources.stream().filter(src -> !hiddenRels.contains(src.rel())).toList(), support, classpath,
                    name -> false, "");
        }
        timing.mark("compile the tests of " + e.id() + " without " + blamed.size() + " hidden class(es)"
                + (retry.ok() ? "" : ": failed"));
        if (!retry.ok()) {
            return retry;
        }
        List<TestResult> broken = new ArrayList<>();
        for (Compiler.Source h : hiddenOfE) {
            if (!blamed.contains(h.rel())) {
                continue;
            }
            String cls = h.rel().substring(0, h.rel().length() - ".java".length()).replace('/', '.');
            String own = String.join("\n", failed.errors().stream()
                    .filter(err -> err.source() != null && err.source().rel().equals(h.rel()))
                    .map(Compiler.Error::format).toList());
            broken.add(new TestResult(e.id(), cls, cls.substring(cls.lastIndexOf('.') + 1), "", TestStatus.COMPILE_ERROR,
                    own.isEmpty() ? "the hidden test does not compile with the other tests of " + e.id() : own, "", 0));
            warnings.add("exercise " + e.id() + ": the hidden test " + cls + " does not compile against this "
                    + "submission; it scored 0 and the exercise's other tests ran");
        }
        brokenHidden.put(e.id(), broken);
        return retry;
    }
}
