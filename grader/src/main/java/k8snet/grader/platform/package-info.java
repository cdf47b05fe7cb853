/**
 * Grading on the platforms instructors already use: the Gradescope autograder bundle
 * ({@link k8snet.grader.platform.GradescopeBundle}, the mapping of an upload into the kit's layout,
 * {@link k8snet.grader.platform.UploadMapper}, and the results file written whatever happens,
 * {@link k8snet.grader.platform.GradescopeOutcome}), the GitHub Classroom workflow
 * ({@link k8snet.grader.platform.ClassroomWorkflow}) and the points its reporter reads
 * ({@link k8snet.grader.platform.ClassroomResults}), and the digest list that proves a kit's own tests are the
 * course's ({@link k8snet.grader.platform.KitDigests}).
 */
package k8snet.grader.platform;
