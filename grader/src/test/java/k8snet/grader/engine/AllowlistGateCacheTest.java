package k8snet.grader.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import javax.tools.ToolProvider;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import k8snet.grader.guard.BytecodeCheck;
import k8snet.grader.runner.TreeDigest;

/**
 * The allowlist check remembers a folder that passed only under the digest of the very bytes it checked, so
 * {@code watch} can skip the unchanged modules and a class file changed on disk never inherits a pass that
 * the test JVM would not refuse. A student's own check writes its passes down for the next check of the
 * same grader build; graded runs do not.
 */
@DisplayName("The allowlist check's memory of folders that passed")
class AllowlistGateCacheTest {

    private static final String GOOD = "package k8snet.calc;\npublic final class Adder {\n"
            + "    public static int add(int a, int b) { return a + b; }\n}\n";
    private static final String BAD = "package k8snet.calc;\npublic final class Adder {\n"
            + "    public static int add(int a, int b) { return java.nio.file.Path.of(\"/\").toString().length(); }\n}\n";

    @TempDir
    Path root;

    private byte[] good;
    private byte[] bad;
    private Path classes;
    private final List<Compiler.Source> sources = List.of(new Compiler.Source("k8snet/calc/Adder.java",
            GOOD.getBytes(StandardCharsets.UTF_8), "module-01-basics/src/main/java/k8snet/calc/Adder.java", "1.1"));

    private byte[] compile(String name, String text) throws IOException {
        Path src = root.resolve(name).resolve("k8snet/calc/Adder.java");
        Files.createDirectories(src.getParent());
        Files.writeString(src, text);
        Path out = root.resolve(name + "-out");
        int rc = ToolProvider.getSystemJavaCompiler().run(null, null, null, "--release", "17", "-d", out.toString(),
                src.toString());
        assertThat(rc).isZero();
        return Files.readAllBytes(out.resolve("k8snet/calc/Adder.class"));
    }

    @BeforeEach
    void build() throws IOException {
        good = compile("good", GOOD);
        bad = compile("bad", BAD);
        classes = root.resolve("classes");
        Files.createDirectories(classes.resolve("k8snet/calc"));
    }

    private void put(byte[] bytes) throws IOException {
        Files.write(classes.resolve("k8snet/calc/Adder.class"), bytes);
    }

    private static Compiler.Result ok(Path classes, String digest) {
        return new Compiler.Result(true, classes, List.of(), List.of(), true, digest);
    }

    @Test
    @DisplayName("a pass on bytes with the folder's digest is remembered; changed bytes then no longer match that digest")
    void remembered() throws IOException {
        AllowlistGate gate = new AllowlistGate(BytecodeCheck.standard());
        put(good);
        String digest = TreeDigest.of(classes);
        assertThat(gate.apply(ok(classes, digest), sources).ok()).isTrue();

        put(bad);
        assertThat(gate.apply(ok(classes, digest), sources).ok()).as("remembered under its digest").isTrue();
        assertThat(TreeDigest.of(classes)).as("so the test JVM, which checks the digest, refuses the folder")
                .isNotEqualTo(digest);
        assertThat(new AllowlistGate(BytecodeCheck.standard()).apply(ok(classes, TreeDigest.of(classes)), sources).ok())
                .as("the changed bytes under their own digest are refused").isFalse();
    }

    @Test
    @DisplayName("a pass on bytes that do not have the recorded digest is not remembered")
    void notRememberedWhenTheBytesDiffer() throws IOException {
        AllowlistGate gate = new AllowlistGate(BytecodeCheck.standard());
        put(good);
        String recorded = "0".repeat(64);
        assertThat(gate.apply(ok(classes, recorded), sources).ok()).isTrue();

        put(bad);
        Compiler.Result again = gate.apply(ok(classes, recorded), sources);
        assertThat(again.ok()).as("checked again, and refused").isFalse();
        assertThat(again.errors()).singleElement().extracting(Compiler.Error::format).asString()
                .contains("java.nio.file.Path");
    }

    @Test
    @DisplayName("a refusal is never remembered as a pass, and other sources are another key")
    void refusalsAndSources() throws IOException {
        AllowlistGate gate = new AllowlistGate(BytecodeCheck.standard());
        put(bad);
        String digest = TreeDigest.of(classes);
        assertThat(gate.apply(ok(classes, digest), sources).ok()).isFalse();
        assertThat(gate.apply(ok(classes, digest), sources).ok()).isFalse();

        put(good);
        String goodDigest = TreeDigest.of(classes);
        assertThat(gate.apply(ok(classes, goodDigest), sources).ok()).isTrue();
        put(bad);
        List<Compiler.Source> provided = List.of(new Compiler.Source("k8snet/calc/Other.java",
                "package k8snet.calc; class Other {}".getBytes(StandardCharsets.UTF_8), "Other.java", "1.1"));
        assertThat(gate.apply(ok(classes, goodDigest), provided).ok())
                .as("not the sources it passed with: checked again").isFalse();
    }

