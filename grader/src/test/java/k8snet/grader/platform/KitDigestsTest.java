package k8snet.grader.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import k8snet.grader.Fixtures;
import k8snet.grader.manifest.Manifest;

@DisplayName("A kit's digest list")
class KitDigestsTest {

    private static final Manifest MANIFEST = Fixtures.manifest();
    private static final String COMMIT = "0123456789abcdef0123456789abcdef01234567";
    private static final String STUB = "module-01-basics/src/main/java/k8snet/ip/Ipv4Address.java";
    private static final String TEST = "module-01-basics/src/test/java/k8snet/ip/Ipv4AddressTest.java";
    private static final String PROVIDED = "module-01-basics/src/main/java/k8snet/Require.java";

    @TempDir
    Path kit;

    private void write(String rel, String content) throws IOException {
        Path p = kit.resolve(rel);
        Files.createDirectories(p.getParent());
        Files.writeString(p, content);
    }

    @BeforeEach
    void kit() throws IOException {
        for (String f : List.of("course.yaml", "pom.xml", "course", "course.cmd", "mvnw", "mvnw.cmd",
                ".mvn/wrapper/maven-wrapper.properties", "module-01-basics/pom.xml", "module-02-pods/pom.xml",
                "bench/pom.xml", "grader/pom.xml", "grader/src/main/java/k8snet/grader/cli/Course.java", PROVIDED,
                TEST, "module-01-basics/src/test/resources/data.txt",
                "module-02-pods/src/test/java/k8snet/ipam/CidrTest.java", "README.md",
                "module-01-basics/README.md", "docs/ARCHITECTURE.md", "bench/src/main/java/k8snet/bench/B.java")) {
            write(f, f + "\n");
        }
        write(STUB, "class Ipv4Address { /* stub */ }\n");
        write("module-01-basics/src/main/java/k8snet/dns/Hostname.java", "stub\n");
        write("module-02-pods/src/main/java/k8snet/ipam/Cidr.java", "stub\n");
        write("module-01-basics/target/classes/k8snet/ip/Ipv4Address.class", "class");
        write("grader/target/course.jar", "jar");
        write(".course/work/x", "x");
    }

    @Test
    @DisplayName("lists every file grading trusts, and none a student edits, lessons or build output")
    void lists() {
        KitDigests digests = KitDigests.of(kit, MANIFEST, Optional.of(COMMIT));
        assertThat(digests.digests().keySet()).containsExactly(".mvn/wrapper/maven-wrapper.properties",
                "bench/pom.xml", "course", "course.cmd", "course.yaml", "grader/pom.xml",
                "grader/src/main/java/k8snet/grader/cli/Course.java", "module-01-basics/pom.xml", PROVIDED,
                TEST, "module-01-basics/src/test/resources/data.txt", "module-02-pods/pom.xml",
                "module-02-pods/src/test/java/k8snet/ipam/CidrTest.java", "mvnw", "mvnw.cmd", "pom.xml");
        assertThat(digests.commit()).contains(COMMIT);
    }

    @Test
    @DisplayName("is written in sha256sum's format, with the course commit, and read back as it was")
    void roundTrip() throws IOException {
        KitDigests.of(kit, MANIFEST, Optional.of(COMMIT)).write(kit);
        List<String> lines = Files.readAllLines(kit.resolve(KitDigests.FILE_NAME));
        assertThat(lines.get(0)).startsWith("# ");
        assertThat(lines).contains("# course-commit " + COMMIT,
                // sha256sum of the file's content, "course.yaml\n"
                "36225ea211acbe4779cc64140506c6dbd54b610d3f357aa1bd401e6ffece2e2a  course.yaml",
                "1334189eaf365f22c5a3a353214c0b22164527445c65a76fab8734e1a50e691c  " + TEST);
        List<String> paths = lines.stream().filter(l -> !l.startsWith("#")).map(l -> l.substring(66)).toList();
        assertThat(paths).isSorted().hasSize(16);
        KitDigests read = KitDigests.read(kit).orElseThrow();
        assertThat(read.digests()).isEqualTo(KitDigests.of(kit, MANIFEST, Optional.empty()).digests());
        assertThat(read.commit()).contains(COMMIT);
        assertThat(read.differences(kit, MANIFEST)).isEmpty();
    }

