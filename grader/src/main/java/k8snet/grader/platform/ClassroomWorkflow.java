package k8snet.grader.platform;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The GitHub Actions workflow for a GitHub Classroom assignment's template repository: on each push it checks out
 * the student's repository and the course's repository at a pinned commit, grades the student's files with the
 * course's tests ({@code course classroom-grade}, which also puts {@code report.md} in the job summary), and
 * hands the points to {@code classroom-resources/autograding-grading-reporter}. GitHub Classroom takes the points
 * from the check run of the job {@value #JOB}, the name its reporter looks for.
 *
 * <pre>{@code
 * String yaml = ClassroomWorkflow.yaml(ClassroomWorkflow.Repository.parse("https://github.com/acme/course.git"),
 *         "0123456789abcdef0123456789abcdef01234567", List.of("--isolated"));
 * }</pre>
 */
public final class ClassroomWorkflow {

    /** Where the workflow goes in the template repository. */
    public static final String PATH = ".github/workflows/grade.yml";

    /** The job's id: the check run GitHub Classroom's reporter updates with the points. */
    public static final String JOB = "run-autograding-tests";

    /** The id of the grading step; the reporter reads {@code GRADE_RESULTS} from its output {@code result}. */
    public static final String GRADE_STEP = "grade";

    /** Where the steps check the two repositories out, inside {@code $GITHUB_WORKSPACE}. */
    public static final String SUBMISSION_PATH = "submission";
    public static final String COURSE_PATH = "course";

    /** GitHub's rules: an owner is letters, digits and inner hyphens; a repository name adds dots and underscores. */
    private static final Pattern OWNER = Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]+");
    private static final Pattern GITHUB_URL = Pattern.compile(
            "(?:https?://(?:[^@/]+@)?github\\.com/|ssh://git@github\\.com/|git@github\\.com:)([^/]+)/([^/]+?)(?:\\.git)?/?");
    private static final Pattern COMMIT = Pattern.compile("[0-9a-f]{40}");

    /** A repository on GitHub, as {@code actions/checkout} names it: {@code owner/name}. */
    public record Repository(String owner, String name) {

        public Repository {
            if (owner == null || !OWNER.matcher(owner).matches() || name == null || !NAME.matcher(name).matches()
                    || name.equals(".") || name.equals("..")) {
                throw new IllegalArgumentException("Not a GitHub repository owner and name: " + owner + "/" + name);
            }
        }

        /**
         * Reads {@code https://github.com/OWNER/NAME[.git]}, {@code git@github.com:OWNER/NAME.git},
         * {@code ssh://git@github.com/OWNER/NAME} or {@code OWNER/NAME}.
         *
         * @throws IllegalArgumentException for anything else, such as a repository on another host
         */
        public static Repository parse(String url) {
            if (url == null) {
                throw new IllegalArgumentException("A course repository URL is needed, not null");
            }
            String text = url.strip();
            Matcher m = GITHUB_URL.matcher(text);
            if (m.matches()) {
                return of(m.group(1), m.group(2), url);
            }
            String[] parts = text.split("/", -1);
            if (parts.length == 2 && !text.contains(":")) {
                return of(parts[0], parts[1], url);
            }
            throw new IllegalArgumentException("Not a GitHub repository (GitHub Actions checks out OWNER/NAME from "
                    + "github.com): " + url);
        }

        private static Repository of(String owner, String name, String url) {
            try {
                return new Repository(owner, name);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("Not a GitHub repository (GitHub Actions checks out OWNER/NAME "
                        + "from github.com): " + url, e);
            }
        }

        /** {@code owner/name}. */
        public String slug() {
            return owner + "/" + name;
        }
    }

    private ClassroomWorkflow() {
    }

    /**
     * The workflow's text.
     *
     * @param course the course's repository
     * @param commit the course commit whose tests grade (40 lower-case hex digits)
     * @param gradeOptions more options for {@code course classroom-grade}, such as {@code --isolated}
     * @throws IllegalArgumentException when {@code commit} is not a full commit id or an option is not a plain
     *     {@code --option}
     */
    public static String yaml(Repository course, String commit, List<String> gradeOptions) {
        Objects.requireNonNull(course, "course");
        if (commit == null || !COMMIT.matcher(commit).matches()) {
            throw new IllegalArgumentException("The workflow pins a full commit id (40 lower-case hex digits): "
                    + commit);
        }
        StringBuilder options = new StringBuilder();
        for (String o : gradeOptions) {
            if (!o.matches("--[a-z-]+")) {
                throw new IllegalArgumentException("Not a plain option for classroom-grade: " + o);
            }
            options.append(' ').append(o);
        }
        return template().replace("@COURSE_REPOSITORY@", course.slug()).replace("@COURSE_COMMIT@", commit)
                .replace("@GRADE_OPTIONS@", options);
    }

    private static String template() {
        try (InputStream in = ClassroomWorkflow.class.getResourceAsStream("grade.yml")) {
            if (in == null) {
                throw new IllegalStateException("The grader is missing its resource grade.yml");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("\r\n", "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the grader's resource grade.yml", e);
        }
    }
}
