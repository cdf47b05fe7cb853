package k8snet.grader.selfcheck;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import k8snet.grader.Fixtures;

@DisplayName("The self-check of the reference traces")
class ReferenceTracesCheckTest {

    private static final String TRACES = "# header\n@ [class:k8snet.net.NetworkTest]/[method:a()]#1\n  1. laptop  [app]  TCP"
            + "\n@ [class:k8snet.net.NetworkTest]/[method:a()]#2\n  1. laptop  [app]  UDP\n";

    private static void write(Path kit, String rel, String text) throws IOException {
        Path file = kit.resolve("module-01-basics").resolve(rel);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    private static SelfCheck.Check check(Path kit) {
        return new ReferenceTracesCheck(kit, Fixtures.manifest()).run();
    }

    @Test
    @DisplayName("passes when the recorded traces are the committed ones, and when a module has neither")
    void current(@TempDir Path kit) throws IOException {
        write(kit, ReferenceTracesCheck.RECORDED, TRACES);
        write(kit, ReferenceTracesCheck.COMMITTED, TRACES);
        SelfCheck.Check c = check(kit);
        assertThat(c.passed()).as(c.problems().toString()).isTrue();
        assertThat(c.summary()).startsWith("2 reference traces");
    }

    @Test
    @DisplayName("names each changed, new and vanished send, and says how to regenerate")
    void stale(@TempDir Path kit) throws IOException {
        write(kit, ReferenceTracesCheck.RECORDED, TRACES.replace("UDP", "SCTP")
                + "@ [class:k8snet.net.NetworkTest]/[method:b()]#1\n  1. x\n");
        write(kit, ReferenceTracesCheck.COMMITTED, TRACES + "@ [class:k8snet.net.NetworkTest]/[method:c()]#1\n  1. y\n");
        SelfCheck.Check c = check(kit);
        assertThat(c.passed()).isFalse();
        assertThat(c.summary()).contains("./mvnw -B -Preference,traces test");
        assertThat(c.problems()).containsExactly(
                "module-01-basics: the trace of [class:k8snet.net.NetworkTest]/[method:a()]#2 changed",
                "module-01-basics: new send [class:k8snet.net.NetworkTest]/[method:b()]#1",
                "module-01-basics: no such send any more: [class:k8snet.net.NetworkTest]/[method:c()]#1");
    }

    @Test
    @DisplayName("fails when one side is missing")
    void missing(@TempDir Path kit) throws IOException {
        write(kit, ReferenceTracesCheck.RECORDED, TRACES);
        assertThat(check(kit).problems()).singleElement().asString()
                .contains("module-01-basics/src/test/resources/k8snet/testkit/reference-traces.txt is missing");
    }
}
