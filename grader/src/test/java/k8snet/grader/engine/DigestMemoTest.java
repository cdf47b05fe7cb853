package k8snet.grader.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import k8snet.grader.runner.TreeDigest;

@DisplayName("Folder digests remembered for a student's own check")
class DigestMemoTest {

    @TempDir
    Path dir;

    private Path folder() throws IOException {
        Path root = Files.createDirectories(dir.resolve("classes"));
        Files.createDirectories(root.resolve("k8snet/ip"));
        Files.writeString(root.resolve("k8snet/ip/Ipv4Address.class"), "cafebabe one");
        Files.writeString(root.resolve("k8snet/ip/Cidr.class"), "cafebabe two");
        return root;
    }

    /** Rewrites Cidr.class in place with other bytes of the same size, its time {@code shiftMillis} later. */
    private static void rewriteSameSize(Path root, long shiftMillis) throws IOException {
        Path file = root.resolve("k8snet/ip/Cidr.class");
        FileTime time = Files.getLastModifiedTime(file);
        Files.writeString(file, "cafebabe TWO");
        Files.setLastModifiedTime(file, FileTime.from(time.toInstant().plusMillis(shiftMillis)));
    }

    @Test
    @DisplayName("are TreeDigest's, and follow a file that is changed, added or deleted")
    void follows() throws IOException {
        Path root = folder();
        DigestMemo memo = DigestMemo.remembering();
        String first = memo.of(root);
        assertThat(first).isEqualTo(TreeDigest.of(root));
        assertThat(memo.of(root)).isEqualTo(first);

        Files.writeString(root.resolve("k8snet/ip/Cidr.class"), "cafebabe two, longer");
        String changed = memo.of(root);
        assertThat(changed).isNotEqualTo(first).isEqualTo(TreeDigest.of(root));

        Files.writeString(root.resolve("k8snet/ip/Extra.class"), "x");
        String added = memo.of(root);
        assertThat(added).isNotEqualTo(changed).isEqualTo(TreeDigest.of(root));

        Files.delete(root.resolve("k8snet/ip/Extra.class"));
        assertThat(memo.of(root)).isEqualTo(changed).isEqualTo(TreeDigest.of(root));
    }

    @Test
    @DisplayName("follow a file of the same size once its modification time differs")
    void sameSizeNewTime() throws IOException {
        Path root = folder();
        DigestMemo memo = DigestMemo.remembering();
        String first = memo.of(root);
        rewriteSameSize(root, 2_000);
        assertThat(memo.of(root)).isNotEqualTo(first).isEqualTo(TreeDigest.of(root));
    }

    @Test
    @DisplayName("are remembered: a rewrite in place of the same size with its time set back goes unseen, "
            + "which is why grading never uses them")
    void remembered() throws IOException {
        Path root = folder();
        DigestMemo memo = DigestMemo.remembering();
        String first = memo.of(root);
        rewriteSameSize(root, 0);
        assertThat(memo.of(root)).as("the memo's answer").isEqualTo(first);
        assertThat(DigestMemo.OFF.of(root)).as("grading's answer: in full, every time")
                .isEqualTo(TreeDigest.of(root)).isNotEqualTo(first);
    }

    @Test
    @DisplayName("say \"none\" for a folder that is not there, as TreeDigest does")
    void missing() {
        assertThat(DigestMemo.remembering().of(dir.resolve("nothing"))).isEqualTo("none");
        assertThat(DigestMemo.OFF.of(dir.resolve("nothing"))).isEqualTo("none");
    }
}
