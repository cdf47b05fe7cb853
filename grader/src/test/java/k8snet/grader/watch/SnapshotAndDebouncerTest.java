package k8snet.grader.watch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("Noticing saves")
class SnapshotAndDebouncerTest {

    @Nested
    @DisplayName("a snapshot of the source trees")
    class Snapshots {

        @TempDir
        Path root;

        private Path file(String rel, String text, long millis) throws IOException {
            Path p = root.resolve(rel);
            Files.createDirectories(p.getParent());
            Files.writeString(p, text);
            Files.setLastModifiedTime(p, FileTime.fromMillis(millis));
            return p;
        }

        private Snapshot scan() {
            return Snapshot.scan(List.of(root.resolve("a"), root.resolve("missing")), n -> n.endsWith(".java"));
        }

        @Test
        @DisplayName("finds files written, created and deleted, sorted, and only those the filter wants")
        void changes() throws IOException {
            Path same = file("a/p/Same.java", "x", 1_000);
            Path edited = file("a/p/Edited.java", "x", 1_000);
            Path gone = file("a/q/Gone.java", "x", 1_000);
            file("a/p/notes.txt", "x", 1_000);
            Snapshot before = scan();
            assertThat(before.size()).isEqualTo(3);

            Files.setLastModifiedTime(edited, FileTime.fromMillis(2_000));
            Files.delete(gone);
            Path added = file("a/p/Added.java", "x", 1_000);
            file("a/p/notes.txt", "changed", 3_000);
            assertThat(scan().changedSince(before)).containsExactly(added, edited, gone);
            assertThat(scan().changedSince(scan())).isEmpty();
            assertThat(same).exists();
        }

        @Test
        @DisplayName("sees a write that keeps the time but changes the size, and one that keeps the size but not the time")
        void sizeOrTime() throws IOException {
            Path f = file("a/F.java", "abc", 5_000);
            Snapshot before = scan();
            file("a/F.java", "abcd", 5_000);
            assertThat(scan().changedSince(before)).containsExactly(f);
            Snapshot longer = scan();
            file("a/F.java", "wxyz", 5_001);
            assertThat(scan().changedSince(longer)).containsExactly(f);
        }

        @Test
        @DisplayName("rejects null roots with a clear message")
        void badInput() {
            assertThatIllegalArgumentException().isThrownBy(() -> Snapshot.scan(null, n -> true))
                    .withMessageContaining("must not be null");
            assertThatIllegalArgumentException().isThrownBy(() -> Snapshot.scan(java.util.Arrays.asList(root, null), n -> true))
                    .withMessageContaining("must not be null");
        }
    }

    @Nested
    @DisplayName("the debouncer")
    class Debouncing {

        private final Path a = Path.of("A.java");
        private final Path b = Path.of("B.java");

        @Test
        @DisplayName("reports a burst of writes once, when no write came for the quiet period")
        void burst() {
            Debouncer d = new Debouncer(50);
            assertThat(d.nanosUntilDue(0)).isEqualTo(-1);
            d.changed(List.of(a), 100);
            d.changed(List.of(b), 130);
            d.changed(List.of(a), 160);
            assertThat(d.nanosUntilDue(200)).isEqualTo(10);
            assertThat(d.takeDue(209)).isEmpty();
            assertThat(d.takeDue(210)).containsExactly(a, b);
            assertThat(d.takeDue(1_000)).as("once only").isEmpty();
            assertThat(d.nanosUntilDue(1_000)).isEqualTo(-1);
        }

        @Test
        @DisplayName("ignores an empty change, and rejects a negative quiet period")
        void edges() {
            Debouncer d = new Debouncer(0);
            d.changed(List.of(), 5);
            assertThat(d.nanosUntilDue(5)).isEqualTo(-1);
            d.changed(List.of(a), 5);
            assertThat(d.takeDue(5)).containsExactly(a);
            assertThatIllegalArgumentException().isThrownBy(() -> new Debouncer(-1))
                    .withMessage("Quiet period must not be negative, got -1 ns");
        }
    }
}
