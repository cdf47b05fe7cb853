package k8snet.grader.selfcheck;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import k8snet.grader.Fixtures;
import k8snet.grader.engine.Engine;
import k8snet.grader.engine.ExerciseStatus;
import k8snet.grader.engine.Origin;
import k8snet.grader.engine.RunRequest;
import k8snet.grader.manifest.CourseModule;
import k8snet.grader.manifest.Exercise;
import k8snet.grader.manifest.Manifest;

@DisplayName("The kit's self-check")
class SelfCheckTest {

    private static final Exercise POOL = new Exercise("1.1", "Pools", "module-01-basics", "README.md#pools",
            List.of("net/Pool.java"), List.of("net.PoolTest"), 10, List.of("hint"));
    private static final Exercise LEASE = new Exercise("1.2", "Leases", "module-01-basics", "README.md#leases",
            List.of("net/Lease.java"), List.of("net.LeaseTest"), 10, List.of("hint"));
    private static final Manifest MANIFEST = new Manifest("Test course",
            List.of(new CourseModule("module-01-basics", "Basics", "README.md")), List.of(POOL, LEASE));

    @TempDir
    Path kit;

    private final List<RunRequest> requests = new ArrayList<>();
    private final StringWriter out = new StringWriter();

    /** Every test fails on the stub and passes on the solution, as it should. */
    private final Engine honest = request -> {
        requests.add(request);
        Exercise x = MANIFEST.exercise(request.exerciseIds().get(0)).orElseThrow();
        if (request.origins().get(x.id()) == Origin.SOLUTION) {
            return Fixtures.report(Fixtures.result(x, ExerciseStatus.DONE,
                    Fixtures.passed(x, x.title() + "Test > works"), Fixtures.passed(x, x.title() + "Test > rejects")));
        }
        return Fixtures.report(Fixtures.result(x, ExerciseStatus.NOT_STARTED,
                Fixtures.failed(x, x.title() + "Test > works", "Exercise " + x.id() + ": implement it"),
                Fixtures.failed(x, x.title() + "Test > rejects", "Exercise " + x.id() + ": implement it")));
    };

    private static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    @BeforeEach
    void consistentKit() throws IOException {
        for (String root : List.of("module-01-basics/src/main/java", "solutions/module-01-basics/src/main/java")) {
            write(kit.resolve(root).resolve("net/Pool.java"), "package net;\n\npublic final class Pool {\n"
                    + "    public int size() {\n        return 0;\n    }\n}\n");
            write(kit.resolve(root).resolve("net/Lease.java"), "package net;\n\npublic record Lease(Pool pool) {\n}\n");
        }
        for (String test : List.of("PoolTest", "LeaseTest")) {
            write(kit.resolve("module-01-basics/src/test/java/net/" + test + ".java"),
                    "package net;\n\nclass " + test + " {\n}\n");
        }
    }

    private int run(Engine engine) {
        return new SelfCheck(kit, MANIFEST, () -> engine, true).run(new PrintWriter(out));
    }

    @Test
    @DisplayName("passes a consistent kit, one line per check and a total")
    void consistent() {
        assertThat(run(honest)).isZero();
        assertThat(out.toString()).containsPattern("PASS +manifest +1 modules, 2 exercises")
                .containsPattern("PASS +stubs fail +2 exercises, 4 graded tests")
                .containsPattern("PASS +in order +2 exercises, 4 graded tests: each exercise passes")
                .containsPattern("PASS +file pairs +2 solution files")
                .containsPattern("PASS +same API +2 files")
                .containsPattern("PASS +traces +0 reference traces")
                .containsPattern("PASS +grader tests +the grader's own tests ran")
                .containsPattern("TOTAL +7 passed, 0 failed")
                .doesNotContain("FAIL");
    }

    @Test
    @DisplayName("runs each exercise on its stub with every other exercise's solution")
    void origins() {
        run(honest);
        assertThat(requests).hasSize(4);
        assertThat(requests.get(0).exerciseIds()).containsExactly("1.1");
        assertThat(requests.get(0).origins()).containsEntry("1.1", Origin.STUB).containsEntry("1.2", Origin.SOLUTION);
        assertThat(requests.get(1).origins()).containsEntry("1.1", Origin.SOLUTION).containsEntry("1.2", Origin.STUB);
    }

    @Test
    @DisplayName("runs the command's further checks after the API check, in order, each failing on its own")
    void furtherChecks() {
        Map<String, Function<Path, SelfCheck.Check>> more = new LinkedHashMap<>();
        more.put("blobs", root -> new SelfCheck.Check("blobs", false, "stale list in " + root.getFileName(),
                List.of("net/Pool.java: listed as blob a, but the stub is now b")));
        more.put("broken", root -> {
            throw new IllegalStateException("git hash-object failed");
        });
        assertThat(new SelfCheck(kit, MANIFEST, () -> honest, true, more).run(new PrintWriter(out))).isEqualTo(1);
        String text = out.toString();
        assertThat(text).containsPattern("FAIL +blobs +stale list in " + kit.getFileName())
                .contains("        net/Pool.java: listed as blob a, but the stub is now b\n")
                .containsPattern("FAIL +broken +could not run\n +IllegalStateException: git hash-object failed")
                .containsPattern("TOTAL +7 passed, 2 failed");
        assertThat(text.indexOf("same API")).isLessThan(text.indexOf("blobs")).isPositive();
        assertThat(text.indexOf("blobs")).isLessThan(text.indexOf("broken"));
        assertThat(text.indexOf("broken")).isLessThan(text.indexOf("traces"));
    }

