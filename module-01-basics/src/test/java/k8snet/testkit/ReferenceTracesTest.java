package k8snet.testkit;

import static k8snet.testkit.DeliveryAssert.assertThatDelivery;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import k8snet.ip.Ipv4Address;
import k8snet.net.Delivery;
import k8snet.trace.Place;
import k8snet.trace.Trace;

/** The kit's own check of the expected trace beside the student's; not graded. */
@Tag("ungraded")
@DisplayName("The reference trace beside a student's")
class ReferenceTracesTest {

    private static final String TEST = "[class:k8snet.net.NetworkTest]/[nested-class:Dns]/[method:resolves()]";
    private static final String REFERENCE = "  1. laptop  [app]  TCP to web:80\n  2. laptop  [dns]  web -> 10.0.0.2\n"
            + "  3. server eth0  [socket]  10.0.0.2:80 -> nginx";

    private String recording;

    @BeforeEach
    void pretendAStudentRun() {
        // The reference build records (and never compares); this test plays a student's run of TEST.
        recording = System.clearProperty(ReferenceTraces.RECORD);
        ReferenceTraces.useReference(Map.of(TEST + "#1", REFERENCE, TEST + "#2", "  1. laptop  [app]  UDP to web:53"));
        ReferenceTraces.startTest(TEST);
    }

    @AfterEach
    void restore() {
        ReferenceTraces.startTest(null);
        ReferenceTraces.useReference(null);
        if (recording != null) {
            System.setProperty(ReferenceTraces.RECORD, recording);
        }
    }

    private static Trace unknownName() {
        return Trace.builder().add(Place.host("laptop"), "app", "TCP to web:80")
                .add(Place.host("laptop"), "dns", "web: NXDOMAIN").build();
    }

    @Test
    @DisplayName("a failed delivery assertion prints the reference's hops from the first that differs")
    void fromTheFirstDifferingHop() {
        Delivery d = new Delivery.HostUnreachable(Ipv4Address.parse("10.0.0.2"), "no route", unknownName());
        Throwable failure = catchThrowable(() -> assertThatDelivery(d).isDeliveredTo("nginx", "server"));
        assertThat(failure).hasMessageEndingWith("""
                Packet trace:
                  1. laptop  [app]  TCP to web:80
                  2. laptop  [dns]  web: NXDOMAIN
                The reference solution's trace for this send, from hop 2, the first where yours differs:
                  2. laptop  [dns]  web -> 10.0.0.2
                  3. server eth0  [socket]  10.0.0.2:80 -> nginx""");
    }

    @Test
    @DisplayName("numbers the sends of a test in the order they are first handed over; the same trace keeps its number")
    void numbering() {
        Trace first = unknownName();
        Trace second = Trace.builder().add(Place.host("laptop"), "app", "UDP to web:53").build();
        assertThat(ReferenceTraces.seen(first)).contains(TEST + "#1");
        assertThat(ReferenceTraces.seen(second)).contains(TEST + "#2");
        assertThat(ReferenceTraces.seen(first)).contains(TEST + "#1");
        assertThat(Explain.withTrace("same as the reference", second))
                .endsWith("\nThe reference solution's trace for this send is the same as yours.");
        Trace third = Trace.builder().add(Place.host("x"), "app", "TCP").build();
        assertThat(Explain.withTrace("no reference for send 3", third)).endsWith("  1. x  [app]  TCP");
    }

    @Test
    @DisplayName("says so when the reference's trace ends earlier, and numbers nothing outside a test")
    void shorterReferenceAndNoTest() {
        assertThat(TraceDiff.describe(REFERENCE + "\n  4. server  [app]  again", REFERENCE))
                .isEqualTo("The reference solution's trace for this send ends after hop 3; yours goes on.");
        assertThat(TraceDiff.describe("  1. laptop  [app]  TCP to web:80", REFERENCE)).isEqualTo(
                "The reference solution's trace for this send, from hop 2, the first where yours differs:\n"
                        + "  2. laptop  [dns]  web -> 10.0.0.2\n  3. server eth0  [socket]  10.0.0.2:80 -> nginx");
        ReferenceTraces.startTest(null);
        assertThat(ReferenceTraces.seen(unknownName())).isEmpty();
    }

    @Test
    @DisplayName("reads a traces file back entry by entry")
    void parse() {
        assertThat(ReferenceTraces.parse(List.of("# comment", "@ a#1", "  1. x", "  2. y", "@ b#1", "  1. z")))
                .containsExactlyInAnyOrderEntriesOf(Map.of("a#1", "  1. x\n  2. y", "b#1", "  1. z"));
        assertThat(ReferenceTraces.testId("[engine:junit-jupiter]/[class:A]/[method:b()]")).isEqualTo("[class:A]/[method:b()]");
    }
}
