package k8snet.grader.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import k8snet.grader.Fixtures;

/**
 * Outsider attacks (issue 10) that need the kit's real exercises: a class of a later module replaced from
 * module 1, and a wrong answer the graded tests accept because they trust the student's own equals. Each
 * grades a submission built in code from the kit's stubs and reference solutions (docs/OUTSIDER-ATTACKS.md).
 */
@DisplayName("Attacks by an outsider, on the kit's own exercises")
class OutsiderKitAttackTest {

    private static final String IP = "module-01-basics/src/main/java/k8snet/ip/Ipv4Address.java";
    private static final String LABELS = "module-03-services/src/main/java/k8snet/labels/Labels.java";
    private static final String SELECTOR = "module-03-services/src/main/java/k8snet/labels/Selector.java";

    /**
     * A module 1 file that javac reads as package {@code k8snet.cluster} (the package line the grader's scan
     * reads is inside a comment written with Unicode escapes), replacing module 2's provided enum.
     */
    static final String DISGUISED_BACKEND = """
            \\u002f\\u002a
            package k8snet.ip;
            \\u002a\\u002f
            package k8snet.cluster;

            public enum Backend {
                HOST_GW,
                VXLAN;

                static {
                    System.out.println("SHADOWED Backend from module 1");
                }
            }
            """;

    /** A Selector that is wrong everywhere but agrees with every selector and has no requirements. */
    static final String AGREEABLE_SELECTOR = """
            package k8snet.labels;

            import java.util.AbstractList;
            import java.util.List;
            import java.util.Map;

            public final class Selector {
                private static final Selector ONE = new Selector();
                private Selector() { }
                public static Selector parse(String text) { return ONE; }
                public static Selector everything() { return ONE; }
                public static Selector of(List<Requirement> requirements) { return ONE; }
                public static Selector matchLabels(Map<String, String> labels) { return ONE; }
                public List<Requirement> requirements() { return new Agreeable(); }
                public boolean matches(Labels labels) { return true; }
                public boolean isEmpty() { return true; }
                @Override public String toString() { return ""; }
                @Override public boolean equals(Object other) { return true; }
                @Override public int hashCode() { return 0; }

                static final class Agreeable extends AbstractList<Requirement> {
                    @Override public Requirement get(int i) { throw new IndexOutOfBoundsException(i); }
                    @Override public int size() { return 0; }
                    @Override public boolean equals(Object o) { return true; }
                    @Override public int hashCode() { return 0; }
                }
            }
            """;

    @TempDir
    Path work;

    static Path kit() {
        return Fixtures.realKit();
    }

    private GradeReport grade(Map<String, String> files, List<String> ids) throws IOException {
        Path submission = work.resolve("submission");
        for (Map.Entry<String, String> f : files.entrySet()) {
            Path to = submission.resolve(f.getKey());
            Files.createDirectories(to.getParent());
            Files.writeString(to, f.getValue());
        }
        Map<String, Origin> origins = new LinkedHashMap<>();
        ids.forEach(id -> origins.put(id, Origin.SUBMISSION));
        ForkingEngine engine = new ForkingEngine(EngineOptions.defaults().withCacheDir(work.resolve("cache")));
        return engine.run(new RunRequest(kit(), submission, ids, origins, Optional.empty(), work.resolve("work")));
    }

    private static String solution(String rel) throws IOException {
        return Files.readString(kit().resolve("solutions").resolve(rel));
    }

    @Test
    @DisplayName("outsider finding 1: a file that declares another package than its folder's, through Unicode escapes, is refused")
    void disguisedPackageReplacesLaterModule() throws IOException {
        Map<String, String> files = new LinkedHashMap<>();
        files.put(IP, solution(IP));
        files.put("module-01-basics/src/main/java/k8snet/ip/Backend.java", DISGUISED_BACKEND);
        try (var walk = Files.walk(kit().resolve("solutions/module-02-pods"))) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                files.put(kit().resolve("solutions").relativize(p).toString().replace('\\', '/'), Files.readString(p));
            }
        }
        GradeReport report = grade(files, List.of("1.1", "2.4"));

        assertThat(report.warnings()).as("the disguised file declares package k8snet.cluster once its escapes are read")
                .anySatisfy(w -> assertThat(w).contains("Backend.java").contains("k8snet.cluster"));
        assertThat(report.exercises()).flatMap(ExerciseResult::tests)
                .noneMatch(t -> t.output() != null && t.output().contains("SHADOWED"));
    }

    @Test
    @DisplayName("outsider finding 2: a Selector that agrees with everything fails the round-trip and the AND property")
    void agreeableSelector() throws IOException {
        GradeReport report = grade(Map.of(LABELS, solution(LABELS), SELECTOR, AGREEABLE_SELECTOR), List.of("3.1"));

        List<TestResult> properties = report.exercises().get(0).tests().stream()
                .filter(t -> t.name().startsWith("Label selectors on random objects")
                        && !t.name().contains("the empty selector selects every object"))
                .toList();
        assertThat(properties).hasSize(3).noneMatch(TestResult::passed);
    }
}
