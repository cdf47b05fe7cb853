package k8snet.grader.watch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("The source watcher")
class SourceWatcherTest {

    /** Only a hang would take this long; no assertion depends on how fast the machine is. */
    private static final long HANG = 60;

    @TempDir
    Path root;

    @ParameterizedTest(name = "with native events: {0}")
    @ValueSource(booleans = {true, false})
    @DisplayName("reports a saved file and a file created in a new folder")
    void reports(boolean nativeEvents) throws IOException, InterruptedException {
        Path file = root.resolve("p/A.java");
        Files.createDirectories(file.getParent());
        Files.writeString(file, "class A {}");
        BlockingQueue<List<Path>> changes = new LinkedBlockingQueue<>();
        try (SourceWatcher w = SourceWatcher.start(List.of(root), n -> n.endsWith(".java"), Duration.ofMillis(100),
                Duration.ofMillis(20), nativeEvents, changes::add)) {
            if (!nativeEvents) {
                assertThat(w.usesNativeEvents()).isFalse();
            }
            Files.writeString(file, "class A { int x; }");
            await(changes, file, List.of(file));

            Path created = root.resolve("q/r/B.java");
            Files.createDirectories(created.getParent());
            Files.writeString(root.resolve("q/r/notes.txt"), "not a source");
            Files.writeString(created, "class B {}");
            await(changes, created, List.of(file, created));
        }
    }

    /**
     * Waits until a report names {@code expected}; every report until then may name only {@code allowed} (a
     * write the watcher happened to see half done is reported again when it ends, on a slow machine).
     */
    private static void await(BlockingQueue<List<Path>> changes, Path expected, List<Path> allowed)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(HANG);
        while (true) {
            List<Path> report = changes.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            assertThat(report).as("a report naming " + expected).isNotNull();
            assertThat(allowed).containsAll(report);
            if (report.contains(expected)) {
                return;
            }
        }
    }

    @Test
    @DisplayName("rejects a poll interval under 10 ms and null arguments")
    void badInput() {
        assertThatIllegalArgumentException().isThrownBy(() -> SourceWatcher.start(List.of(root), n -> true,
                Duration.ofMillis(5), Duration.ZERO, false, c -> { })).withMessageContaining("at least 10 ms");
        assertThatIllegalArgumentException().isThrownBy(() -> SourceWatcher.start(List.of(root), null,
                Duration.ofMillis(50), Duration.ZERO, false, c -> { })).withMessageContaining("must not be null");
    }
}
