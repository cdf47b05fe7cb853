package k8snet.grader.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayName("The ABI digest of compiled classes")
class ClassAbiTest {

    private static final String BASE = """
            package p;
            public class Api {
                public static final int LIMIT = 8;
                protected String name;
                public int size(java.util.List<String> items) throws java.io.IOException {
                    return items.size();
                }
                int packageLevel() {
                    return 1;
                }
            }
            """;

    @TempDir
    Path dir;

    private final AtomicInteger builds = new AtomicInteger();

    private String abiOf(String source) throws IOException {
        Path root = dir.resolve("build-" + builds.incrementAndGet());
        Path file = root.resolve("src/p/Api.java");
        Files.createDirectories(file.getParent());
        Files.writeString(file, source);
        Path classes = Files.createDirectories(root.resolve("classes"));
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        int code = javac.run(null, null, null, "--release", "17", "-g", "-d", classes.toString(), file.toString());
        assertThat(code).as("javac exit code for\n" + source).isZero();
        return ClassAbi.digest(classes);
    }

    @Test
    @DisplayName("is the same after an edit of a method body, a private member or a comment")
    void bodyOnly() throws IOException {
        String base = abiOf(BASE);
        assertThat(abiOf(BASE.replace("return items.size();", "int n = items.size();\n return n + 0;")))
                .isEqualTo(base);
        assertThat(abiOf(BASE.replace("int packageLevel()", "private int helper() { return 2; }\n int packageLevel()")))
                .isEqualTo(base);
        assertThat(abiOf("// a comment moves every line\n\n" + BASE)).isEqualTo(base);
        assertThat(abiOf(BASE.replace("return 1;", "Runnable r = () -> { };\n r.run();\n return 1;")))
                .as("a lambda compiles to a private method").isEqualTo(base);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "a constant's value (inlined by javac where it is used) | LIMIT = 8 | LIMIT = 9",
            "a parameter's generic type | List<String> items | List<Integer> items",
            "the checked exceptions a method throws | throws java.io.IOException | throws java.io.IOException, InterruptedException",
            "a method's visibility | int packageLevel() | private int packageLevel()",
            "a field's modifiers | protected String name | protected final String name = \"\"",
            "the superclass | public class Api { | public class Api extends Thread {",
            "a new package-private method | int packageLevel() | int other() { return 2; }\\n int packageLevel()",
            "a new nested class | public static final int LIMIT | public static class Nested { }\\n public static final int LIMIT"})
    @DisplayName("changes with")
    void changes(String what, String from, String to) throws IOException {
        assertThat(BASE).contains(from);
        assertThat(abiOf(BASE.replace(from, to.replace("\\n", "\n")))).as(what).isNotEqualTo(abiOf(BASE));
    }

    @Test
    @DisplayName("describes a class by its members, sorted, without private ones")
    void describe() throws IOException {
        abiOf(BASE);
        byte[] bytes = Files.readAllBytes(dir.resolve("build-1/classes/p/Api.class"));
        assertThat(ClassAbi.describe(bytes).lines().toList()).containsExactly(
                "class p/Api flags 21 extends java/lang/Object",
                "field LIMIT I flags 19 = int 8",
                "field name Ljava/lang/String; flags 4",
                "method <init> ()V flags 1",
                "method packageLevel ()I flags 0",
                "method size (Ljava/util/List;)I flags 1 throws java/io/IOException"
                        + " signature (Ljava/util/List<Ljava/lang/String;>;)I");
    }

    @Test
    @DisplayName("of a missing folder is 'none'; of bytes that are no class file, a clear error")
    void badInput() throws IOException {
        assertThat(ClassAbi.digest(dir.resolve("absent"))).isEqualTo("none");
        assertThatIllegalArgumentException().isThrownBy(() -> ClassAbi.describe(new byte[] {1, 2, 3, 4, 5, 6}))
                .withMessageContaining("Not a readable class file (6 bytes)");
        Path folder = Files.createDirectories(dir.resolve("broken/p"));
        Files.write(folder.resolve("X.class"), List.of("not a class").get(0).getBytes());
        assertThatIllegalArgumentException().isThrownBy(() -> ClassAbi.digest(dir.resolve("broken")))
                .withMessageContaining("no 0xCAFEBABE");
    }
}