    @Test
    @DisplayName("runs each exercise in course order: its solution and the earlier ones', the later ones' stubs")
    void inOrderOrigins() {
        run(honest);
        assertThat(requests.get(2).exerciseIds()).containsExactly("1.1");
        assertThat(requests.get(2).origins()).containsEntry("1.1", Origin.SOLUTION).containsEntry("1.2", Origin.STUB);
        assertThat(requests.get(3).exerciseIds()).containsExactly("1.2");
        assertThat(requests.get(3).origins()).containsEntry("1.1", Origin.SOLUTION)
                .containsEntry("1.2", Origin.SOLUTION);
    }

    @Test
    @DisplayName("names a test that fails until a later exercise is done")
    void needsALaterExercise() {
        Engine tangled = request -> {
            Exercise x = MANIFEST.exercise(request.exerciseIds().get(0)).orElseThrow();
            if (request.origins().get(x.id()) == Origin.STUB) {
                return honest.run(request);
            }
            boolean later = x.id().equals("1.1") && request.origins().get("1.2") == Origin.STUB;
            return Fixtures.report(Fixtures.result(x, later ? ExerciseStatus.IN_PROGRESS : ExerciseStatus.DONE,
                    Fixtures.passed(x, "PoolTest > works"),
                    later ? Fixtures.failed(x, "PoolTest > leases", "Exercise 1.2: implement Lease\n\tat net.Lease")
                            : Fixtures.passed(x, "PoolTest > leases")));
        };
        assertThat(run(tangled)).isEqualTo(1);
        assertThat(out.toString()).containsPattern("FAIL +in order +1 test\\(s\\) need a later exercise "
                        + "\\(2 exercises, 4 tests ran\\)")
                .contains("1.1 PoolTest > leases: FAILED with the stubs of 1.2 and later: Exercise 1.2: implement Lease\n")
                .doesNotContain("at net.Lease")
                .containsPattern("PASS +stubs fail")
                .containsPattern("TOTAL +6 passed, 1 failed");
    }

    @Test
    @DisplayName("names a test that passes on a stub")
    void freePoints() {
        Engine leaky = request -> {
            Exercise x = MANIFEST.exercise(request.exerciseIds().get(0)).orElseThrow();
            return Fixtures.report(Fixtures.result(x, ExerciseStatus.IN_PROGRESS,
                    Fixtures.passed(x, "PoolTest > a new pool > is empty"), Fixtures.failed(x, "b", "no")));
        };
        assertThat(run(leaky)).isEqualTo(1);
        assertThat(out.toString()).containsPattern("FAIL +stubs fail")
                .contains("1.1 PoolTest > a new pool > is empty passes with the stub: free points")
                .containsPattern("FAIL +in order")
                .contains("1.1 b: FAILED with the stubs of 1.2 and later: no")
                .containsPattern("TOTAL +5 passed, 2 failed");
    }

    @Test
    @DisplayName("fails when a stub does not compile")
    void stubDoesNotCompile() {
        Engine broken = request -> Fixtures.report(Fixtures.doesNotCompile(POOL, List.of("Pool.java:3: ';' expected")));
        assertThat(run(broken)).isEqualTo(1);
        assertThat(out.toString()).contains("1.1: the stub does not compile: Pool.java:3: ';' expected");
    }

    @Test
    @DisplayName("names a solution without a stub and a solution no exercise lists")
    void orphans() throws IOException {
        write(kit.resolve("solutions/module-01-basics/src/main/java/net/Extra.java"), "package net;\nclass Extra {}\n");
        assertThat(run(honest)).isEqualTo(1);
        assertThat(out.toString()).containsPattern("FAIL +file pairs")
                .contains("solutions/module-01-basics/src/main/java/net/Extra.java has no stub at "
                        + "module-01-basics/src/main/java/net/Extra.java")
                .contains("net/Extra.java is not a file of any exercise in course.yaml");
    }

    @Test
    @DisplayName("names API differences between stub and solution")
    void api() throws IOException {
        write(kit.resolve("solutions/module-01-basics/src/main/java/net/Pool.java"), "package net;\n\n"
                + "public final class Pool {\n    public long size() {\n        return 0;\n    }\n"
                + "    public Pool next(int step) {\n        return this;\n    }\n}\n");
        assertThat(run(honest)).isEqualTo(1);
        assertThat(out.toString()).containsPattern("FAIL +same API")
                .contains("net/Pool.java: Pool: solution has public method next(int), stub has not")
                .contains("net/Pool.java: Pool: method size() differs: solution has 'public long size()', "
                        + "stub has 'public int size()'");
    }

    @Test
    @DisplayName("a check that throws fails on its own and the others still run")
    void engineThrows() {
        assertThat(run(request -> {
            throw new IllegalStateException("no JDK");
        })).isEqualTo(1);
        assertThat(out.toString()).containsPattern("FAIL +stubs fail +could not run")
                .contains("IllegalStateException: no JDK").containsPattern("PASS +same API");
    }
}
