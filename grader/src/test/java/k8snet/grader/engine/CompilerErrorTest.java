package k8snet.grader.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("A compiler error")
class CompilerErrorTest {

    private static final String DISPLAY = "module-01-basics/src/main/java/k8snet/ip/Ipv4Address.java";

    private static Compiler.Result compile(Path dir, String source) {
        Compiler.Source s = new Compiler.Source("k8snet/ip/Ipv4Address.java", source.getBytes(StandardCharsets.UTF_8),
                DISPLAY, "1.1");
        return new Compiler(dir.resolve("cache"), new CacheIndex()).compile("main", dir.resolve("layout"), List.of(s), List.of(),
                List.of(), name -> false, "");
    }

    @Test
    @DisplayName("names the repository path and line, then shows the source line with a caret under the column")
    void caret(@TempDir Path dir) {
        Compiler.Result r = compile(dir, "package k8snet.ip;\n\npublic final class Ipv4Address {\n"
                + "    int bits = 0\n}\n");
        assertThat(r.ok()).isFalse();
        assertThat(r.errors()).hasSize(1);
        Compiler.Error e = r.errors().get(0);
        assertThat(e.line()).isEqualTo(4);
        assertThat(e.column()).isEqualTo(17);
        assertThat(e.code()).isEqualTo("    int bits = 0");
        assertThat(e.format()).isEqualTo(DISPLAY + ":4: ';' expected\n"
                + "        int bits = 0\n"
                + "                    ^");
    }

    @Test
    @DisplayName("keeps the caret under the column after a tab, and the rest of a long message after the caret")
    void tabsAndLongMessages(@TempDir Path dir) {
        Compiler.Result r = compile(dir, "package k8snet.ip;\npublic final class Ipv4Address {\n"
                + "\tint octet() { return missing(1); }\n}\n");
        Compiler.Error e = r.errors().get(0);
        assertThat(e.format()).startsWith(DISPLAY + ":3: cannot find symbol\n"
                + "            int octet() { return missing(1); }\n"
                + "                                 ^\n"
                + "      symbol:");
    }

    @Test
    @DisplayName("keeps its column and source line in the compile cache")
    void cached(@TempDir Path dir) {
        String broken = "package k8snet.ip;\npublic final class Ipv4Address { int x = }\n";
        String first = compile(dir, broken).errors().get(0).format();
        Compiler.Result again = compile(dir, broken);
        assertThat(again.cached()).isTrue();
        assertThat(again.errors().get(0).format()).isEqualTo(first).contains("\n    public final class Ipv4Address");
    }
}
