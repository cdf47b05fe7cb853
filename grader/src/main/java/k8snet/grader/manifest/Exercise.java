package k8snet.grader.manifest;

import java.util.List;

/**
 * One exercise of the course manifest ({@code course.yaml}).
 *
 * @param id such as {@code "1.2"}; also its place on the board
 * @param title a few words
 * @param module the Maven module directory, such as {@code module-01-basics}
 * @param lesson the lesson section, a repository-relative path with an anchor
 * @param files the files the student edits, relative to the module's {@code src/main/java}
 * @param tests the graded test classes (fully qualified), in the module's {@code src/test/java}
 * @param points the exercise's weight; its tests share it equally, in exact hundredths (see the engine's {@code Points})
 * @param hints from a nudge to nearly the answer, as one ladder or one per topic (see {@link Hints})
 */
public record Exercise(String id, String title, String module, String lesson, List<String> files,
                       List<String> tests, int points, Hints hints) {

    public Exercise {
        files = List.copyOf(files);
        tests = List.copyOf(tests);
        if (hints == null) {
            throw new IllegalArgumentException("Exercise " + id + ": hints must not be null");
        }
    }

    /** An exercise whose hints are one unnamed ladder, the manifest's plain-list form. */
    public Exercise(String id, String title, String module, String lesson, List<String> files,
                    List<String> tests, int points, List<String> hints) {
        this(id, title, module, lesson, files, tests, points, Hints.of(hints));
    }
}