    @Test
    @DisplayName("after an edit of one file, scans only the classes whose bytes changed, and refuses them as before")
    void perClass() throws IOException {
        AllowlistGate gate = new AllowlistGate(BytecodeCheck.standard());
        byte[] other = otherClass();
        put(good);
        Files.write(classes.resolve("k8snet/calc/Other.class"), other);
        List<Compiler.Source> both = List.of(sources.get(0), new Compiler.Source("k8snet/calc/Other.java",
                OTHER.getBytes(StandardCharsets.UTF_8), "module-01-basics/src/main/java/k8snet/calc/Other.java", "1.1"));
        assertThat(gate.apply(ok(classes, TreeDigest.of(classes)), both).ok()).isTrue();
        assertThat(gate.scans()).isEqualTo(2);

        put(bad);
        Compiler.Result refused = gate.apply(ok(classes, TreeDigest.of(classes)), both);
        assertThat(gate.scans()).as("Other.class is byte for byte the one that passed").isEqualTo(3);
        assertThat(refused.ok()).isFalse();
        assertThat(refused.errors()).singleElement().extracting(Compiler.Error::format).asString()
                .startsWith("module-01-basics/src/main/java/k8snet/calc/Adder.java").contains("java.nio.file.Path");

        Compiler.Result again = gate.apply(ok(classes, TreeDigest.of(classes)), both);
        assertThat(gate.scans()).as("a refusal remembered is still a refusal").isEqualTo(3);
        assertThat(again.ok()).isFalse();
        assertThat(again.errors()).extracting(Compiler.Error::format).isEqualTo(
                refused.errors().stream().map(Compiler.Error::format).toList());

        Files.delete(classes.resolve("k8snet/calc/Other.class"));
        put(good);
        assertThat(gate.apply(ok(classes, TreeDigest.of(classes)), sources).ok()).isTrue();
        assertThat(gate.scans()).as("the same bytes among other class names are scanned again").isEqualTo(4);
    }

    @Test
    @DisplayName("a student's own pass, written down, serves the next gate of the same build without a scan")
    void writtenDown() throws IOException {
        put(good);
        String digest = TreeDigest.of(classes);
        Path passes = root.resolve("passes");
        AllowlistGate first = new AllowlistGate(BytecodeCheck.standard(), "build-1");
        assertThat(first.apply(ok(classes, digest), sources, passes).ok()).isTrue();
        assertThat(first.scans()).isEqualTo(1);
        try (java.util.stream.Stream<Path> records = Files.list(passes)) {
            assertThat(records.count()).as("one record").isEqualTo(1);
        }

        AllowlistGate next = new AllowlistGate(BytecodeCheck.standard(), "build-1");
        assertThat(next.apply(ok(classes, digest), sources, passes).ok()).isTrue();
        assertThat(next.scans()).as("the next check, a fresh JVM of the same build, reads the record").isZero();

        AllowlistGate rebuilt = new AllowlistGate(BytecodeCheck.standard(), "build-2");
        assertThat(rebuilt.apply(ok(classes, digest), sources, passes).ok()).isTrue();
        assertThat(rebuilt.scans()).as("another grader build checks the classes again").isEqualTo(1);

        AllowlistGate graded = new AllowlistGate(BytecodeCheck.standard(), "build-1");
        assertThat(graded.apply(ok(classes, digest), sources).ok()).isTrue();
        assertThat(graded.scans()).as("a graded run never reads a record").isEqualTo(1);
    }

    @Test
    @DisplayName("a record holds only for its digest and sources, and a refusal or a run from classes writes none")
    void recordsAreNarrow() throws IOException {
        Path passes = root.resolve("passes");
        put(bad);
        String badDigest = TreeDigest.of(classes);
        assertThat(new AllowlistGate(BytecodeCheck.standard(), "build-1").apply(ok(classes, badDigest), sources, passes)
                .ok()).isFalse();
        assertThat(passes).as("a refusal is not written down").doesNotExist();
        assertThat(new AllowlistGate(BytecodeCheck.standard(), "build-1").apply(ok(classes, badDigest), sources, passes)
                .ok()).as("and is refused again").isFalse();

        put(good);
        String goodDigest = TreeDigest.of(classes);
        assertThat(new AllowlistGate(BytecodeCheck.standard(), null).apply(ok(classes, goodDigest), sources, passes)
                .ok()).isTrue();
        assertThat(passes).as("a grader without a jar keeps passes in memory").doesNotExist();
        assertThat(new AllowlistGate(BytecodeCheck.standard(), "build-1").apply(ok(classes, "0".repeat(64)), sources,
                passes).ok()).isTrue();
        assertThat(passes).as("bytes without the recorded digest are not written down").doesNotExist();

        assertThat(new AllowlistGate(BytecodeCheck.standard(), "build-1").apply(ok(classes, goodDigest), sources, passes)
                .ok()).isTrue();
        put(bad);
        AllowlistGate next = new AllowlistGate(BytecodeCheck.standard(), "build-1");
        assertThat(next.apply(ok(classes, TreeDigest.of(classes)), sources, passes).ok())
                .as("other bytes are another digest: checked, and refused").isFalse();
        List<Compiler.Source> provided = List.of(new Compiler.Source("k8snet/calc/Other.java",
                "package k8snet.calc; class Other {}".getBytes(StandardCharsets.UTF_8), "Other.java", "1.1"));
        assertThat(next.apply(ok(classes, goodDigest), provided, passes).ok())
                .as("the good digest with other sources: checked again").isFalse();
    }

    private static final String OTHER = "package k8snet.calc;\npublic final class Other {\n"
            + "    public static int twice(int a) { return Adder.add(a, a); }\n}\n";

    private byte[] otherClass() throws IOException {
        Path src = root.resolve("other/k8snet/calc");
        Files.createDirectories(src);
        Files.writeString(src.resolve("Adder.java"), GOOD);
        Files.writeString(src.resolve("Other.java"), OTHER);
        Path out = root.resolve("other-out");
        int rc = ToolProvider.getSystemJavaCompiler().run(null, null, null, "--release", "17", "-d", out.toString(),
                src.resolve("Adder.java").toString(), src.resolve("Other.java").toString());
        assertThat(rc).isZero();
        return Files.readAllBytes(out.resolve("k8snet/calc/Other.class"));
    }
}
