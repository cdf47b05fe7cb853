package k8snet.grader.engine;

import java.io.File;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import javax.tools.JavaCompiler;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * One compile whose classes are thrown away, so that javac's own code is loaded and compiled by the JIT before
 * the first check that needs it: the check server ({@code cli.CheckServer}) runs it when it starts, since its
 * first check after an edit would otherwise compile with a cold javac (about 0.5 s more on 2 cores). It compiles
 * a module's sources as they are, with the same options as every compile ({@link Javac#options}); errors in them
 * change nothing.
 */
public final class JavacWarmUp {

    private JavacWarmUp() {
    }

    /**
     * Compiles every {@code .java} file under {@code sources} into a temporary folder, finding the types they
     * use under {@code sourcepath} (the earlier modules' sources), and deletes the folder. Returns how many files
     * it compiled (0 when there is no compiler).
     */
    public static int run(Path sources, List<Path> sourcepath) {
        if (sources == null || sourcepath == null) {
            throw new IllegalArgumentException("The warm-up compile needs sources and a source path, got "
                    + sources + " and " + sourcepath);
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        if (javac == null || !Files.isDirectory(sources)) {
            return 0;
        }
        Path out = null;
        try (Stream<Path> walk = Files.walk(sources)) {
            List<Path> files = walk.filter(p -> p.toString().endsWith(".java")).sorted().toList();
            out = Files.createTempDirectory("course-javac-warm-up-");
            String path = sourcepath.stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator));
            try (StandardJavaFileManager fm = javac.getStandardFileManager(null, Locale.ROOT, StandardCharsets.UTF_8)) {
                javac.getTask(new StringWriter(), fm, d -> { }, Javac.options(out, "", path), null,
                        fm.getJavaFileObjectsFromPaths(files)).call();
            }
            return files.size();
        } catch (IOException e) {
            throw new UncheckedIOException("The warm-up compile of " + sources + " failed", e);
        } finally {
            if (out != null) {
                try {
                    Compiler.deleteTree(out);
                } catch (IOException e) {
                    // A temporary folder left behind.
                }
            }
        }
    }
}
