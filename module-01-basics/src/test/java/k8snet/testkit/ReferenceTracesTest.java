package k8snet.testkit;

import static k8snet.testkit.DeliveryAssert.assertThatDelivery;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
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
    @DisplayName("a description made later numbers its send when it is asked for, and reads as withTrace does")
    void tracedLater() {
        Trace other = Trace.builder().add(Place.host("laptop"), "app", "UDP to web:53").build();
        Trace first = unknownName();
        java.util.function.Supplier<String> later = Explain.traced("the send to web:80", first);
        // Numbered at once (send 1), before the next send is handed over (send 2), though nothing is written yet.
        assertThat(ReferenceTraces.seen(other)).contains(TEST + "#2");
        java.util.concurrent.atomic.AtomicInteger lookups = new java.util.concurrent.atomic.AtomicInteger();
        ReferenceTraces.useReference(new java.util.HashMap<>(Map.of(TEST + "#1", REFERENCE)) {
            @Override
            public String get(Object key) {
                lookups.incrementAndGet();
                return super.get(key);
            }
        });
        java.util.function.Supplier<String> second = Explain.traced("the send to web:53", other);
        assertThat(lookups).as("nothing is compared with the reference before the description is asked for").hasValue(0);
        assertThat(second.get()).contains("Packet trace:\n  1. laptop  [app]  UDP to web:53");
        assertThat(lookups).hasValue(1);
        assertThat(later.get()).isEqualTo(Explain.withTrace("the send to web:80", first))
                .endsWith("The reference solution's trace for this send, from hop 2, the first where yours differs:\n"
                        + "  2. laptop  [dns]  web -> 10.0.0.2\n  3. server eth0  [socket]  10.0.0.2:80 -> nginx");
        assertThat(Explain.traced("no trace", null).get()).isEqualTo(Explain.withTrace("no trace", null));
    }

    /** The key {@code seen} gives a third send, after one described later and one described at once. */
    private static String thirdSendKey() {
        ReferenceTraces.startTest(TEST);
        Explain.traced("described later", unknownName());
        Explain.withTrace("described at once", send(1));
        return ReferenceTraces.seen(send(2)).orElse("none");
    }

    @Test
    @DisplayName("numbers every send the same when recording the reference as when comparing with it")
    void recordingNumbersAsComparing() throws java.io.IOException {
        String comparing = thirdSendKey();
        java.nio.file.Path file = java.nio.file.Files.createTempFile("reference-traces", ".txt");
        System.setProperty(ReferenceTraces.RECORD, file.toString());
        try {
            assertThat(thirdSendKey()).as("the third send's key when recording").isEqualTo(comparing)
                    .isEqualTo(TEST + "#3");
        } finally {
            System.clearProperty(ReferenceTraces.RECORD);
            ReferenceTraces.forgetRecorded(TEST); // else the reference build's file would list these sends
            java.nio.file.Files.deleteIfExists(file);
        }
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

    private static Trace send(int value) {
        return Trace.builder().add(Place.host("laptop"), "app", "TCP to web:80")
                .add(Place.host("laptop"), "dns", value < 7 ? "web -> 10.0.0.2" : "web: NXDOMAIN").build();
    }

    /** The keys of the sends of an unshrunk property over 0..9 whose example 8 (value 7) is the first to fail. */
    private static List<String> runProperty() {
        List<String> keys = new java.util.ArrayList<>();
        catchThrowable(() -> Theories.deliveries(3).forAll(org.quicktheories.generators.SourceDSL.integers()
                .between(0, 9)).checkAssert(v -> {
                    keys.add(ReferenceTraces.seen(send(v)).orElse("none"));
                    keys.add(ReferenceTraces.seen(send(v + 100)).orElse("none"));
                }));
        return keys;
    }

    @Test
    @DisplayName("numbers a property's sends by example, the same in every run without shrinking")
    void propertyKeysAreDeterministic() {
        List<String> first = runProperty();
        assertThat(first).hasSize(20).startsWith(TEST + "#1.1", TEST + "#1.2", TEST + "#2.1", TEST + "#2.2")
                .endsWith(TEST + "#10.1", TEST + "#10.2");
        assertThat(runProperty()).isEqualTo(first);
    }

    /** A property over 0..9 whose sends are unreachable, which it wants for values below 7 only. */
    private static Throwable failingProperty(List<Integer> tried) {
        return catchThrowable(() -> Theories.deliveries(3).forAll(org.quicktheories.generators.SourceDSL.integers()
                .between(0, 9)).checkAssert(v -> {
                    tried.add(v);
                    Delivery d = new Delivery.HostUnreachable(Ipv4Address.parse("10.0.0.2"), "no route", send(v));
                    if (v < 7) {
                        assertThatDelivery(d).isHostUnreachable();
                    } else {
                        assertThatDelivery(d).isDeliveredTo("nginx", "server");
                    }
                }));
    }

    @Test
    @DisplayName("a failing property prints the reference's trace for the first failing example's send")
    void failingPropertyShowsTheReference() {
        List<Integer> tried = new java.util.ArrayList<>();
        Throwable dry = failingProperty(tried);
        int example = tried.size();
        assertThat(tried.get(example - 1)).as("%s", dry).isGreaterThanOrEqualTo(7);
        ReferenceTraces.useReference(Map.of(TEST + "#" + example + ".1", REFERENCE));
        ReferenceTraces.startTest(TEST);
        Throwable failure = failingProperty(new java.util.ArrayList<>());
        assertThat(failure).hasMessageStartingWith("The property fails for this input (example " + example
                + ", the first failing one):").hasMessageContaining("""
                Packet trace:
                  1. laptop  [app]  TCP to web:80
                  2. laptop  [dns]  web: NXDOMAIN
                The reference solution's trace for this send, from hop 2, the first where yours differs:
                  2. laptop  [dns]  web -> 10.0.0.2
                  3. server eth0  [socket]  10.0.0.2:80 -> nginx""");
    }

    @Test
    @DisplayName("beside a send of a later example than the kit keeps, says that none is kept")
    void laterExamplesAndShrinking() {
        ReferenceTraces.useReference(Map.of(TEST + "#10.1", REFERENCE));
        ReferenceTraces.startExample(ReferenceTraces.EXAMPLES_KEPT);
        assertThat(Explain.withTrace("kept", unknownName())).contains("from hop 2, the first where yours differs");
        ReferenceTraces.startExample(ReferenceTraces.EXAMPLES_KEPT + 1);
        assertThat(Explain.withTrace("not kept", unknownName())).endsWith("\nNo reference trace is kept for this "
                + "send: the kit keeps the reference solution's traces of the first 10 examples of a property, and "
                + "this is example 11.");
        assertThat(ReferenceTraces.exampleOf(TEST + "#3")).isEmpty();
        assertThat(ReferenceTraces.exampleOf("[x]/[test-template-invocation:#2]#11.4")).contains(11);
        assertThatThrownBy(() -> ReferenceTraces.startExample(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("got 0");
    }

    @Test
    @DisplayName("reads a traces file back entry by entry")
    void parse() {
        assertThat(ReferenceTraces.parse(List.of("# comment", "@ a#1", "  1. x", "  2. y", "@ b#1", "  1. z")))
                .containsExactlyInAnyOrderEntriesOf(Map.of("a#1", "  1. x\n  2. y", "b#1", "  1. z"));
        assertThat(ReferenceTraces.testId("[engine:junit-jupiter]/[class:A]/[method:b()]")).isEqualTo("[class:A]/[method:b()]");
    }
}
