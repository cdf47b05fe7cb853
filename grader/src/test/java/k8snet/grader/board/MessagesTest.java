package k8snet.grader.board;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("A failure message as a student reads it")
class MessagesTest {

    @Test
    @DisplayName("says that the test did not expect an exception, and names the code as its source does")
    void unexpectedException() {
        String message = "java.lang.IllegalArgumentException: Splitting 10.0.0.0/8 into /24 gives 65536 blocks\n"
                + "\tat k8snet.ipam.Cidr.split(Cidr.java:154)\n"
                + "\tat k8snet.ipam.CidrTest$Splitting.splitListsAtMost65536Blocks(CidrTest.java:444)\n"
                + "\tat java.base/jdk.internal.reflect.NativeMethodAccessorImpl.invoke0(Native Method)\n"
                + "\tat k8snet.ipam.CidrTest$Splitting.helper(CidrTest.java:400)\n";
        assertThat(Messages.forStudent(message)).containsExactly(Messages.UNEXPECTED,
                "IllegalArgumentException: Splitting 10.0.0.0/8 into /24 gives 65536 blocks",
                "\tat k8snet.ipam.Cidr.split(Cidr.java:154)",
                "\tat the test (CidrTest.java:444)");
    }

    @Test
    @DisplayName("keeps the package of an exception outside java.lang, and the causes")
    void otherPackagesAndCauses() {
        String message = "java.util.NoSuchElementException: No value present\n"
                + "\tat java.base/java.util.Optional.orElseThrow(Optional.java:377)\n"
                + "\tat k8snet.net.Network.send(Network.java:120)\n"
                + "\tat k8snet.net.NetworkTest.lambda$wrap$3(NetworkTest.java:440)\n"
                + "Caused by: java.lang.IllegalStateException: boom";
        assertThat(Messages.forStudent(message)).containsExactly(Messages.UNEXPECTED,
                "java.util.NoSuchElementException: No value present",
                "\tat k8snet.net.Network.send(Network.java:120)",
                "\tat the test (NetworkTest.java:440)",
                "Caused by: java.lang.IllegalStateException: boom");
    }

    @Test
    @DisplayName("writes constructors, nested classes, lambdas and static initialisers as the source reads")
    void frames() {
        assertThat(Messages.frame("k8snet.nodeport.HealthCheck", "<init>", "HealthCheck.java:25"))
                .isEqualTo("new k8snet.nodeport.HealthCheck(HealthCheck.java:25)");
        assertThat(Messages.frame("k8snet.nodeport.NodePortDecision$Forward", "<init>", "NodePortDecision.java:40"))
                .isEqualTo("new k8snet.nodeport.NodePortDecision.Forward(NodePortDecision.java:40)");
        assertThat(Messages.frame("k8snet.labels.Selector$Parser", "error", "Selector.java:241"))
                .isEqualTo("k8snet.labels.Selector.Parser.error(Selector.java:241)");
        assertThat(Messages.frame("k8snet.net.Network", "lambda$send$2", "Network.java:77"))
                .isEqualTo("k8snet.net.Network.send(Network.java:77)");
        assertThat(Messages.frame("k8snet.ip.Ipv4Address", "<clinit>", "Ipv4Address.java:12"))
                .isEqualTo("k8snet.ip.Ipv4Address, its static fields (Ipv4Address.java:12)");
        assertThat(Messages.frame("k8snet.labels.SelectorPropertiesTest$Parsing", "lambda$roundTrip$0",
                "SelectorPropertiesTest.java:88")).isEqualTo("the test (SelectorPropertiesTest.java:88)");
    }

    @Test
    @DisplayName("names the frames of a timed-out test's place the same way")
    void timeoutPlace() {
        String message = "timed out: this test did not finish within 7 s, in PodIpAllocator.allocate"
                + "(PodIpAllocator.java:61), called from PodIpAllocatorTest$Properties.lambda$randomStartsAndStops$1"
                + "(PodIpAllocatorTest.java:491)";
        assertThat(Messages.forStudent(message)).containsExactly("timed out: this test did not finish within 7 s, "
                + "in PodIpAllocator.allocate(PodIpAllocator.java:61), called from the test (PodIpAllocatorTest.java:491)");
    }

    @Test
    @DisplayName("leaves a stub's exception and an assertion's own words without the extra line")
    void stubsAndAssertions() {
        assertThat(Messages.forStudent("java.lang.UnsupportedOperationException: Exercise 2.1: implement Cidr.parse\n"
                + "\tat k8snet.ipam.Cidr.parse(Cidr.java:60)\n\tat k8snet.ipam.CidrTest.parses(CidrTest.java:30)"))
                .containsExactly("UnsupportedOperationException: Exercise 2.1: implement Cidr.parse",
                        "\tat k8snet.ipam.Cidr.parse(Cidr.java:60)", "\tat the test (CidrTest.java:30)");
        assertThat(Messages.forStudent("org.opentest4j.AssertionFailedError: expected: 1 but was: 2"))
                .containsExactly("org.opentest4j.AssertionFailedError: expected: 1 but was: 2");
        assertThat(Messages.forStudent("[at exactly 30 s a 30 s TTL has expired]\nexpected: 1\n at exactly 30 s"))
                .as("prose that starts with at is no stack frame")
                .containsExactly("[at exactly 30 s a 30 s TTL has expired]", "expected: 1", " at exactly 30 s");
    }

    @Test
    @DisplayName("drops AssertJ's note on the stack lines it left out")
    void assertjNote() {
        String message = "[refuses null] \nExpecting actual throwable to be an instance of:\n"
                + "  java.lang.IllegalArgumentException\nbut was:\n  java.lang.NullPointerException\n"
                + "\tat k8snet.ip.Ipv4Address.compareTo(Ipv4Address.java:140)\n"
                + "\t...(84 remaining lines not displayed - this can be changed with "
                + "Assertions.setMaxStackTraceElementsDisplayed)";
        assertThat(Messages.forStudent(message)).endsWith("  java.lang.NullPointerException",
                "\tat k8snet.ip.Ipv4Address.compareTo(Ipv4Address.java:140)");
    }
}
