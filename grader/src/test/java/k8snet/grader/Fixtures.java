package k8snet.grader;

import java.util.Arrays;
import java.util.List;

import k8snet.grader.engine.ExerciseResult;
import k8snet.grader.engine.ExerciseStatus;
import k8snet.grader.engine.GradeReport;
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

    public static TestResult failed(Exercise e, String name, String message) {
        return new TestResult(e.id(), e.tests().get(0), name, "[engine:junit-jupiter]/" + name, TestStatus.FAILED,
                message, "", 0.02);
    }

    public static TestResult withStatus(Exercise e, String name, TestStatus status, String message) {
        return new TestResult(e.id(), e.tests().get(0), name, "", status, message, "", 0);
    }

    /** An exercise result whose score follows the engine's rule: points x passed / total. */
    public static ExerciseResult result(Exercise e, ExerciseStatus status, TestResult... tests) {
        long passed = Arrays.stream(tests).filter(t -> t.status() == TestStatus.PASSED).count();
        double score = tests.length == 0 ? 0 : (double) e.points() * passed / tests.length;
        return new ExerciseResult(e, status, List.of(tests), score, List.of());
    }

    public static ExerciseResult doesNotCompile(Exercise e, List<String> compilerMessages, TestResult... tests) {
        return new ExerciseResult(e, ExerciseStatus.DOES_NOT_COMPILE, List.of(tests), 0, compilerMessages);
    }

    public static GradeReport report(ExerciseResult... results) {
        return report(List.of(), results);
    }

    public static GradeReport report(List<String> warnings, ExerciseResult... results) {
        double score = Arrays.stream(results).mapToDouble(ExerciseResult::score).sum();
        double max = Arrays.stream(results).mapToDouble(r -> r.exercise().points()).sum();
        return new GradeReport(List.of(results), score, max, warnings, 1.5);
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
}
