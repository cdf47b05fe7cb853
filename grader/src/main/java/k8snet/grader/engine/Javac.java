package k8snet.grader.engine;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One call of javac through {@code javax.tools} ({@code --release 17}, UTF-8, no annotation processing), its
 * errors written down with the source line each names; {@link Compiler} caches what it returns.
 */
final class Javac {

    /** The Java release the exercises are compiled for (part of every cache key). */
    static final String RELEASE = "17";

    private Javac() {
    }

    /**
     * Compiles {@code files} into {@code out} and adds each error to {@code errors} as a JSON object ({@code rel},
     * {@code line}, {@code column}, {@code code}: the source line, {@code text}); {@code rel} is relative to
     * {@code src}, or {@code support:} and a path under {@code sourcepath}, or {@code other:} and a file name.
     */
    static boolean run(List<Path> files, Path out, List<Path> classpath, Path sourcepath, Path src,
                       ArrayNode errors) throws IOException {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        if (javac == null) {
            throw new IllegalStateException("The grader needs a JDK (javac), but runs on a JRE: "
                    + System.getProperty("java.home"));
        }
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        StringWriter console = new StringWriter();
        List<String> options = options(out, Compiler.join(classpath), sourcepath.toString());
        boolean ok;
        try (StandardJavaFileManager fm = javac.getStandardFileManager(diagnostics, Locale.ROOT,
                StandardCharsets.UTF_8)) {
            ok = Boolean.TRUE.equals(javac.getTask(console, fm, diagnostics, options, null,
                    fm.getJavaFileObjectsFromPaths(files)).call());
        } catch (RuntimeException e) {
            ObjectNode error = errors.addObject();
            error.put("rel", "");
            error.put("line", 0);
            error.put("text", "the compiler failed: " + e);
            return false;
        }
        for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
            if (d.getKind() != Diagnostic.Kind.ERROR) {
                continue;
            }
            ObjectNode error = errors.addObject();
            String rel = "";
            if (d.getSource() != null) {
                Path p = Path.of(d.getSource().toUri()).toAbsolutePath().normalize();
                if (p.startsWith(src.toAbsolutePath().normalize())) {
                    rel = Compiler.slash(src.toAbsolutePath().normalize().relativize(p));
                } else if (p.startsWith(sourcepath.toAbsolutePath().normalize())) {
                    rel = "support:" + Compiler.slash(sourcepath.toAbsolutePath().normalize().relativize(p));
                } else {
                    rel = "other:" + p.getFileName();
                }
            }
            error.put("rel", rel);
            error.put("line", d.getLineNumber() == Diagnostic.NOPOS ? 0 : d.getLineNumber());
            error.put("column", d.getColumnNumber() == Diagnostic.NOPOS ? 0 : d.getColumnNumber());
            error.put("code", sourceLine(d));
            error.put("text", d.getMessage(Locale.ROOT).replace("\r", "").replace("\n", "\n    "));
        }
        if (!ok && errors.isEmpty()) {
            ObjectNode error = errors.addObject();
            error.put("rel", "");
            error.put("line", 0);
            error.put("text", console.toString().strip());
        }
        return ok;
    }

    /**
     * The options of every compile into {@code out}: {@code --release 17}, UTF-8, no annotation processing, debug
     * information; {@code classpath} and {@code sourcepath} as javac takes them (paths joined by the platform's
     * separator).
     */
    static List<String> options(Path out, String classpath, String sourcepath) {
        // -XDstringConcat=inline: javac's hidden option to compile "a" + b as a StringBuilder chain, not as an
        // invokedynamic call to StringConcatFactory (JEP 280). The result is the same string; what it saves is the
        // bootstrap of every concatenation site the first time it runs, which every test JVM pays again on fresh
        // classes.
        return List.of("--release", RELEASE, "-XDstringConcat=inline", "-encoding", "UTF-8",
                "-proc:none", "-g", "-nowarn",
                "-Xlint:none", "-implicit:class", "-Xprefer:source", "-Xmaxerrs", "100",
                "-d", out.toString(),
                "-classpath", classpath,
                "-sourcepath", sourcepath);
    }

    /** The text of the line a diagnostic points at, "" when it names none or the source cannot be read. */
    private static String sourceLine(Diagnostic<? extends JavaFileObject> d) {
        if (d.getSource() == null || d.getLineNumber() == Diagnostic.NOPOS || d.getLineNumber() < 1) {
            return "";
        }
        try {
            CharSequence content = d.getSource().getCharContent(true);
            long line = 1;
            int start = 0;
            for (int i = 0; i < content.length() && line < d.getLineNumber(); i++) {
                if (content.charAt(i) == '\n') {
                    line++;
                    start = i + 1;
                }
            }
            if (line != d.getLineNumber()) {
                return "";
            }
            int end = start;
            while (end < content.length() && content.charAt(end) != '\n' && content.charAt(end) != '\r') {
                end++;
            }
            return content.subSequence(start, end).toString();
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

}
