package k8snet.grader.board;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Failure messages as a student should read them: stack frames of the JDK, JUnit, AssertJ and
 * QuickTheories say nothing about their code, so only the course's own frames ({@code k8snet.*}) stay.
 */
public final class Messages {

    private static final Pattern FRAME = Pattern.compile("^\\s*(at |\\.\\.\\. \\d+ more).*");
    private static final Pattern OWN_FRAME = Pattern.compile("^\\s*at (?!k8snet\\.grader\\.)k8snet\\..*");

    private Messages() {
    }

    /** The message's lines without framework stack frames. */
    public static List<String> forStudent(String message) {
        return message.strip().lines()
                .filter(line -> !FRAME.matcher(line).matches() || OWN_FRAME.matcher(line).matches())
                .toList();
    }
}
