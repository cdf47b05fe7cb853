package k8snet.grader.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import k8snet.grader.Fixtures;
import k8snet.grader.TestGit;
import k8snet.grader.selfcheck.SelfCheck;

@DisplayName("The stubs' git blob list (stub-blobs.txt)")
class StubBlobsTest {

    private static final String IPV4 = "module-01-basics/src/main/java/k8snet/ip/Ipv4Address.java";
    private static final String DNS = "module-01-basics/src/main/java/k8snet/dns/Hostname.java";
    private static final String CIDR = "module-02-pods/src/main/java/k8snet/ipam/Cidr.java";

    @TempDir
    Path kit;

    private void write(String rel, String text) throws IOException {
        Path p = kit.resolve(rel);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text, StandardCharsets.UTF_8);
    }

    @Nested
    @DisplayName("reading")
    class Reading {

        @Test
        @DisplayName("keeps the file's order and skips comments and blank lines")
        void parses() {
            String a = "a".repeat(40);
            String b = "0123456789abcdef0123456789abcdef01234567";
            assertThat(StubBlobs.parse(List.of("# a comment", "", a + " " + DNS, "  " + b + " " + IPV4 + "  ")))
                    .containsExactly(Map.entry(DNS, a), Map.entry(IPV4, b));
        }

        @Test
        @DisplayName("refuses a line that is not 40 hex digits and a path, naming the line and quoting it")
        void refusesMalformedLines() {
            for (String bad : List.of("a".repeat(39) + " " + IPV4, "A".repeat(40) + " " + IPV4, "a".repeat(40),
                    "a".repeat(41) + " " + IPV4)) {
                assertThatThrownBy(() -> StubBlobs.parse(List.of("# list", bad))).as(bad)
                        .isInstanceOf(CourseException.class)
                        .hasMessageContaining("stub-blobs.txt line 2 is not a git blob id (40 hex digits) and a kit path: '"
                                + bad.strip() + "'");
            }
        }

        @Test
        @DisplayName("refuses a path listed twice")
        void refusesDuplicates() {
            assertThatThrownBy(() -> StubBlobs.parse(List.of("a".repeat(40) + " " + IPV4, "b".repeat(40) + " " + IPV4)))
                    .isInstanceOf(CourseException.class).hasMessageContaining("line 2 lists " + IPV4 + " a second time");
        }

        @Test
        @DisplayName("a kit without the file has no list")
        void absent() {
            assertThat(StubBlobs.read(kit)).isEmpty();
        }
    }

    @Nested
    @DisplayName("in a git checkout")
    class InGit {

        @BeforeEach
        void stubs() throws IOException {
            write(IPV4, "class Ipv4Address {}\n");
            write(DNS, "class Hostname {}\r\n");
            write(CIDR, "class Cidr {}\n");
            TestGit.git(kit, "init", "-q");
        }

        @Test
        @DisplayName("hashes each file as git does (hash-object), line endings included")
        void hashesAsGit() {
            Map<String, String> ids = StubBlobs.hash(kit, List.of(IPV4, DNS, CIDR)).orElseThrow();
            assertThat(ids).containsExactly(
                    Map.entry(IPV4, TestGit.git(kit, "hash-object", IPV4).strip()),
                    Map.entry(DNS, TestGit.git(kit, "hash-object", DNS).strip()),
                    Map.entry(CIDR, TestGit.git(kit, "hash-object", CIDR).strip()));
            // git's id of "class Cidr {}\n": the SHA-1 of "blob 14\0" and the content.
            assertThat(ids.get(CIDR)).isEqualTo(sha1("blob 14\0class Cidr {}\n"));
        }

        @Test
        @DisplayName("writes one line per student file, in the manifest's order, and the check passes on it")
        void writesAndChecks() throws IOException {
            assertThat(StubBlobsCheck.write(kit, Fixtures.manifest())).isEqualTo(3);
            assertThat(StubBlobs.read(kit).orElseThrow().keySet()).containsExactly(IPV4, DNS, CIDR);
            SelfCheck.Check check = StubBlobsCheck.run(kit, Fixtures.manifest());
            assertThat(check.passed()).as("%s", check).isTrue();
            assertThat(check.summary()).isEqualTo("stub-blobs.txt lists the 3 stubs as they are");
        }

        @Test
        @DisplayName("fails, naming the file and both ids, once a stub changed after the list was written")
        void staleList() throws IOException {
            StubBlobsCheck.write(kit, Fixtures.manifest());
            String before = StubBlobs.read(kit).orElseThrow().get(DNS);
            write(DNS, "class Hostname {}\n");
            SelfCheck.Check check = StubBlobsCheck.run(kit, Fixtures.manifest());
            assertThat(check.passed()).isFalse();
            assertThat(check.problems()).containsExactly(
                    DNS + ": listed as blob " + before + ", but the stub is now " + sha1("blob 18\0class Hostname {}\n"),
                    "after changing a stub, rewrite the list with ./course selfcheck --write-stub-blobs and commit it");
        }

        @Test
        @DisplayName("fails when the list is missing, lacks a file, has an extra one or another order")
        void incompleteLists() throws IOException {
            assertThat(StubBlobsCheck.run(kit, Fixtures.manifest()).summary()).isEqualTo("stub-blobs.txt is missing");
            StubBlobsCheck.write(kit, Fixtures.manifest());
            List<String> lines = Files.readAllLines(kit.resolve(StubBlobs.FILE));
            List<String> entries = lines.stream().filter(l -> !l.startsWith("#")).toList();

            Files.write(kit.resolve(StubBlobs.FILE), List.of(entries.get(0), entries.get(2)));
            assertThat(StubBlobsCheck.run(kit, Fixtures.manifest()).problems()).first().isEqualTo(DNS + ": not listed");

            Files.write(kit.resolve(StubBlobs.FILE), List.of(entries.get(0), entries.get(1), entries.get(2),
                    "b".repeat(40) + " module-02-pods/src/main/java/k8snet/ipam/Gone.java"));
            assertThat(StubBlobsCheck.run(kit, Fixtures.manifest()).problems()).first()
                    .isEqualTo("module-02-pods/src/main/java/k8snet/ipam/Gone.java: listed, but no exercise has this file");

            Files.write(kit.resolve(StubBlobs.FILE), List.of(entries.get(1), entries.get(0), entries.get(2)));
            SelfCheck.Check reordered = StubBlobsCheck.run(kit, Fixtures.manifest());
            assertThat(reordered.passed()).isFalse();
            assertThat(reordered.problems()).first().isEqualTo("the files are not listed in course.yaml's order");
        }

        @Test
        @DisplayName("refuses to list a stub that is its reference solution, and the check names it")
        void solvedStub() throws IOException {
            StubBlobsCheck.write(kit, Fixtures.manifest());
            write("solutions/" + IPV4, "class Ipv4Address {}\n");
            assertThatThrownBy(() -> StubBlobsCheck.write(kit, Fixtures.manifest())).isInstanceOf(CourseException.class)
                    .hasMessageContaining(IPV4 + " is its reference solution, not a stub");
            assertThat(StubBlobsCheck.run(kit, Fixtures.manifest()).problems())
                    .contains(IPV4 + ": the stub is byte for byte its reference solution");
        }

        @Test
        @DisplayName("reads a listed blob back as a checkout writes it, and nothing for a blob git lacks")
        void content() throws IOException {
            TestGit.git(kit, "add", "-A");
            TestGit.git(kit, "commit", "-q", "-m", "stubs");
            String id = StubBlobs.hash(kit, List.of(DNS)).orElseThrow().get(DNS);
            write(DNS, "class Hostname { int learnt; }\n");
            assertThat(StubBlobs.content(kit, "", DNS, id)).hasValueSatisfying(bytes -> assertThat(
                    new String(bytes, StandardCharsets.UTF_8)).isEqualTo("class Hostname {}\r\n"));
            assertThat(StubBlobs.content(kit, "", DNS, "0".repeat(40))).isEmpty();
        }
    }

    @Test
    @DisplayName("outside a git checkout the check says it did not look, and writing is refused")
    void notGit() throws IOException {
        write(IPV4, "class Ipv4Address {}\n");
        assertThat(StubBlobsCheck.run(kit, Fixtures.manifest()).summary()).startsWith("not checked: ")
                .endsWith("is not a git checkout");
        assertThatThrownBy(() -> StubBlobsCheck.write(kit, Fixtures.manifest())).isInstanceOf(CourseException.class)
                .hasMessageContaining("cannot write stub-blobs.txt: ").hasMessageEndingWith("is not a git checkout");
    }

    private static String sha1(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