    @Test
    @DisplayName("digests the bytes as sha256sum does, and reads CRLF line endings as LF")
    void sha256() throws IOException {
        write("a.txt", "abc");
        // FIPS 180-2, appendix B.1: SHA-256("abc").
        assertThat(KitDigests.sha256(kit.resolve("a.txt")))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        write("lf.txt", "line one\nline two\n");
        write("crlf.txt", "line one\r\nline two\r\n");
        write("cr.txt", "line one\rline two\r");
        assertThat(KitDigests.sha256(kit.resolve("crlf.txt"))).isEqualTo(KitDigests.sha256(kit.resolve("lf.txt")));
        assertThat(KitDigests.sha256(kit.resolve("cr.txt"))).as("a lone CR is content")
                .isNotEqualTo(KitDigests.sha256(kit.resolve("lf.txt")));
    }

    @Test
    @DisplayName("is absent when the kit has none")
    void absent() {
        assertThat(KitDigests.read(kit)).isEmpty();
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"not a digest line", "0123  course.yaml",
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad  ../outside",
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad  /etc/passwd"})
    @DisplayName("refuses a line that is not a digest and a kit-relative path, naming the line")
    void malformed(String line) throws IOException {
        write(KitDigests.FILE_NAME, "# a comment\n" + line + "\n");
        assertThatIllegalArgumentException().isThrownBy(() -> KitDigests.read(kit))
                .withMessage("Line 2 of " + KitDigests.FILE_NAME + " is not '<sha256>  <path inside the kit>': " + line);
    }

    @Test
    @DisplayName("refuses a commit that is not 40 hex digits")
    void badCommit() {
        assertThatIllegalArgumentException().isThrownBy(() -> KitDigests.of(kit, MANIFEST, Optional.of("HEAD")))
                .withMessage("A course commit is 40 lower-case hex digits: HEAD");
    }

    @Nested
    @DisplayName("compared with the kit")
    class Differences {

        private KitDigests list;

        @BeforeEach
        void exported() {
            list = KitDigests.of(kit, MANIFEST, Optional.empty());
        }

        @Test
        @DisplayName("names a changed test, a deleted provided file and an added test, in path order")
        void changes() throws IOException {
            write(TEST, "class Ipv4AddressTest { @Test void passes() {} }\n");
            Files.delete(kit.resolve(PROVIDED));
            write("module-01-basics/src/test/java/k8snet/ip/AlwaysPasses.java", "new\n");
            write("grader/src/main/java/k8snet/grader/cli/Backdoor.java", "new\n");
            assertThat(list.differences(kit, MANIFEST)).extracting(Object::toString).containsExactly(
                    "grader/src/main/java/k8snet/grader/cli/Backdoor.java (added)",
                    PROVIDED + " (missing)",
                    "module-01-basics/src/test/java/k8snet/ip/AlwaysPasses.java (added)",
                    TEST + " (changed)");
        }

        @Test
        @DisplayName("does not count the files students edit, nor new classes beside them")
        void studentWork() throws IOException {
            write(STUB, "final class Ipv4Address { /* solved */ }\n");
            write("module-01-basics/src/main/java/k8snet/ip/Ipv4Parser.java", "helper\n");
            write("README.md", "my notes\n");
            write("module-01-basics/target/classes/k8snet/ip/Other.class", "class");
            assertThat(list.differences(kit, MANIFEST)).isEmpty();
        }

        @Test
        @DisplayName("counts a new class outside the folders of the files students edit")
        void newClassElsewhere() throws IOException {
            write("module-01-basics/src/main/java/k8snet/Require2.java", "new\n");
            assertThat(list.differences(kit, MANIFEST)).extracting(Object::toString)
                    .containsExactly("module-01-basics/src/main/java/k8snet/Require2.java (added)");
        }

        @Test
        @DisplayName("is unchanged by a checkout with CRLF line endings")
        void crlf() throws IOException {
            write(TEST, (TEST + "\n").replace("\n", "\r\n"));
            assertThat(list.differences(kit, MANIFEST)).isEmpty();
        }
    }
}
