package k8snet.grader.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;

/**
 * Runs {@code course grade} inside this JVM for the platform commands, with its standard error kept so that a
 * failure can be explained to the student in the platform's own results. Standard output goes where the
 * caller's goes (the instructor's log); what {@code grade} printed on standard error is passed on after it ends.
 */
final class GradeRun {

    /** What one {@code grade} said: its exit code and its standard error. */
    record Result(int exitCode, String errors) {

        /** The last lines of the error output, for a results file. */
        String lastErrors(int lines) {
            List<String> all = errors.strip().lines().toList();
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        }
    }

    private GradeRun() {
    }

    /** {@code course grade args...} in {@code env}'s kit. */
    static Result grade(CourseEnv env, List<String> args) {
        StringWriter errors = new StringWriter();
        CourseEnv captured = new CourseEnv(env.kitRoot(), env.manifestLoader(), env.engine(), env.out(),
                new PrintWriter(errors, true), env.terminal(), env.environment());
        String[] command = new String[args.size() + 1];
        command[0] = "grade";
        for (int i = 0; i < args.size(); i++) {
            command[i + 1] = args.get(i);
        }
        int code = Course.commandLine(captured).execute(command);
        env.out().flush();
        env.err().print(errors);
        env.err().flush();
        return new Result(code, errors.toString());
    }
}
