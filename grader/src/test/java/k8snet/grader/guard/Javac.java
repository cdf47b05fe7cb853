package k8snet.grader.guard;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/** Compiles small sources for the guard's tests, as the engine does ({@code --release 17}, {@code -g}). */
final class Javac {

    private Javac() {
    }

    /** The classes compiled from {@code sources} (path inside the source root to text), by binary name. */
    static Map<String, byte[]> compile(Path dir, Map<String, String> sources) {
        try {
            Path src = dir.resolve("src");
            Path out = dir.resolve("classes");
            Files.createDirectories(out);
            List<String> args = new java.util.ArrayList<>(List.of("--release", "17", "-g", "-proc:none", "-nowarn",
                    "-d", out.toString()));
            for (Map.Entry<String, String> s : sources.entrySet()) {
                Path file = src.resolve(s.getKey());
                Files.createDirectories(file.getParent());
                Files.writeString(file, s.getValue());
                args.add(file.toString());
            }
            JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
            StringWriter errors = new StringWriter();
            int code = javac.run(null, null, new java.io.PrintStream(new java.io.OutputStream() {
                @Override
                public void write(int b) {
                    errors.write(b);
                }
            }), args.toArray(String[]::new));
            if (code != 0) {
                throw new AssertionError("javac failed: " + errors);
            }
            Map<String, byte[]> classes = new TreeMap<>();
            try (Stream<Path> walk = Files.walk(out)) {
                for (Path f : walk.filter(p -> p.toString().endsWith(".class")).toList()) {
                    String rel = out.relativize(f).toString().replace('\\', '/');
                    classes.put(rel.substring(0, rel.length() - 6).replace('/', '.'), Files.readAllBytes(f));
                }
            }
            return classes;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
