package k8snet.grader.selfcheck;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import k8snet.grader.manifest.CourseModule;
import k8snet.grader.manifest.Exercise;
import k8snet.grader.manifest.Manifest;

@DisplayName("The self-check of file pairs")
class FilePairsCheckTest {

    private static final Manifest MANIFEST = new Manifest("Test course",
            List.of(new CourseModule("module-01-basics", "Basics", "README.md")),
            List.of(new Exercise("1.1", "Pools", "module-01-basics", "README.md#pools",
                    List.of("net/Pool.java", "net/Lease.java"), List.of("net.PoolTest"), 10, List.of("hint"))));

    @TempDir
    Path kit;

    private void write(String path) throws IOException {
        Path file = kit.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, "package net;\n");
    }

    @Test
    @DisplayName("passes when every listed file has its stub and solution, counting the solution files")
    void pairs() throws IOException {
        for (String f : List.of("net/Pool.java", "net/Lease.java")) {
            write("module-01-basics/src/main/java/" + f);
            write("solutions/module-01-basics/src/main/java/" + f);
        }
        SelfCheck.Check c = new FilePairsCheck(kit, MANIFEST).run();
        assertThat(c.passed()).isTrue();
        assertThat(c.name()).isEqualTo("file pairs");
        assertThat(c.summary()).isEqualTo("2 solution files, each with its stub at the same path");
        assertThat(c.problems()).isEmpty();
    }

    @Test
    @DisplayName("names a listed file without its stub, one without its solution, and a module course.yaml lacks")
    void missing() throws IOException {
        write("module-01-basics/src/main/java/net/Pool.java");
        write("solutions/module-01-basics/src/main/java/net/Lease.java");
        write("solutions/module-09-extra/src/main/java/net/Other.java");
        SelfCheck.Check c = new FilePairsCheck(kit, MANIFEST).run();
        assertThat(c.passed()).isFalse();
        assertThat(c.summary()).isEqualTo("4 problem(s)");
        assertThat(c.problems()).containsExactly(
                "1.1: no solution solutions/module-01-basics/src/main/java/net/Pool.java",
                "1.1: no stub module-01-basics/src/main/java/net/Lease.java",
                "solutions/module-01-basics/src/main/java/net/Lease.java has no stub at "
                        + "module-01-basics/src/main/java/net/Lease.java",
                "solutions/module-09-extra is not a module of course.yaml");
    }
}
