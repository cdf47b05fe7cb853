package k8snet.grader.guard;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Outsider attacks (issue 10) on the bytecode allowlist: uses of allowed packages that still start threads.
 * The allowlist says "no new threads", but parallel streams and {@code Arrays.parallel*} run student code on
 * the common ForkJoinPool's workers, which keep running after the test that started them returned (a
 * parallel {@code forEach} whose caller sees one element throw returns while the other elements spin).
 * docs/OUTSIDER-ATTACKS.md, finding 6.
 */
@DisplayName("Attacks by an outsider, on the bytecode allowlist")
class OutsiderAllowlistAttackTest {

    @TempDir
    Path dir;

    private List<String> used(String body) {
        String source = """
                package k8snet.ip;

                public final class Ipv4Address {
                    public static int parse(String text) {
                        %s
                    }
                }
                """.formatted(body);
        Map<String, byte[]> classes = Javac.compile(dir, Map.of("k8snet/ip/Ipv4Address.java", source));
        return classes.values().stream().flatMap(b -> BytecodeCheck.standard().check(b, classes.keySet()).stream())
                .map(Violation::used).toList();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "java.util.stream.IntStream.range(0, 64).parallel().forEach(i -> { while (true) { Thread.onSpinWait(); } });",
            "java.util.List.of(1, 2).parallelStream().forEach(i -> { while (true) { Thread.onSpinWait(); } });",
            "java.util.Arrays.parallelSetAll(new int[1 << 16], i -> { while (true) { Thread.onSpinWait(); } });",
            "java.util.Arrays.parallelSort(new int[1 << 20]);"})
    @DisplayName("outsider finding 6: code that runs on the common pool's threads is refused, as new threads are")
    void commonPoolThreads(String statement) {
        assertThat(used(statement + " return 0;")).as("what the check refuses").isNotEmpty();
    }

    @Test
    @DisplayName("outsider finding 6 (control): a sequential stream and Arrays.sort pass")
    void sequentialPasses() {
        assertThat(used("java.util.Arrays.sort(new int[4]); return (int) java.util.stream.IntStream.range(0, 4).count();"))
                .isEmpty();
    }

    @Test
    @DisplayName("outsider attack 17: reading the stack to learn which test calls is allowed, and harmless without a way out")
    void stackTraceIsAllowed() {
        assertThat(used("return new Throwable().getStackTrace()[1].getClassName().length();")).isEmpty();
    }
}
