package k8snet.grader.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import k8snet.grader.Fixtures;

@DisplayName("The files grading in a kit's own folder trusts")
class TrustedFilesTest {

    @TempDir
    Path kit;

    private void write(String rel) throws IOException {
        Path file = kit.resolve(rel);
        Files.createDirectories(file.getParent());
        Files.writeString(file, rel);
    }

    @Test
    @DisplayName("are the top files, module poms, .mvn, grader and module sources but student files and build output")
    void listed() throws IOException {
        for (String rel : List.of("course.yaml", "course", "mvnw", "pom.xml", "README.md", "notes.txt",
                ".mvn/wrapper/maven-wrapper.properties", "grader/pom.xml", "grader/src/main/java/G.java",
                "grader/target/course.jar", "grader/src/.course/x", "module-01-basics/pom.xml",
                "module-01-basics/README.md", "module-01-basics/src/main/java/k8snet/ip/Ipv4Address.java",
                "module-01-basics/src/main/java/k8snet/ip/Provided.java",
                "module-01-basics/src/test/java/k8snet/ip/Ipv4AddressTest.java",
                "module-01-basics/target/classes/A.class", "docs/pom.xml", "docs/guide.md", ".git/pom.xml",
                "module-09-unknown/src/main/java/X.java")) {
            write(rel);
        }
        assertThat(TrustedFiles.of(kit, Fixtures.manifest())).containsExactly(
                ".mvn/wrapper/maven-wrapper.properties", "course", "course.yaml", "docs/pom.xml", "grader/pom.xml",
                "grader/src/main/java/G.java", "module-01-basics/pom.xml",
                "module-01-basics/src/main/java/k8snet/ip/Provided.java",
                "module-01-basics/src/test/java/k8snet/ip/Ipv4AddressTest.java", "mvnw", "pom.xml");
    }

    @Test
    @DisplayName("leave new classes alone in the folders that hold student files, which are these")
    void helperFolders() {
        assertThat(TrustedFiles.helperFolders(Fixtures.manifest())).containsExactly(
                "module-01-basics/src/main/java/k8snet/dns", "module-01-basics/src/main/java/k8snet/ip",
                "module-02-pods/src/main/java/k8snet/ipam");
    }
}
