package k8snet.grader.board;

import static k8snet.grader.Fixtures.DNS;
import static k8snet.grader.Fixtures.IPAM;
import static k8snet.grader.Fixtures.IPV4;
import static k8snet.grader.Fixtures.doesNotCompile;
import static k8snet.grader.Fixtures.failed;
import static k8snet.grader.Fixtures.passed;
import static k8snet.grader.Fixtures.report;
import static k8snet.grader.Fixtures.result;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import k8snet.grader.Fixtures;
import k8snet.grader.engine.ExerciseResult;
import k8snet.grader.engine.ExerciseStatus;
import k8snet.grader.engine.TestStatus;

@DisplayName("The progress board")
class BoardTest {

    private final Board board = new Board("./course");

    @Nested
    @DisplayName("in plain text")
    class Plain {

        private final String text = board.render(Fixtures.manifest(), Fixtures.halfWay(), Style.PLAIN);

        @Test
        @DisplayName("has no escape sequences at all")
        void noEscapes() {
            assertThat(text).doesNotContain("\u001B");
        }

        @Test
        @DisplayName("shows every exercise in order with status, points and tests")
        void rows() {
            List<String> rows = text.lines().filter(l -> l.startsWith("  1.") || l.startsWith("  2.")).toList();
            assertThat(rows).hasSize(3);
            assertThat(rows.get(0)).contains("1.1", "IPv4 addresses", "done", "10/10 points", "2/2 tests");
            assertThat(rows.get(1)).contains("1.2", "Hostnames and DNS", "in progress", "6.6/20 points", "1/3 tests");
            assertThat(rows.get(2)).contains("2.1", "Pod CIDRs", "not started", "0/10 points", "0/1 tests");
            assertThat(text).containsPattern("Total +16.6/40 points");
        }

        @Test
        @DisplayName("lines the columns up")
        void aligned() {
            List<Integer> pointsColumn = text.lines().filter(l -> l.startsWith("  1.") || l.startsWith("  2."))
                    .map(l -> l.indexOf(" points")).toList();
            assertThat(pointsColumn).hasSize(3).containsOnly(pointsColumn.get(0));
        }

        @Test
        @DisplayName("tells what to do next: the first unfinished exercise's lesson, failing test and hint")
        void next() {
            assertThat(text).contains("Next: 1.2 Hostnames and DNS",
                    "module-01-basics/README.md#exercise-12-hostnames-and-dns",
                    "  Files:  module-01-basics/src/main/java/k8snet/dns/Hostname.java\n",
                    "  2 of 3 tests fail, the most basic first:\n",
                    "\n  HostnameTest > a trailing dot\n    Failing: is dropped\n",
                    "      expected \"example.com.\" to equal \"example.com\"",
                    "      trace:",
                    "\n  HostnameTest\n    Failing: rejects long labels -- a label has at most 63 octets\n",
                    "Every failure in full: ./course check 1.2 --all",
                    "Ask for a hint: ./course hint 1.2");
            assertThat(text).doesNotContain("Exercise 2.1").doesNotContain("Not started yet");
        }
    }

    @Test
    @DisplayName("in colour paints done green and in progress yellow, with the same words")
    void colour() {
        String text = board.render(Fixtures.manifest(), Fixtures.halfWay(), Style.ANSI);
        assertThat(text).contains("\u001B[32mdone", "\u001B[33min progress", "\u001B[0m");
        assertThat(text.replaceAll("\u001B\\[[0-9;]*m", ""))
                .isEqualTo(board.render(Fixtures.manifest(), Fixtures.halfWay(), Style.PLAIN));
    }


    @Test
    @DisplayName("says why a test that timed out failed")
    void timeout() {
        String text = board.render(Fixtures.manifest(), report(result(IPV4, ExerciseStatus.IN_PROGRESS,
                Fixtures.withStatus(IPV4, "Ipv4AddressTest > next", TestStatus.TIMED_OUT, "timed out after 10 s"))),
                Style.PLAIN);
        assertThat(text).contains("\n  Ipv4AddressTest\n    Timed out (an endless loop?): next\n",
                "      timed out after 10 s");
    }

    @Test
    @DisplayName("puts a test that timed out before the tests it kept from running, and sums those up in one line")
    void timeoutFirst() {
        String notRun = "not run: test \"next\" of exercise 1.1 timed out after 7 s, so the rest of 1.1 was skipped";
        ExerciseResult r = result(IPV4, ExerciseStatus.IN_PROGRESS,
                Fixtures.withStatus(IPV4, "Ipv4AddressTest > a", TestStatus.NOT_RUN, notRun),
                Fixtures.withStatus(IPV4, "Ipv4AddressTest > b", TestStatus.NOT_RUN, notRun),
                failed(IPV4, "Ipv4AddressTest > c", "expected 10.0.0.1"),
                Fixtures.withStatus(IPV4, "Ipv4AddressTest > next", TestStatus.TIMED_OUT, "timed out after 7 s"));
        String text = board.render(Fixtures.manifest(), report(r), Style.PLAIN);
        assertThat(text).contains("    Timed out (an endless loop?): next\n      timed out after 7 s\n",
                "    Failing: c -- expected 10.0.0.1\n",
                "  2 more tests did not run (test \"next\" of exercise 1.1 timed out after 7 s, so the rest of 1.1 "
                        + "was skipped); --all lists them.")
                .doesNotContain("Did not run: a");
        assertThat(text.indexOf("Timed out")).as("the time-out first").isLessThan(text.indexOf("Failing: c"));
        String all = new Board("./course", TestOrder.runOrder(), true).render(Fixtures.manifest(), report(r), Style.PLAIN);
        assertThat(all).contains("Did not run: a", "Did not run: b").doesNotContain("more tests did not run");
    }

