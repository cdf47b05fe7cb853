package k8snet.grader.guard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.Optional;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayName("The allowlist")
class AllowlistTest {

    private static final Allowlist RULES = Allowlist.parse("""
            # a comment, then rules
            allow package java.util
            allow package k8snet.**
            deny package k8snet.grader.** -- the grader's own code
            allow package k8snet.grader.open
            deny class java.util.Timer -- no threads
            deny class java.lang.Thread$Builder -- no threads
            allow package java.lang
            only java.lang.System: nanoTime out -- no exiting
            only java.io.PrintStream: println
            deny member java.lang.Integer.getInteger -- no system properties
            bootstrap java.lang.invoke.LambdaMetafactory.metafactory
            """);

    @Nested
    @DisplayName("decides for a class")
    class Types {

        @ParameterizedTest(name = "{0}: {1}")
        @CsvSource(delimiter = '|', value = {
                "java.util.List | ",
                "java.util.Map$Entry | ",
                "java.util.concurrent.Executors | no files, processes, reflection or network",
                "java.util.Timer | no threads",
                "java.lang.Thread | ",
                "java.lang.Thread$Builder | no threads",
                "java.lang.Thread$Builder$OfVirtual | no threads",
                "java.io.PrintStream | ",
                "java.io.File | no files, processes, reflection or network",
                "k8snet.ip.Ipv4Address | ",
                "k8snet.Require | ",
                "k8snet.grader.runner.RunnerMain | the grader's own code",
                "k8snet.grader.open.Door | ",
                "k8snet.grader.open.inner.Door | the grader's own code",
                "Unpackaged | no files, processes, reflection or network",
        })
        @DisplayName("by the longest package rule, deny-class rules of it and its outer classes, and only rules")
        void decide(String name, String reason) {
            assertThat(RULES.typeDenial(name.strip())).isEqualTo(Optional.ofNullable(reason).map(String::strip));
        }
    }

    @Nested
    @DisplayName("decides for a member")
    class Members {

        @ParameterizedTest(name = "{0}.{1}: {2}")
        @CsvSource(delimiter = '|', value = {
                "java.lang.System | nanoTime | ",
                "java.lang.System | out | ",
                "java.lang.System | exit | no exiting",
                "java.io.PrintStream | println | ",
                "java.io.PrintStream | <init> | no files, processes, reflection or network",
                "java.lang.Integer | parseInt | ",
                "java.lang.Integer | getInteger | no system properties",
                "java.util.Timer | schedule | no threads",
                "java.io.File | exists | no files, processes, reflection or network",
        })
        @DisplayName("by its class, deny-member rules and its class's only rule")
        void decide(String owner, String member, String reason) {
            assertThat(RULES.memberDenial(owner.strip(), member.strip()))
                    .isEqualTo(Optional.ofNullable(reason).map(String::strip));
        }
    }

    @Test
    @DisplayName("knows the bootstrap methods it names, and no others")
    void bootstraps() {
        assertThat(RULES.isBootstrap("java.lang.invoke.LambdaMetafactory", "metafactory")).isTrue();
        assertThat(RULES.isBootstrap("java.lang.invoke.LambdaMetafactory", "altMetafactory")).isFalse();
        assertThat(RULES.isBootstrap("evil.Bootstraps", "metafactory")).isFalse();
    }

    @Test
    @DisplayName("the kit's rules load from the grader, allow java.util and refuse java.io.File")
    void standard() {
        Allowlist kit = Allowlist.standard();
        assertThat(kit.typeDenial("java.util.ArrayList")).isEmpty();
        assertThat(kit.typeDenial("java.util.random.RandomGenerator")).isEmpty();
        assertThat(kit.typeDenial("java.io.File")).contains(Allowlist.DEFAULT_REASON);
        assertThat(kit.memberDenial("java.lang.System", "exit")).isPresent();
        assertThat(kit.isBootstrap("java.lang.runtime.ObjectMethods", "bootstrap")).isTrue();
        assertThat(kit.digest()).hasSize(64).isEqualTo(Allowlist.standard().digest());
    }

    @Test
    @DisplayName("two rule texts differ in their digests")
    void digest() {
        assertThat(Allowlist.parse("allow package java.util").digest())
                .isNotEqualTo(Allowlist.parse("allow package java.time").digest());
        assertThat(Allowlist.parse("allow package java.util")).isEqualTo(Allowlist.parse("allow package java.util"));
    }

    @Nested
    @DisplayName("refuses")
    class Refuses {

        @ParameterizedTest(name = "{0}")
        @CsvSource(delimiter = '|', value = {
                "permit package java.util | line 1: not a rule",
                "allow package java..util | line 1: not a Java name: 'java..util'",
                "deny member exit | line 1: expected Class.member, got 'exit'",
                "only java.lang.System nanoTime | line 1: not a rule",
                "bootstrap x | line 1: expected Class.member",
        })
        @DisplayName("a line it cannot read, naming the line")
        void badLine(String line, String message) {
            assertThatIllegalArgumentException().isThrownBy(() -> Allowlist.parse(line))
                    .withMessageContaining("Allowlist " + message.strip());
        }

        @Test
        @DisplayName("null text, and blank names to decide")
        void nulls() {
            assertThatIllegalArgumentException().isThrownBy(() -> Allowlist.parse(null)).withMessageContaining("null");
            assertThatIllegalArgumentException().isThrownBy(() -> RULES.typeDenial(" "))
                    .withMessageContaining("Class name must not be blank");
            assertThatIllegalArgumentException().isThrownBy(() -> RULES.memberDenial("java.lang.System", ""))
                    .withMessageContaining("Member name must not be blank");
        }
    }
}
