package k8snet.grader.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import k8snet.grader.Fixtures;
import k8snet.grader.manifest.Manifest;
import k8snet.grader.platform.UploadMapper.Shape;
import k8snet.grader.platform.UploadMapper.Upload;

@DisplayName("Mapping a Gradescope upload into the kit's layout")
class UploadMapperTest {

    private static final Manifest MANIFEST = Fixtures.manifest();
    private static final String IPV4 = "module-01-basics/src/main/java/k8snet/ip/Ipv4Address.java";
    private static final String HOSTNAME = "module-01-basics/src/main/java/k8snet/dns/Hostname.java";
    private static final String CIDR = "module-02-pods/src/main/java/k8snet/ipam/Cidr.java";

    @TempDir
    Path tmp;

    private Path kit;
    private Path upload;
    private Path target;

    private static void write(Path root, String rel, String content) throws IOException {
        Path p = root.resolve(rel);
        Files.createDirectories(p.getParent());
        Files.writeString(p, content);
    }

    private static String source(String pkg, String type, String body) {
        return "package " + pkg + ";\n\n/** " + body + " */\npublic final class " + type + " {\n}\n";
    }

    @BeforeEach
    void kit() throws IOException {
        kit = tmp.resolve("kit");
        write(kit, IPV4, source("k8snet.ip", "Ipv4Address", "stub"));
        write(kit, HOSTNAME, source("k8snet.dns", "Hostname", "stub"));
        write(kit, CIDR, source("k8snet.ipam", "Cidr", "stub"));
        write(kit, "module-01-basics/src/main/java/k8snet/ip/Octet.java", source("k8snet.ip", "Octet", "provided"));
        write(kit, "module-01-basics/src/test/java/k8snet/ip/Ipv4AddressTest.java",
                source("k8snet.ip", "Ipv4AddressTest", "test"));
        upload = Files.createDirectories(tmp.resolve("autograder/submission"));
        target = tmp.resolve("autograder/work/upload/submission");
    }

    private Upload map() {
        return UploadMapper.map(upload, kit, MANIFEST, target);
    }

    private List<String> placed() throws IOException {
        if (!Files.isDirectory(target)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(target)) {
            return walk.filter(Files::isRegularFile).map(p -> target.relativize(p).toString().replace('\\', '/'))
                    .sorted().toList();
        }
    }

    @Nested
    @DisplayName("a kit-shaped upload is graded where it is, nothing copied")
    class KitShaped {

        @Test
        @DisplayName("the whole kit at the top")
        void atTop() throws IOException {
            write(upload, IPV4, "solved");
            write(upload, "course.yaml", "course");
            Upload u = map();
            assertThat(u.shape()).isEqualTo(Shape.KIT);
            assertThat(u.folder()).contains(upload);
            assertThat(u.notes()).isEmpty();
            assertThat(target).doesNotExist();
        }

        @Test
        @DisplayName("the kit inside one folder, beside the __MACOSX folder a Mac's zip adds, and a stray file")
        void nested() throws IOException {
            write(upload, "k8snet-course/" + IPV4, "solved");
            write(upload, "__MACOSX/k8snet-course/module-01-basics/._x", "fork");
            write(upload, "notes.txt", "my notes");
            Upload u = map();
            assertThat(u.shape()).isEqualTo(Shape.KIT);
            assertThat(u.folder()).contains(upload.resolve("k8snet-course"));
            assertThat(u.notes()).containsExactly("Graded the course folder `k8snet-course/` of your upload.",
                    "1 file outside it was not looked at.");
        }

        @Test
        @DisplayName("module folders three levels down; four is too deep")
        void depth() throws IOException {
            write(upload, "a/b/c/module-02-pods/src/main/java/k8snet/ipam/Cidr.java", "solved");
            assertThat(map().folder()).contains(upload.resolve("a/b/c"));
            Path deeper = Files.createDirectories(tmp.resolve("deeper"));
            write(deeper, "a/b/c/d/" + CIDR, source("k8snet.ipam", "Cidr", "solved"));
            Upload u = UploadMapper.map(deeper, kit, MANIFEST, tmp.resolve("t2"));
            assertThat(u.shape()).as("too deep for a kit, but its .java file is still found").isEqualTo(Shape.FILES);
        }
    }

    @Nested
    @DisplayName("loose .java files are placed by the package they declare")
    class LooseFiles {

        @Test
        @DisplayName("flat at the top, each to its module, with a note per file")
        void flat() throws IOException {
            write(upload, "Ipv4Address.java", source("k8snet.ip", "Ipv4Address", "solved"));
            write(upload, "Cidr.java", source("k8snet.ipam", "Cidr", "solved"));
            Upload u = map();
            assertThat(u.shape()).isEqualTo(Shape.FILES);
            assertThat(u.folder()).contains(target);
            assertThat(placed()).containsExactly(IPV4, CIDR);
            assertThat(Files.readString(target.resolve(CIDR))).contains("solved");
            assertThat(u.notes()).containsExactly("Your upload has no course module folders, so each `.java` file was "
                    + "matched to a file you edit by its package and name:", "",
                    "- `Cidr.java` → `" + CIDR + "` (exercise 2.1)",
                    "- `Ipv4Address.java` → `" + IPV4 + "` (exercise 1.1)");
        }

