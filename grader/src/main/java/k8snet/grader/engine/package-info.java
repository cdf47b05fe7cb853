/**
 * The grading engine: {@link k8snet.grader.engine.Engine} and its implementation
 * {@link k8snet.grader.engine.ForkingEngine}, with the records a run returns.
 *
 * <h2>A run</h2>
 * <ol>
 *   <li><b>Sources.</b> Per module, in manifest order up to the last module with a requested exercise:
 *       provided code from the kit, each exercise's files from its {@link k8snet.grader.engine.Origin}, and
 *       the new files a submission may add (see {@link k8snet.grader.engine.ForkingEngine}). Nothing is
 *       written inside the submission.</li>
 *   <li><b>Compile</b> in-process with javax.tools ({@code --release 17}, UTF-8), each module against the
 *       classes of the modules before it; each requested exercise's graded test classes separately, with
 *       the test-support classes (test sources without tests) on the source path. Outputs are cached in
 *       {@code <cacheDir>/<kind>-<hash>} by a SHA-256 of the sources, class path and options; a cached
 *       failure keeps its messages, and cached classes are checked against a digest before use. A module
 *       that does not compile falls back to the stubs of the exercises that broke it.</li>
 *   <li><b>Run</b> the graded tests of one module in a forked JVM ({@code -Xmx256m -Xss1m
 *       -XX:+ExitOnOutOfMemoryError}, headless) whose main is {@link k8snet.grader.runner.RunnerMain}, with
 *       Jupiter's per-test timeout in a separate thread. Results come only from the runner's results file:
 *       one JSON line per event, each carrying a random token the runner read from stdin. The console goes
 *       to a capped log. A fork that dies or hangs costs the test it was running (CRASHED or TIMED_OUT) and
 *       is restarted for the tests not graded yet; after the restart cap or the module's deadline, what is
 *       left is NOT_RUN.</li>
 *   <li><b>Score</b> ({@link k8snet.grader.engine.Scoring}): in exact hundredths, an exercise's points are
 *       shared among its tests by the largest-remainder method ({@link k8snet.grader.engine.Points}), hidden
 *       entries with points of their own share theirs, and a test earns its share when it passes; DONE when
 *       all passed, NOT_STARTED when
 *       nothing passed and every failure is a stub's "Exercise N.M" UnsupportedOperationException,
 *       DOES_NOT_COMPILE, else IN_PROGRESS.</li>
 * </ol>
 *
 * <h2>Hidden tests</h2>
 * See {@code HiddenTests} and {@link k8snet.grader.engine.HiddenTestsFile}: a class (or one test method)
 * counts for the exercise named for it in {@code hidden-tests.yaml}, with its own points, else for the single
 * exercise with a graded test in the same package, sharing its points; otherwise it is ignored with a
 * warning. Each hidden test's result is marked {@link k8snet.grader.engine.TestResult#hidden()}.
 *
 * <h2>Limits</h2>
 * The forked tests run with the grader's own operating-system permissions. Timeouts, memory limits,
 * restarts and the results-file token make a hostile submission cost only its own points, but they are
 * not a sandbox: grade untrusted submissions in batch inside a container or as a separate user.
 */
package k8snet.grader.engine;
