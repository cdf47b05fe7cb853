package k8snet.grader;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

import k8snet.grader.engine.ExerciseResult;
import k8snet.grader.engine.ExerciseStatus;
import k8snet.grader.engine.GradeReport;
import k8snet.grader.engine.HiddenTestsFile;
import k8snet.grader.engine.Points;
import k8snet.grader.engine.Scoring;
import k8snet.grader.engine.TestResult;
import k8snet.grader.engine.TestStatus;
import k8snet.grader.manifest.CourseModule;
import k8snet.grader.manifest.Exercise;
import k8snet.grader.manifest.Manifest;

/** A small course built in code, and canned engine results, for the grader's own tests. */
public final class Fixtures {

    public static final Exercise IPV4 = new Exercise("1.1", "IPv4 addresses", "module-01-basics",
            "module-01-basics/README.md#exercise-11-ipv4-addresses", List.of("k8snet/ip/Ipv4Address.java"),
            List.of("k8snet.ip.Ipv4AddressTest"), 10,
            List.of("Split on dots.", "Reject leading zeros.", "Use Integer.toUnsignedLong."));
    public static final Exercise DNS = new Exercise("1.2", "Hostnames and DNS", "module-01-basics",
            "module-01-basics/README.md#exercise-12-hostnames-and-dns", List.of("k8snet/dns/Hostname.java"),
            List.of("k8snet.dns.HostnameTest"), 20, List.of("Drop one trailing dot.", "Check every label."));
    public static final Exercise IPAM = new Exercise("2.1", "Pod CIDRs", "module-02-pods",
            "module-02-pods/README.md#exercise-21-pod-cidrs", List.of("k8snet/ipam/Cidr.java"),
            List.of("k8snet.ipam.CidrTest"), 10, List.of("A /24 has 256 addresses."));

    private Fixtures() {
    }

    public static Manifest manifest() {
        return new Manifest("Kubernetes Networking, Hands-On",
                List.of(new CourseModule("module-01-basics", "Basics", "module-01-basics/README.md"),
                        new CourseModule("module-02-pods", "Pods", "module-02-pods/README.md")),
                List.of(IPV4, DNS, IPAM));
    }

    public static TestResult passed(Exercise e, String name) {
        return new TestResult(e.id(), e.tests().get(0), name, "[engine:junit-jupiter]/" + name, TestStatus.PASSED, "",
                "", 0.01);
    }

    /** A failed assertion (opentest4j's AssertionFailedError, as AssertJ throws). */
    public static TestResult failed(Exercise e, String name, String message) {
        return new TestResult(e.id(), e.tests().get(0), name, "[engine:junit-jupiter]/" + name, TestStatus.FAILED,
                message, "", 0.02).thrown("org.opentest4j.AssertionFailedError", true);
    }

    /** A test that threw an unexpected exception of class {@code exception}. */
    public static TestResult threw(Exercise e, String name, String exception, String message) {
        return new TestResult(e.id(), e.tests().get(0), name, "[engine:junit-jupiter]/" + name, TestStatus.FAILED,
                message, "", 0.02).thrown(exception, false);
    }

    /** A test of the hidden class {@code hiddenClass}, passed or failed with {@code message}. */
    public static TestResult hidden(Exercise e, String hiddenClass, String name, boolean passed, String message) {
        return new TestResult(e.id(), hiddenClass, name, "[engine:junit-jupiter]/[class:" + hiddenClass
                + "]/[method:" + name + "()]", passed ? TestStatus.PASSED : TestStatus.FAILED, passed ? "" : message,
                "", 0.01).thrown(passed ? "" : "org.opentest4j.AssertionFailedError", !passed);
    }

    public static TestResult withStatus(Exercise e, String name, TestStatus status, String message) {
        return new TestResult(e.id(), e.tests().get(0), name, "", status, message, "", 0);
    }

    /** An exercise result scored as the engine scores it: its points shared exactly among its tests. */
    public static ExerciseResult result(Exercise e, ExerciseStatus status, TestResult... tests) {
        return Scoring.result(e, status, List.of(tests), List.of());
    }

    /**
     * An exercise result with hidden tests: those of {@code hiddenClasses} are hidden, and each entry of
     * {@code weighted} shares its own points among its tests.
     */
    public static ExerciseResult withHidden(Exercise e, ExerciseStatus status, Set<String> hiddenClasses,
                                            List<HiddenTestsFile.Entry> weighted, TestResult... tests) {
        Scoring.Scored s = Scoring.score(e, List.of(tests), hiddenClasses, weighted);
        return new ExerciseResult(e, status, s.tests(), Points.points(s.score()), List.of(), Points.points(s.max()));
    }

    /** A weighted hidden-tests.yaml entry for a whole class. */
    public static HiddenTestsFile.Entry entry(Exercise e, String hiddenClass, long hundredths) {
        return new HiddenTestsFile.Entry(hiddenClass, hiddenClass, Optional.empty(), e.id(),
                OptionalLong.of(hundredths));
    }

    public static ExerciseResult doesNotCompile(Exercise e, List<String> compilerMessages, TestResult... tests) {
        return Scoring.result(e, ExerciseStatus.DOES_NOT_COMPILE, List.of(tests), compilerMessages);
    }

    public static GradeReport report(ExerciseResult... results) {
        return report(List.of(), results);
    }

    public static GradeReport report(List<String> warnings, ExerciseResult... results) {
        long score = Arrays.stream(results).mapToLong(r -> Points.hundredths(r.score())).sum();
        long max = Arrays.stream(results).mapToLong(r -> Points.hundredths(r.maxScore())).sum();
        return new GradeReport(List.of(results), Points.points(score), Points.points(max), warnings, 1.5);
    }

    /** 1.1 done (2 of 2), 1.2 in progress (1 of 3), 2.1 not started. */
    public static GradeReport halfWay() {
        return report(
                result(IPV4, ExerciseStatus.DONE, passed(IPV4, "Ipv4AddressTest > parses dotted decimal"),
                        passed(IPV4, "Ipv4AddressTest > rejects 256")),
                result(DNS, ExerciseStatus.IN_PROGRESS, passed(DNS, "HostnameTest > lower-cases names"),
                        failed(DNS, "HostnameTest > a trailing dot > is dropped",
                                "expected \"example.com.\" to equal \"example.com\" (one trailing dot marks the root)\n"
                                        + "trace:\n  1. host-a eth0: send"),
                        failed(DNS, "HostnameTest > rejects long labels", "a label has at most 63 octets")),
                result(IPAM, ExerciseStatus.NOT_STARTED, failed(IPAM, "CidrTest > parses",
                        "Exercise 2.1: implement Cidr.parse")));
    }

    /** The kit these tests run in: the first folder above the working directory with course.yaml and solutions/. */
    public static Path realKit() {
        Path dir = Path.of("").toAbsolutePath();
        for (Path p = dir; p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("course.yaml"))
                    && Files.isDirectory(p.resolve("solutions"))) {
                return p;
            }
        }
        throw new IllegalStateException("No kit (course.yaml and solutions/) above " + dir);
    }
}