        @Test
        @DisplayName("in folders that are not the kit's (an IDE's src/), and renamed by a browser")
        void foldersAndRenames() throws IOException {
            write(upload, "src/k8snet/dns/Hostname.java", source("k8snet.dns", "Hostname", "solved"));
            write(upload, "Ipv4Address (1).java", source("k8snet.ip", "Ipv4Address", "solved"));
            Upload u = map();
            assertThat(placed()).containsExactly(HOSTNAME, IPV4);
            assertThat(u.notes()).contains("- `Ipv4Address (1).java` → `" + IPV4 + "` (exercise 1.1 (by its class "
                    + "`Ipv4Address`))", "- `src/k8snet/dns/Hostname.java` → `" + HOSTNAME + "` (exercise 1.2)");
        }

        @Test
        @DisplayName("a new class beside an exercise file goes there too; tests, provided code and strangers do not")
        void helpersAndIgnored() throws IOException {
            write(upload, "Ipv4Address.java", source("k8snet.ip", "Ipv4Address", "solved"));
            write(upload, "Octets.java", source("k8snet.ip", "Octets", "helper"));
            write(upload, "Octet.java", source("k8snet.ip", "Octet", "edited provided code"));
            write(upload, "Ipv4AddressTest.java", source("k8snet.ip", "Ipv4AddressTest", "edited test"));
            write(upload, "Main.java", source("my.app", "Main", "unrelated"));
            write(upload, "Hostname.java", source("k8snet.ip", "Hostname", "wrong package"));
            write(upload, "Cidr.java", "public class Cidr {}\n");
            write(upload, "report.pdf", "%PDF");
            Upload u = map();
            assertThat(placed()).containsExactly(IPV4, "module-01-basics/src/main/java/k8snet/ip/Octets.java");
            assertThat(u.notes()).contains(
                    "- `Octets.java` → `module-01-basics/src/main/java/k8snet/ip/Octets.java` (a new class beside "
                            + "your exercise files)",
                    "Not graded:",
                    "- `Cidr.java`: it declares no package, but the file you edit called `Cidr.java` is in package "
                            + "`k8snet.ipam`",
                    "- `Hostname.java`: its package `k8snet.ip`, but the file you edit called `Hostname.java` is in "
                            + "package `k8snet.dns`",
                    "- `Ipv4AddressTest.java`: the tests always come from the course",
                    "- `Main.java`: its package `my.app` and its name match no file you edit",
                    "- `Octet.java`: provided code always comes from the course",
                    "- 1 file that is not `.java` source");
        }

        @Test
        @DisplayName("two files for one exercise file: the shallower is used and the other named")
        void duplicates() throws IOException {
            write(upload, "old/Ipv4Address.java", source("k8snet.ip", "Ipv4Address", "old"));
            write(upload, "Ipv4Address.java", source("k8snet.ip", "Ipv4Address", "new"));
            Upload u = map();
            assertThat(Files.readString(target.resolve(IPV4))).contains("new");
            assertThat(u.notes()).contains("- `old/Ipv4Address.java`: a second file for `" + IPV4 + "`; "
                    + "`Ipv4Address.java` was used");
        }

        @Test
        @DisplayName("ignores hidden files and folders")
        void hidden() throws IOException {
            write(upload, ".git/Ipv4Address.java", source("k8snet.ip", "Ipv4Address", "in .git"));
            write(upload, ".Ipv4Address.java", source("k8snet.ip", "Ipv4Address", "hidden"));
            assertThat(map().shape()).isEqualTo(Shape.EMPTY);
        }
    }

    @Nested
    @DisplayName("nothing to grade")
    class Nothing {

        @Test
        @DisplayName("an empty upload says so and what to upload")
        void empty() throws IOException {
            Files.createDirectories(upload.resolve("empty-folder"));
            Upload u = map();
            assertThat(u.shape()).isEqualTo(Shape.EMPTY);
            assertThat(u.folder()).isEmpty();
            assertThat(u.notes()).containsExactly("**Nothing was graded: your upload is empty.** Upload the `.java` "
                    + "files you edited (for example `Ipv4Address.java`), your module folders (such as "
                    + "`module-01-basics`), or the whole course folder, then submit again.");
        }

        @Test
        @DisplayName("an upload of files that are not the course's names each")
        void garbage() throws IOException {
            write(upload, "essay.docx", "words");
            write(upload, "Main.java", source("my.app", "Main", "unrelated"));
            Upload u = map();
            assertThat(u.shape()).isEqualTo(Shape.NOTHING_USABLE);
            assertThat(u.folder()).isEmpty();
            assertThat(u.notes().get(0)).startsWith("**Nothing was graded: your upload holds no file of the course.**");
            assertThat(u.notes()).contains("- `Main.java`: its package `my.app` and its name match no file you edit",
                    "- 1 file that is not `.java` source");
            assertThat(target).doesNotExist();
        }
    }

    @Test
    @DisplayName("refuses a target inside the upload, and nulls")
    void badArguments() {
        assertThatIllegalArgumentException().isThrownBy(() -> UploadMapper.map(upload, kit, MANIFEST,
                upload.resolve("out"))).withMessageContaining("must be outside the upload");
        assertThatIllegalArgumentException().isThrownBy(() -> UploadMapper.map(null, kit, MANIFEST, target));
    }
}
