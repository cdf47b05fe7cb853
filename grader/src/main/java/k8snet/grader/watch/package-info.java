/**
 * Noticing that the student saved a file, for {@code course watch}: a {@link k8snet.grader.watch.Snapshot}
 * of the source trees (modification time and size of each file) compared with the previous one, taken every
 * few hundred milliseconds and at once when the operating system reports a change; and a
 * {@link k8snet.grader.watch.Debouncer} that turns the burst of writes one save makes into one run.
 */
package k8snet.grader.watch;
