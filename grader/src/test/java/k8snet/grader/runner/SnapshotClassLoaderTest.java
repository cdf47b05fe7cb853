package k8snet.grader.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;

import javax.tools.ToolProvider;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("The tests' class loader")
class SnapshotClassLoaderTest {

    @TempDir
    Path dir;

    private Path classes;

    @BeforeEach
    void compile() throws IOException {
        classes = dir.resolve("classes");
        compileAnswer(42);
        Files.createDirectories(classes.resolve("META-INF/services"));
        Files.writeString(classes.resolve("META-INF/services/org.junit.jupiter.api.extension.Extension"), "k8snet.x.Answer\n");
        Files.writeString(classes.resolve("junit-platform.properties"), "junit.jupiter.extensions.autodetection.include=*\n");
        Files.writeString(classes.resolve("data.txt"), "kit data\n");
    }

    private SnapshotClassLoader loader() {
        return SnapshotClassLoader.of(List.of(classes), List.of(TreeDigest.of(classes)),
                SnapshotClassLoaderTest.class.getClassLoader());
    }

    @Test
    @DisplayName("loads the classes as they were when it started, whatever is written to the folder later")
    void snapshot() throws Exception {
        try (SnapshotClassLoader loader = loader()) {
            Files.writeString(classes.resolve("k8snet/x/Answer.class"), "not a class any more");
            Class<?> answer = loader.loadClass("k8snet.x.Answer");
            assertThat(answer.getMethod("value").invoke(null)).isEqualTo(42);
            assertThat(answer.getClassLoader()).isSameAs(loader);
            assertThat(answer.getProtectionDomain().getCodeSource().getLocation()).isEqualTo(classes.toUri().toURL());
        }
    }

    @Test
    @DisplayName("hides service files and junit-platform.properties, and serves other resources")
    void hidden() throws IOException {
        try (SnapshotClassLoader loader = loader()) {
            assertThat(loader.findResource("META-INF/services/org.junit.jupiter.api.extension.Extension")).isNull();
            assertThat(Collections.list(loader.getResources("META-INF/services/org.junit.jupiter.api.extension.Extension")))
                    .as("only the parent's (the grader's own) service files")
                    .allSatisfy(u -> assertThat(u.toString()).doesNotContain(classes.toString()));
            assertThat(loader.getResource("junit-platform.properties")).isNull();
            assertThat(loader.getResource("data.txt")).isNotNull();
        }
    }

    @Test
    @DisplayName("refuses a folder whose files no longer match the digest recorded when they were built")
    void digest() throws IOException {
        String built = TreeDigest.of(classes);
        Files.writeString(classes.resolve("k8snet/x/Answer.class"), "changed");
        assertThatIllegalStateException()
                .isThrownBy(() -> SnapshotClassLoader.of(List.of(classes), List.of(built), getClass().getClassLoader()))
                .withMessageContaining("changed after it was built");
    }

    @Test
    @DisplayName("takes a folder read ahead when its digest is the one expected, and does not read it again")
    void readAhead() throws Exception {
        String built = TreeDigest.of(classes);
        ClassPrefetch prefetch = ClassPrefetch.read(List.of(dir.resolve("src/../classes")));
        assertThat(prefetch.size()).isEqualTo(1);
        // Read from disk now, this folder would not match its digest: the loader must use what was read ahead.
        Files.writeString(classes.resolve("k8snet/x/Answer.class"), "not a class any more");
        try (SnapshotClassLoader loader = SnapshotClassLoader.of(List.of(classes), List.of(built),
                getClass().getClassLoader(), prefetch)) {
            assertThat(loader.loadClass("k8snet.x.Answer").getMethod("value").invoke(null)).isEqualTo(42);
        }
    }

    @Test
    @DisplayName("reads a folder again when it was rebuilt after it was read ahead")
    void rebuiltAfterReadAhead() throws Exception {
        ClassPrefetch prefetch = ClassPrefetch.read(List.of(classes));
        compileAnswer(43);
        try (SnapshotClassLoader loader = SnapshotClassLoader.of(List.of(classes), List.of(TreeDigest.of(classes)),
                getClass().getClassLoader(), prefetch)) {
            assertThat(loader.loadClass("k8snet.x.Answer").getMethod("value").invoke(null)).isEqualTo(43);
        }
    }

    @Test
    @DisplayName("refuses a folder that matches its digest neither as read ahead nor as it is now")
    void readAheadStillChecked() throws IOException {
        ClassPrefetch prefetch = ClassPrefetch.read(List.of(classes));
        Files.writeString(classes.resolve("k8snet/x/Answer.class"), "changed");
        String other = "0".repeat(64);
        assertThatIllegalStateException()
                .isThrownBy(() -> SnapshotClassLoader.of(List.of(classes), List.of(other), getClass().getClassLoader(),
                        prefetch))
                .withMessageContaining("changed after it was built").withMessageContaining(other);
    }

    @Test
    @DisplayName("names the bad argument when the folders to read ahead or the read-ahead itself is missing")
    void badArguments() {
        assertThatIllegalArgumentException().isThrownBy(() -> ClassPrefetch.read(null)).withMessageContaining("null");
        assertThatIllegalArgumentException().isThrownBy(() -> ClassPrefetch.read(java.util.Arrays.asList(classes, null)))
                .withMessageContaining("null");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> SnapshotClassLoader.of(List.of(classes), List.of(TreeDigest.of(classes)),
                        getClass().getClassLoader(), null))
                .withMessageContaining("ClassPrefetch.none()");
    }

    private void compileAnswer(int value) throws IOException {
        Path src = dir.resolve("src/k8snet/x/Answer.java");
        Files.createDirectories(src.getParent());
        Files.writeString(src, "package k8snet.x;\npublic class Answer {\n"
                + "    public static int value() { return " + value + "; }\n}\n");
        assertThat(ToolProvider.getSystemJavaCompiler().run(null, null, null, "--release", "17", "-d",
                classes.toString(), src.toString())).isZero();
    }
}
