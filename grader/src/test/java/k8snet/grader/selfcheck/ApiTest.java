package k8snet.grader.selfcheck;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("Comparing a stub's public API with its solution's")
class ApiTest {

    private static final String STUB = """
            package net;

            import java.util.List;

            /** A stub. */
            public final class Pool implements Comparable<Pool> {
                public static final int SIZE = 256;
                private int used;

                public Pool(Block block) {
                    throw new UnsupportedOperationException("Exercise 9.9");
                }

                public List<Block> free() {
                    throw new UnsupportedOperationException("Exercise 9.9");
                }

                public int size() {
                    throw new UnsupportedOperationException("Exercise 9.9");
                }

                public <T extends Comparable<T>> T max(List<? extends T> all) {
                    throw new UnsupportedOperationException("Exercise 9.9");
                }

                @Override
                public int compareTo(Pool other) {
                    throw new UnsupportedOperationException("Exercise 9.9");
                }

                public record Lease(Block block, long until) {
                }
            }
            """;

    @TempDir
    Path tmp;

    private Path stubs;
    private Path solutions;

    @BeforeEach
    void provided() throws IOException {
        stubs = tmp.resolve("stubs");
        solutions = tmp.resolve("solutions");
        write(stubs, "net/Block.java", "package net;\n\npublic record Block(int first, int last) {\n}\n");
        write(stubs, "net/Pool.java", STUB);
    }

    private static void write(Path root, String file, String text) throws IOException {
        Path p = root.resolve(file);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
    }

    /** The differences after writing this solution of net/Pool.java. */
    private List<String> differences(String solution) throws IOException {
        write(solutions, "net/Pool.java", solution);
        ApiReader.Result stub = ApiReader.read(Map.of("net/Pool.java", stubs.resolve("net/Pool.java")), List.of(stubs));
        ApiReader.Result sol = ApiReader.read(Map.of("net/Pool.java", solutions.resolve("net/Pool.java")),
                List.of(solutions, stubs));
        assertThat(stub.errors()).isEmpty();
        assertThat(sol.errors()).isEmpty();
        return Api.differences(sol.apis().get("net/Pool.java"), stub.apis().get("net/Pool.java"));
    }

    @Test
    @DisplayName("finds none when only bodies, private members, package-private helpers and the spelling of types differ")
    void same() throws IOException {
        String solution = STUB.replace("import java.util.List;\n", "")
                .replace("List<", "java.util.List<")
                .replace("private int used;", "private int used;\n    private final java.util.ArrayList<Block> blocks"
                        + " = new java.util.ArrayList<>();\n    private void helper() { }")
                .replace("throw new UnsupportedOperationException(\"Exercise 9.9\");", "return null;")
                .replace("public int size() {\n        return null;", "public int size() {\n        return used;")
                .replace("public int compareTo(Pool other) {\n        return null;",
                        "public int compareTo(Pool other) {\n        return 0;")
                .replace("public Pool(Block block) {\n        return null;", "public Pool(Block block) {\n")
                + "\nfinal class PoolHelper {\n    public static int twice(int x) {\n        return 2 * x;\n    }\n}\n";
        assertThat(differences(solution)).isEmpty();
    }

    @Test
    @DisplayName("names a public method the stub lacks")
    void missingMethod() throws IOException {
        String solution = STUB.replace("public int size() {",
                "public Pool next(int step) {\n        return this;\n    }\n\n    public int size() {");
        assertThat(differences(solution)).containsExactly("Pool: solution has public method next(int), stub has not");
    }

    @Test
    @DisplayName("shows both signatures when a return type changed")
    void returnType() throws IOException {
        String solution = STUB.replace("public int size() {", "public long size() {");
        assertThat(differences(solution)).containsExactly(
                "Pool: method size() differs: solution has 'public long size()', stub has 'public int size()'");
    }

    @Test
    @DisplayName("names an extra public field")
    void extraField() throws IOException {
        String solution = STUB.replace("private int used;", "private int used;\n    public int count;");
        assertThat(differences(solution)).containsExactly("Pool: solution has public field count, stub has not");
    }

    @Test
    @DisplayName("sees changes in nested types, generic signatures and supertypes")
    void deeper() throws IOException {
        String solution = STUB
                .replace("public record Lease(Block block, long until)", "public record Lease(Block block, int until)")
                .replace("public <T extends Comparable<T>> T max(List<? extends T> all)",
                        "public <T extends Comparable<T>> T max(List<T> all)")
                .replace("public final class Pool implements Comparable<Pool>",
                        "public class Pool implements Comparable<Pool>");
        assertThat(differences(solution)).containsExactlyInAnyOrder(
                "Pool: declaration differs: solution has 'public class Pool implements Comparable<net.Pool>', "
                        + "stub has 'public final class Pool implements Comparable<net.Pool>'",
                "Pool: solution has public method max(java.util.List<T>), stub has not",
                "Pool: stub has public method max(java.util.List<? extends T>), solution has not",
                "Pool.Lease: solution has public constructor Lease(net.Block, int), stub has not",
                "Pool.Lease: stub has public constructor Lease(net.Block, long), solution has not",
                "Pool.Lease: method until() differs: solution has 'public int until()', stub has 'public long until()'");
    }

    @Test
    @DisplayName("reports the compiler's errors with file and line")
    void compileError() throws IOException {
        write(solutions, "net/Pool.java", STUB.replace("public int size() {", "public int size() {\n        int x = ;"));
        ApiReader.Result sol = ApiReader.read(Map.of("net/Pool.java", solutions.resolve("net/Pool.java")),
                List.of(solutions, stubs));
        assertThat(sol.errors()).isNotEmpty().first().asString().startsWith("Pool.java:").contains("illegal start");
    }
}
