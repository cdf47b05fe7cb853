package k8snet.grader.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("Exporting the student kit")
class StudentExportTest {

    @TempDir
    Path tmp;

    private Path kit;

    private void write(String file) throws IOException {
        Path p = kit.resolve(file);
        Files.createDirectories(p.getParent());
        Files.writeString(p, file);
    }

    @BeforeEach
    void kit() throws IOException {
        kit = tmp.resolve("kit");
        for (String f : List.of("pom.xml", "course.yaml", "mvnw", ".mvn/wrapper/maven-wrapper.properties",
                "module-01-basics/pom.xml", "module-01-basics/src/main/java/k8snet/ip/Ipv4Address.java",
                "module-01-basics/src/test/java/k8snet/ip/Ipv4AddressTest.java",
                "module-01-basics/target/classes/k8snet/ip/Ipv4Address.class",
                "solutions/module-01-basics/src/main/java/k8snet/ip/Ipv4Address.java",
                "hidden-tests/k8snet/ip/HiddenTest.java", ".ci/run", ".course/work/x", ".git", "grader/target/course.jar",
                "grader/src/main/java/k8snet/grader/cli/Course.java")) {
            write(f);
        }
        Files.setPosixFilePermissions(kit.resolve("mvnw"), Set.of(PosixFilePermission.OWNER_READ,
                PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE));
    }

    private List<String> files(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile).map(p -> root.relativize(p).toString().replace('\\', '/'))
                    .sorted().toList();
        }
    }

    @Test
    @DisplayName("copies everything but solutions, hidden tests, CI, build output, .course and .git")
    void copies() throws IOException {
        Path out = tmp.resolve("student");
        int count = StudentExport.export(kit, out);
        assertThat(files(out)).containsExactly(".mvn/wrapper/maven-wrapper.properties", "course.yaml",
                "grader/src/main/java/k8snet/grader/cli/Course.java", "module-01-basics/pom.xml",
                "module-01-basics/src/main/java/k8snet/ip/Ipv4Address.java",
                "module-01-basics/src/test/java/k8snet/ip/Ipv4AddressTest.java", "mvnw", "pom.xml");
        assertThat(count).isEqualTo(8);
        assertThat(Files.isExecutable(out.resolve("mvnw"))).as("mvnw keeps its execute bit").isTrue();
        assertThat(files(kit)).contains("solutions/module-01-basics/src/main/java/k8snet/ip/Ipv4Address.java");
    }

    @Test
    @DisplayName("refuses a folder inside the kit or one that is not empty")
    void refuses() throws IOException {
        assertThatThrownBy(() -> StudentExport.export(kit, kit.resolve("student")))
                .isInstanceOf(CourseException.class).hasMessageContaining("is inside the kit");
        Path full = Files.createDirectories(tmp.resolve("full"));
        Files.writeString(full.resolve("x"), "x");
        assertThatThrownBy(() -> StudentExport.export(kit, full))
                .isInstanceOf(CourseException.class).hasMessageContaining("exists and is not an empty folder");
    }
}
