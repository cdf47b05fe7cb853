/**
 * What keeps student code inside its test: {@link k8snet.grader.guard.BytecodeCheck} reads the compiled
 * student classes and reports each use outside the {@link k8snet.grader.guard.Allowlist} (the kit's rules are
 * the resource {@code allowlist.txt} beside these classes) as a {@link k8snet.grader.guard.Violation}, and
 * {@link k8snet.grader.guard.Sandbox} wraps the test JVM's command line in bubblewrap or Linux namespaces
 * ({@link k8snet.grader.guard.SandboxMode}), showing it only a {@link k8snet.grader.guard.SandboxSpec}'s paths.
 * {@link k8snet.grader.guard.GuardOptions} switches both. The engine applies them; nothing here knows about
 * exercises or modules.
 */
package k8snet.grader.guard;
