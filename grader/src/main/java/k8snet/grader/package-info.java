/** The {@code course} command: progress board, hints, grading and the kit's self-check. */
package k8snet.grader;
