/**
 * The course manifest ({@code course.yaml}): {@link k8snet.grader.manifest.Manifest#load} reads and
 * validates it, {@link k8snet.grader.manifest.Manifest#verifyAgainst} compares it with the kit's files,
 * and {@link k8snet.grader.manifest.KitLayout} knows where stubs, solutions and tests live.
 */
package k8snet.grader.manifest;
