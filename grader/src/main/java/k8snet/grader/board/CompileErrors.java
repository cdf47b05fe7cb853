package k8snet.grader.board;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import k8snet.grader.engine.ExerciseResult;
import k8snet.grader.engine.ExerciseStatus;
import k8snet.grader.engine.GradeReport;
import k8snet.grader.manifest.CourseModule;
import k8snet.grader.manifest.Exercise;
import k8snet.grader.manifest.Manifest;

/**
 * The compiler's errors as the board shows them: per file (its path in the repository, such as
 * {@code module-01-basics/src/main/java/k8snet/ip/Ipv4Address.java}) with what the file is (an exercise's
 * file, provided code, or a graded test that no longer compiles against the student's code), each error
 * with its line number, the source line and a caret under the column, and the exercises that build on the
 * broken one: the later exercises of its module and every exercise of the later modules, which compile
 * against it.
 *
 * <p>It reads the engine's messages, whose first line is {@code path:line: message}, followed (when the
 * compiler named the place) by the source line and the caret (see the engine's {@code Compiler.Error}).
 */
final class CompileErrors {

    /** At most this many errors are shown in full unless every detail is asked for. */
    static final int MAX_ERRORS = 5;

    private static final Pattern HEAD = Pattern.compile("(?s)([^\\s:][^:\\n]*\\.java):(\\d+): (.*)");

    private CompileErrors() {
    }

    /** The repository path of one of an exercise's files. */
    static String repositoryPath(Exercise e, String file) {
        return e.module() + "/src/main/java/" + file;
    }

    /** One compiler message: the file, the line (0 when none) and the rest of the text. */
    record Message(String path, long line, String text) {

        static Message parse(String message) {
            Matcher m = HEAD.matcher(message);
            if (m.matches()) {
                return new Message(m.group(1), Long.parseLong(m.group(2)), m.group(3));
            }
            return new Message("", 0, message);
        }
    }

    /** The errors of {@code r}, an exercise that does not compile, and the exercises that depend on it. */
    static void append(StringBuilder out, Manifest manifest, ExerciseResult r, boolean all, Style style) {
        List<Message> messages = r.compilerMessages().stream().map(Message::parse).toList();
        int count = messages.size();
        out.append('\n').append(style.red("  Your code does not compile" + (count > 1 ? " (" + count + " errors):"
                : ":"))).append('\n');
        Map<String, List<Message>> byFile = new LinkedHashMap<>();
        messages.forEach(m -> byFile.computeIfAbsent(m.path(), p -> new ArrayList<>()).add(m));
        int shown = 0;
        for (Map.Entry<String, List<Message>> file : byFile.entrySet()) {
            if (!all && shown >= MAX_ERRORS) {
                break;
            }
            out.append('\n');
            if (!file.getKey().isEmpty()) {
                out.append("  ").append(style.bold(file.getKey())).append("  (").append(whatIs(manifest, file.getKey()))
                        .append(")\n");
            }
            for (Message m : file.getValue()) {
                if (!all && shown >= MAX_ERRORS) {
                    break;
                }
                shown++;
                List<String> lines = m.text().lines().toList();
                String first = lines.isEmpty() ? "" : lines.get(0);
                out.append("    ").append(m.line() > 0 ? "line " + m.line() + ": " : "").append(first).append('\n');
                lines.stream().skip(1).forEach(l -> out.append("    ").append(l).append('\n'));
            }
        }
        if (shown < count) {
            out.append("\n  ... and ").append(count - shown).append(" more (every one: add --all)\n");
        }
        List<String> dependants = dependants(manifest, owners(manifest, messages));
        if (!dependants.isEmpty()) {
            out.append('\n').append("  The exercises that build on it compile against this code: ")
                    .append(String.join(", ", dependants)).append('\n');
        }
    }

    /**
     * One line for the other exercises that do not compile, each with the place of its first error, so an
     * error beyond the next exercise is not missed (an exercise that was not compiled because an earlier
     * module does not compile has no place of its own and is left out).
     */
    static void appendOthers(StringBuilder out, GradeReport report, ExerciseResult next, Style style) {
        List<String> others = new ArrayList<>();
        for (ExerciseResult r : report.exercises()) {
            if (r == next || r.status() != ExerciseStatus.DOES_NOT_COMPILE) {
                continue;
            }
            r.compilerMessages().stream().map(Message::parse).filter(m -> !m.path().isEmpty()).findFirst()
                    .ifPresent(m -> others.add(r.exercise().id() + " (" + m.path() + ":" + m.line() + ")"));
        }
        if (!others.isEmpty()) {
            out.append('\n').append(style.red("  Also does not compile: ")).append(String.join(", ", others))
                    .append('\n');
        }
    }

    /** What the file at {@code path} is to the student. */
    static String whatIs(Manifest manifest, String path) {
        Optional<Exercise> owner = owner(manifest, path);
        if (owner.isPresent()) {
            return "exercise " + owner.get().id() + ", " + owner.get().title();
        }
        int test = path.indexOf("/src/test/java/");
        if (test >= 0 && path.endsWith(".java")) {
            String className = path.substring(test + "/src/test/java/".length(), path.length() - ".java".length())
                    .replace('/', '.');
            String what = manifest.exercises().stream().filter(e -> e.tests().contains(className)).findFirst()
                    .map(e -> "a graded test of exercise " + e.id()).orElse("the course's test support");
            return what + ": it no longer compiles against your code; did a public name or signature change?";
        }
        return "provided code";
    }

    static Optional<Exercise> owner(Manifest manifest, String path) {
        return manifest.exercises().stream()
                .filter(e -> e.files().stream().anyMatch(f -> repositoryPath(e, f).equals(path)))
                .findFirst();
    }

    private static List<Exercise> owners(Manifest manifest, List<Message> messages) {
        Set<Exercise> owners = new LinkedHashSet<>();
        messages.forEach(m -> owner(manifest, m.path()).ifPresent(owners::add));
        return List.copyOf(owners);
    }

    /**
     * The exercises that compile against the earliest of {@code broken}: those after it in its module and
     * every exercise of the modules after its module, in manifest order.
     */
    static List<String> dependants(Manifest manifest, List<Exercise> broken) {
        if (broken.isEmpty()) {
            return List.of();
        }
        List<String> modules = manifest.modules().stream().map(CourseModule::id).toList();
        List<Exercise> exercises = manifest.exercises();
        Exercise first = broken.stream().min((a, b) -> Integer.compare(exercises.indexOf(a), exercises.indexOf(b)))
                .orElseThrow();
        int module = modules.indexOf(first.module());
        List<String> out = new ArrayList<>();
        for (Exercise e : exercises.subList(exercises.indexOf(first) + 1, exercises.size())) {
            int m = modules.indexOf(e.module());
            if (!broken.contains(e) && (m > module || e.module().equals(first.module()))) {
                out.add(e.id());
            }
        }
        return out;
    }
}
