package k8snet.grader.engine;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

import k8snet.grader.manifest.CourseModule;
import k8snet.grader.manifest.KitLayout;
import k8snet.grader.manifest.Manifest;

/**
 * The names a submission's code may not take: every class of the kit (provided code, stubs and tests, in
 * any module), and the packages reserved for the kit ({@code k8snet.testkit}, {@code k8snet.grader}). Says,
 * in a student's terms, why a file or class is refused.
 */
final class KitClasses {

    static final List<String> RESERVED_PACKAGES = List.of("k8snet.testkit", "k8snet.grader");

    private final Set<String> main = new HashSet<>();
    private final Map<String, Set<String>> mainByModule = new HashMap<>();
    private final Set<String> test = new HashSet<>();
    private final Set<String> graded = new HashSet<>();

    private KitClasses() {
    }

    static KitClasses of(Path kit, Manifest manifest) {
        KitClasses k = new KitClasses();
        for (CourseModule m : manifest.modules()) {
            Path mainRoot = KitLayout.mainSources(kit, m.id());
            Set<String> own = k.mainByModule.computeIfAbsent(m.id(), id -> new HashSet<>());
            KitLayout.javaFiles(mainRoot).forEach(f -> own.add(KitLayout.className(mainRoot, f)));
            k.main.addAll(own);
            Path testRoot = KitLayout.testSources(kit, m.id());
            KitLayout.javaFiles(testRoot).forEach(f -> k.test.add(KitLayout.className(testRoot, f)));
        }
        manifest.exercises().forEach(e -> k.graded.addAll(e.tests()));
        return k;
    }

    /** Every class of the kit, main and test. */
    Set<String> all() {
        Set<String> all = new HashSet<>(main);
        all.addAll(test);
        return all;
    }

    boolean isKitClass(String name) {
        return main.contains(name) || test.contains(name);
    }

    boolean isGradedTest(String name) {
        return graded.contains(name);
    }

    /**
     * Which top-level classes the compiled main code of this module may not contain: a kit test, a class in a
     * reserved package, or a provided or exercise class of another module. (The last one catches a file whose
     * package javac reads differently from the text, as with a package line hidden by Unicode escapes: compiled
     * into an earlier module's output, it would come first on the class path and replace the later module's
     * class.)
     */
    Predicate<String> forbiddenInMain(String moduleId) {
        Set<String> own = mainByModule.getOrDefault(moduleId, Set.of());
        return className -> test.contains(className) || reservedReason(className) != null
                || (main.contains(className) && !own.contains(className) && !className.endsWith(".package-info"));
    }

    /** The rule {@link #forbiddenInMain} applies to this module, for the compile cache's key. */
    String forbiddenKey(String moduleId) {
        Set<String> others = new TreeSet<>(main);
        others.removeAll(mainByModule.getOrDefault(moduleId, Set.of()));
        return String.join(",", new TreeSet<>(test)) + "|" + RESERVED_PACKAGES + "|" + String.join(",", others)
                + "|java.lang:" + JavaLang.NAMES.size();
    }

    /** Why a class of the submission with this name is refused. */
    String shadowReason(String name) {
        if (graded.contains(name)) {
            return "it would shadow the graded test " + name;
        }
        if (test.contains(name)) {
            return "it would shadow the kit's test class " + name;
        }
        String reserved = reservedReason(name);
        if (reserved != null) {
            return reserved;
        }
        return "it would replace the kit's class " + name;
    }

    /**
     * Why a class of the submission with this name is refused for its package or its name, or null: a reserved
     * package, or a top-level class named like a type of {@code java.lang} (other than a kit class of that name).
     * Such a class would take that simple name over for its whole package, the graded tests in it included: a
     * student {@code Math} would change what a test computes, a student {@code Exception} would make a hidden
     * test's {@code throws Exception} fail to compile.
     */
    String reservedReason(String className) {
        for (String p : RESERVED_PACKAGES) {
            if (className.startsWith(p + ".")) {
                return "package " + p + " is reserved for the kit";
            }
        }
        int dot = className.lastIndexOf('.');
        String simple = className.substring(dot + 1);
        if (dot > 0 && simple.indexOf('$') < 0 && JavaLang.NAMES.contains(simple) && !main.contains(className)) {
            return "it would shadow java.lang." + simple + " for every class of its package, the graded tests included";
        }
        return null;
    }
}
