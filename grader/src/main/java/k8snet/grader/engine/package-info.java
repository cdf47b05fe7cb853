/**
 * The grading engine: {@link k8snet.grader.engine.Engine} and its implementation
 * {@link k8snet.grader.engine.ForkingEngine}, with the records a run returns.
 *
 * <h2>A run</h2>
 * <ol>
 *   <li><b>Sources</b> ({@code SubmissionAdmission}, {@code ModuleSources}): per module, in manifest order up
 *       to the last module with a requested exercise: provided code from the kit, each exercise's files from
 *       its {@link k8snet.grader.engine.Origin}, the new files a submission may add. Nothing is written inside
 *       the submission, and nothing is read from outside it.</li>
 *   <li><b>Compile</b> ({@code MainBuilder}, {@code TestBuilder}, {@code Compiler}) in-process with javax.tools,
 *       cached by content, each entry checked against a digest kept outside it ({@code CacheIndex}); a file
 *       that does not compile falls back to its stub alone.</li>
 *   <li><b>Run</b> ({@code ForkSupervisor}) the graded tests of one module in forked JVMs whose main is
 *       {@link k8snet.grader.runner.RunnerMain}, exercise by exercise in manifest order, each with its own
 *       time budget. Results come only from the fork's results pipe, lines carrying a token that lives only
 *       in the runner's memory, and only in the order {@code EventSequence} admits; the results state machine
 *       is {@code ResultLedger}, tested without forking.</li>
 *   <li><b>Score</b> ({@code Verdicts}, {@link k8snet.grader.engine.Scoring}) in exact hundredths.</li>
 * </ol>
 *
 * <p>docs/ARCHITECTURE.md ("The engine") has the rules in full.
 *
 * <h2>Limits</h2>
 * The forked tests run with the grader's own operating-system permissions. The results channel, the digests
 * and the tests' class loader keep test code from changing a grade through the grader's own files, and
 * timeouts, budgets, memory limits and restarts make a hostile submission cost only its own points; but
 * they are not a sandbox: grade untrusted submissions inside one.
 */
package k8snet.grader.engine;
