/**
 * The code that runs inside the forked test JVM: {@link k8snet.grader.runner.RunnerMain} runs the graded
 * tests through the JUnit Platform Launcher and writes one JSON line per event to its standard output, the
 * results pipe, each line carrying the run's secret token, which only the runner's memory holds. The
 * protocol's keys are declared once, in {@link k8snet.grader.runner.Protocol}.
 */
package k8snet.grader.runner;