    @Test
    @DisplayName("cuts a very long failure message and says how much is left")
    void longMessage() {
        String message = IntStream.rangeClosed(1, 100).mapToObj(i -> "hop " + i).collect(Collectors.joining("\n"));
        String text = board.render(Fixtures.manifest(),
                report(result(IPV4, ExerciseStatus.IN_PROGRESS, failed(IPV4, "t", message))), Style.PLAIN);
        assertThat(text).contains("hop " + Board.MAX_MESSAGE_LINES, "(" + (100 - Board.MAX_MESSAGE_LINES) + " more lines)")
                .doesNotContain("hop " + (Board.MAX_MESSAGE_LINES + 1) + "\n");
    }

    @Test
    @DisplayName("congratulates when everything checked is done, and points to the whole course after one exercise")
    void allDone() {
        String one = board.render(Fixtures.manifest(), report(result(IPV4, ExerciseStatus.DONE, passed(IPV4, "a"))),
                Style.PLAIN);
        assertThat(one).contains("Done: 1.1 passes every graded test.", "./course check").doesNotContain("Next:");
        String all = board.render(Fixtures.manifest(), report(result(IPV4, ExerciseStatus.DONE, passed(IPV4, "a")),
                result(DNS, ExerciseStatus.DONE, passed(DNS, "b")), result(IPAM, ExerciseStatus.DONE, passed(IPAM, "c"))),
                Style.PLAIN);
        assertThat(all).contains("Every exercise is done").containsPattern("Total +40/40 points")
                .contains(Board.SCENARIO_RUNNER);
    }

    @Test
    @DisplayName("lists the engine's warnings")
    void warnings() {
        String text = board.render(Fixtures.manifest(), report(List.of("k8snet.trace.Hop in your folder was ignored"),
                result(IPV4, ExerciseStatus.DONE, passed(IPV4, "a"))), Style.PLAIN);
        assertThat(text).contains("Warnings:", "  k8snet.trace.Hop in your folder was ignored");
    }

    @Test
    @DisplayName("prints scores with at most one decimal, rounded down so that only full marks read as full")
    void numbers() {
        assertThat(Board.number(20)).isEqualTo("20");
        assertThat(Board.number(20.0 / 3)).as("6.67 points").isEqualTo("6.6");
        assertThat(Board.number(6.7)).as("6.70 points, whatever its binary form").isEqualTo("6.7");
        assertThat(Board.number(9.96)).as("225 of 226 tests of a 10-point exercise").isEqualTo("9.9");
        assertThat(Board.number(9.99)).isEqualTo("9.9");
        assertThat(Board.number(10)).isEqualTo("10");
        assertThat(Board.number(0.04)).isEqualTo("0");
        assertThat(Board.number(0)).isEqualTo("0");
    }

    @Test
    @DisplayName("shows a failure of the first graded class first, and drops framework stack frames")
    void firstFailingAndFrames() {
        var property = new k8snet.grader.engine.TestResult("1.1", "k8snet.ip.Ipv4AddressPropertiesTest",
                "Every address > round-trips", "", TestStatus.FAILED, "Property falsified\n"
                + "java.lang.UnsupportedOperationException: Exercise 1.1: implement fromInt\n"
                + "\tat k8snet.ip.Ipv4Address.fromInt(Ipv4Address.java:89)\n"
                + "\tat org.quicktheories.impl.Core.run(Core.java:35)\n"
                + "\tat java.base/java.lang.Thread.run(Thread.java:840)\n"
                + "\tat k8snet.grader.runner.RunnerMain.main(RunnerMain.java:10)\n"
                + "\t... 12 more", "", 0);
        var example = failed(IPV4, "Ipv4AddressTest > parses 10.0.0.1", "expected 10.0.0.1");
        String text = board.render(Fixtures.manifest(), report(result(IPV4, ExerciseStatus.NOT_STARTED, property,
                example)), Style.PLAIN);
        assertThat(text).contains("\n  Ipv4AddressTest\n    Failing: parses 10.0.0.1\n",
                        "Not started yet: read the lesson",
                        "  The other 1 fail the same way until the stubs are replaced:\n    Every address: 1 test\n")
                .doesNotContain("round-trips");
        assertThat(Messages.forStudent(property.message())).containsExactly("Property falsified",
                "java.lang.UnsupportedOperationException: Exercise 1.1: implement fromInt",
                "\tat k8snet.ip.Ipv4Address.fromInt(Ipv4Address.java:89)");
    }
}
