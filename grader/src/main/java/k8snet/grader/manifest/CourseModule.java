package k8snet.grader.manifest;

/**
 * A course module: a Maven module directory with a lesson.
 *
 * @param id the directory, such as {@code module-01-basics}; module order is dependency order
 * @param title a sentence
 * @param lesson the lesson file, repository-relative
 */
public record CourseModule(String id, String title, String lesson) {
}
