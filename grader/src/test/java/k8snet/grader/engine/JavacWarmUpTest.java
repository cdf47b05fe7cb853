package k8snet.grader.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The check server's throw-away compile: it compiles what it finds, leaves nothing behind and never fails a check. */
@DisplayName("The warm-up compile")
class JavacWarmUpTest {

    @TempDir
    Path root;

    private static long warmUpFolders() throws IOException {
        try (Stream<Path> tmp = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return tmp.filter(p -> p.getFileName().toString().startsWith("course-javac-warm-up-")).count();
        }
    }

    @Test
    @DisplayName("compiles every source of the module against the earlier one's, and deletes its classes")
    void compilesAndCleansUp() throws IOException {
        Path basics = Files.createDirectories(root.resolve("m1/k8snet/a"));
        Files.writeString(basics.resolve("A.java"), "package k8snet.a; public record A(int x) { }\n");
        Path pods = Files.createDirectories(root.resolve("m2/k8snet/b"));
        Files.writeString(pods.resolve("B.java"), "package k8snet.b; public class B { k8snet.a.A a = new k8snet.a.A(1); }\n");
        Files.writeString(pods.resolve("C.java"), "package k8snet.b; class C { int broken( }\n");
        long before = warmUpFolders();
        assertThat(JavacWarmUp.run(root.resolve("m2"), List.of(root.resolve("m1"), root.resolve("m2")))).isEqualTo(2);
        assertThat(warmUpFolders()).as("its temporary classes are gone").isEqualTo(before);
        assertThat(Files.list(pods).map(p -> p.getFileName().toString()).sorted().toList())
                .as("nothing is written beside the sources").containsExactly("B.java", "C.java");
    }

    @Test
    @DisplayName("compiles nothing where there are no sources, and refuses a missing argument")
    void edges() {
        assertThat(JavacWarmUp.run(root.resolve("absent"), List.of())).isZero();
        assertThatThrownBy(() -> JavacWarmUp.run(null, List.of())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("null");
    }
}
