package k8snet.grader.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("Compiling only the edited files of a module")
class IncrementalCompileTest {

    private static final String A = """
            package p;
            public class A {
                public int f() {
                    return 1;
                }
                static class Helper {
                }
            }
            """;
    private static final String B = """
            package p;
            class B {
                int g() {
                    return new A().f() + 1;
                }
            }
            """;

    @TempDir
    Path dir;

    private final AtomicInteger layouts = new AtomicInteger();

    /** A file no edit touches (when every file is edited, a full compile is as quick). */
    private static final String D = "package p;\nclass D {\n}\n";

    private static Compiler.Source source(String rel, String text) {
        return new Compiler.Source(rel, text.getBytes(StandardCharsets.UTF_8), "module/src/main/java/" + rel, "1.1");
    }

    private Compiler.Result compile(IncrementalCompile incremental, List<Compiler.Source> sources) {
        return incremental.compile("main-m", dir.resolve("layout-" + layouts.incrementAndGet()), sources, List.of(),
                name -> false, "");
    }

    /** What a full compile in a fresh cache makes of the same sources. */
    private Map<String, String> full(List<Compiler.Source> sources) {
        Compiler fresh = new Compiler(dir.resolve("fresh-" + layouts.incrementAndGet()), new CacheIndex());
        Compiler.Result r = fresh.compile("main-m", dir.resolve("layout-" + layouts.incrementAndGet()), sources, List.of(),
                List.of(), name -> false, "");
        assertThat(r.ok()).isTrue();
        return files(r.classes());
    }

    private static Map<String, String> files(Path classes) {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(classes)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                out.put(classes.relativize(p).toString(), java.util.HexFormat.of().formatHex(Files.readAllBytes(p)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    @Test
    @DisplayName("gives, byte for byte, what a full compile gives, and falls back to one whenever it may not stand in")
    void sameAsFull() {
        Path cache = dir.resolve("cache");
        IncrementalCompile incremental = new IncrementalCompile(new Compiler(cache, new CacheIndex()), cache);

        List<Compiler.Source> first = List.of(source("p/A.java", A), source("p/B.java", B), source("p/D.java", D));
        assertThat(compile(incremental, first).ok()).isTrue();
        assertThat(incremental.lastIncremental()).as("nothing to start from").isFalse();

        List<Compiler.Source> body = List.of(source("p/A.java", A.replace("return 1;", "return 2;")),
                source("p/B.java", B), source("p/D.java", D));
        Compiler.Result edited = compile(incremental, body);
        assertThat(incremental.lastIncremental()).as("a body-only edit").isTrue();
        assertThat(edited.ok()).isTrue();
        assertThat(files(edited.classes())).isEqualTo(full(body)).containsKeys("p/A.class", "p/A$Helper.class", "p/B.class");

        List<Compiler.Source> twoFiles = List.of(source("p/A.java", A.replace("return 1;", "return 3;")),
                source("p/B.java", B.replace("+ 1", "+ 2")), source("p/D.java", D));
        Compiler.Result both = compile(incremental, twoFiles);
        assertThat(incremental.lastIncremental()).as("two files edited").isTrue();
        assertThat(files(both.classes())).isEqualTo(full(twoFiles));

        List<Compiler.Source> wider = List.of(source("p/A.java", A.replace("public int f()", "public int h() {\n return 0;\n }\n public int f()")),
                source("p/B.java", B.replace("+ 1", "+ 2")), source("p/D.java", D));
        Compiler.Result api = compile(incremental, wider);
        assertThat(incremental.lastIncremental()).as("a new public method changes the ABI").isFalse();
        assertThat(files(api.classes())).isEqualTo(full(wider));

        List<Compiler.Source> noHelper = List.of(source("p/A.java", A.replace("static class Helper {\n    }\n", "")),
                source("p/B.java", B.replace("+ 1", "+ 2")), source("p/D.java", D));
        Compiler.Result fewer = compile(incremental, noHelper);
        assertThat(incremental.lastIncremental()).as("a nested class removed").isFalse();
        assertThat(files(fewer.classes())).doesNotContainKey("p/A$Helper.class").isEqualTo(full(noHelper));

        List<Compiler.Source> broken = List.of(source("p/A.java", A.replace("return 1;", "return \"one\";")),
                source("p/B.java", B), source("p/D.java", D));
        Compiler.Result error = compile(incremental, broken);
        assertThat(incremental.lastIncremental()).isFalse();
        assertThat(error.ok()).isFalse();
        assertThat(error.errors()).extracting(Compiler.Error::format)
                .anySatisfy(m -> assertThat(m).startsWith("module/src/main/java/p/A.java:4: "));

        List<Compiler.Source> added = new ArrayList<>(body);
        added.add(source("p/C.java", "package p;\nclass C {\n}\n"));
        Compiler.Result more = compile(incremental, added);
        assertThat(incremental.lastIncremental()).as("a new file").isFalse();
        assertThat(files(more.classes())).isEqualTo(full(added));
    }

    @Test
    @DisplayName("shares the unedited classes with the build it started from, which keeps its own bytes")
    void sharesUneditedClasses() throws IOException {
        Path cache = dir.resolve("cache");
        IncrementalCompile incremental = new IncrementalCompile(new Compiler(cache, new CacheIndex()), cache);
        List<Compiler.Source> first = List.of(source("p/A.java", A), source("p/B.java", B), source("p/D.java", D));
        Compiler.Result before = compile(incremental, first);
        Map<String, String> firstBytes = files(before.classes());

        List<Compiler.Source> body = List.of(source("p/A.java", A.replace("return 1;", "return 2;")),
                source("p/B.java", B), source("p/D.java", D));
        Compiler.Result edited = compile(incremental, body);
        assertThat(incremental.lastIncremental()).as("a body-only edit").isTrue();
        assertThat(files(edited.classes())).isEqualTo(full(body));

        Compiler.Result again = compile(incremental, first);
        assertThat(incremental.lastIncremental()).as("the first build, from the cache").isFalse();
        assertThat(again.classes()).isEqualTo(before.classes());
        assertThat(files(again.classes())).as("the first build's classes after the edited build took its files")
                .isEqualTo(firstBytes).isEqualTo(full(first));
        assertThat(files(edited.classes()).get("p/A.class")).as("the edited class").isNotEqualTo(firstBytes.get("p/A.class"));

        Assumptions.assumeTrue(Files.getFileStore(cache).supportsFileAttributeView("unix"),
                "hard links are counted through the unix attribute view");
        assertThat(Files.getAttribute(edited.classes().resolve("p/B.class"), "unix:nlink"))
                .as("B.class of the edited build, a hard link to the first build's (same file system)").isEqualTo(2);
        assertThat(Files.getAttribute(edited.classes().resolve("p/A.class"), "unix:nlink"))
                .as("A.class of the edited build, compiled anew").isEqualTo(1);
    }
}
