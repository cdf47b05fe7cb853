package k8snet.grader.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import k8snet.grader.manifest.Manifest;

@DisplayName("course hint")
class HintCommandTest {

    /** 1.1 has one unnamed ladder (the plain list); 1.2 has three topics; 1.3 has one named topic. */
    private static final String MANIFEST = """
            course: A course
            modules:
              - id: module-01-basics
                title: "Basics"
                lesson: module-01-basics/README.md
            exercises:
              - id: "1.1"
                title: IPv4 addresses
                module: module-01-basics
                lesson: "module-01-basics/README.md#ipv4"
                files: [k8snet/ip/Ipv4Address.java]
                tests: [k8snet.ip.Ipv4AddressTest]
                points: 10
                hints:
                  - "Split on dots."
                  - "Reject leading zeros."
                  - "Use Integer.toUnsignedLong."
              - id: "1.2"
                title: Hostnames and DNS
                module: module-01-basics
                lesson: "module-01-basics/README.md#dns"
                files: [k8snet/dns/Hostname.java, k8snet/dns/ZoneResolver.java, k8snet/dns/CachingResolver.java]
                tests: [k8snet.dns.HostnameTest, k8snet.dns.ZoneResolverTest, k8snet.dns.CachingResolverTest]
                points: 20
                hints:
                  Hostname:
                    - "Hostname nudge."
                    - "Hostname middle."
                    - "Hostname answer."
                  ZoneResolver:
                    - "Zone nudge."
                    - "Zone answer."
                  CachingResolver:
                    - "Cache only hint."
              - id: "1.3"
                title: Ports
                module: module-01-basics
                lesson: "module-01-basics/README.md#ports"
                files: [k8snet/transport/Port.java]
                tests: [k8snet.transport.PortTest]
                points: 10
                hints:
                  parse:
                    - "Port nudge."
                    - "Port answer."
            """;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        Manifest manifest = Manifest.parse(MANIFEST);
        CourseEnv env = new CourseEnv(Path.of("kit"), k -> manifest, () -> {
            throw new AssertionError("hint must not grade anything");
        }, new PrintWriter(out), new PrintWriter(err), false, Map.of());
        String[] all = new String[args.length + 1];
        all[0] = "hint";
        System.arraycopy(args, 0, all, 1, args.length);
        return Course.commandLine(env).execute(all);
    }

    @Nested
    @DisplayName("for an exercise with topics")
    class Topics {

        @Test
        @DisplayName("without --topic shows every topic's first hint, in the manifest's order, and how to go on")
        void overview() {
            assertThat(run("1.2")).isZero();
            String text = out.toString();
            assertThat(text).startsWith("Hints for 1.2 Hostnames and DNS, on 3 topics. Pick the one you are stuck on:")
                    .contains("Hostname (hint 1 of 3)\n  Hostname nudge.", "ZoneResolver (hint 1 of 2)\n  Zone nudge.",
                            "CachingResolver (hint 1 of 1)\n  Cache only hint.",
                            "Its next hint: ./course hint 1.2 --topic NAME --level 2",
                            "(NAME is one of Hostname, ZoneResolver, CachingResolver;")
                    .doesNotContain("Hostname middle.", "Zone answer.");
            assertThat(text.indexOf("Hostname nudge.")).isLessThan(text.indexOf("Zone nudge."));
            assertThat(text.indexOf("Zone nudge.")).isLessThan(text.indexOf("Cache only hint."));
            assertThat(err.toString()).isEmpty();
        }

        @Test
        @DisplayName("--level 1 without --topic is the same overview")
        void levelOneIsTheOverview() {
            assertThat(run("1.2", "--level", "1")).isZero();
            assertThat(out.toString()).startsWith("Hints for 1.2").contains("Zone nudge.", "Cache only hint.");
        }

        @Test
        @DisplayName("--topic alone gives that topic's level 1 and the command for its level 2")
        void topicFirstLevel() {
            assertThat(run("1.2", "--topic", "ZoneResolver")).isZero();
            assertThat(out.toString()).startsWith("Hint 1 of 2 on ZoneResolver for 1.2 Hostnames and DNS:")
                    .contains("  Zone nudge.", "The next hint: ./course hint 1.2 --topic ZoneResolver --level 2")
                    .doesNotContain("Hostname nudge.", "Zone answer.");
        }

        @Test
        @DisplayName("--topic with --level gives exactly that level")
        void topicMiddleLevel() {
            assertThat(run("1.2", "--topic", "Hostname", "--level", "2")).isZero();
            assertThat(out.toString()).startsWith("Hint 2 of 3 on Hostname for 1.2")
                    .contains("  Hostname middle.", "./course hint 1.2 --topic Hostname --level 3")
                    .doesNotContain("Hostname nudge.", "Hostname answer.");
        }

        @Test
        @DisplayName("at a topic's last level says so and names the other topics and the lesson")
        void lastLevel() {
            assertThat(run("1.2", "--topic", "ZoneResolver", "--level", "2")).isZero();
            assertThat(out.toString()).contains("Hint 2 of 2 on ZoneResolver", "  Zone answer.",
                    "That was the last hint on ZoneResolver. The lesson section: module-01-basics/README.md#dns",
                    "Other topics: Hostname, CachingResolver").doesNotContain("--level 3");
        }

        @ParameterizedTest(name = "--topic {0} is {1}")
        @CsvSource({"zoneresolver, ZoneResolver", "CACHING, CachingResolver", "z, ZoneResolver", "h, Hostname"})
        @DisplayName("finds a topic by its name or an unambiguous start of it, in any case")
        void findsByStart(String given, String topic) {
            assertThat(run("1.2", "--topic", given)).isZero();
            assertThat(out.toString()).startsWith("Hint 1 of ").contains(" on " + topic + " for 1.2");
        }

        @Test
        @DisplayName("refuses an unknown topic, naming the topics")
        void unknownTopic() {
            assertThat(run("1.2", "--topic", "Cache2")).isEqualTo(2);
            assertThat(err.toString()).contains("exercise 1.2 has no hint topic 'Cache2'. Topics: Hostname, "
                    + "ZoneResolver, CachingResolver");
            assertThat(out.toString()).isEmpty();
        }

        @Test
        @DisplayName("refuses a level past a topic's last, naming the topic's range")
        void levelPastTheTopic() {
            assertThat(run("1.2", "--topic", "ZoneResolver", "--level", "3")).isEqualTo(2);
            assertThat(err.toString()).contains("topic ZoneResolver of exercise 1.2 has 2 hints: use --level 1 to 2,"
                    + " not 3");
        }

        @Test
        @DisplayName("refuses a level of one topic, naming the range without 'to'")
        void levelOfASingleHint() {
            assertThat(run("1.2", "--topic", "CachingResolver", "--level", "0")).isEqualTo(2);
            assertThat(err.toString()).contains("topic CachingResolver of exercise 1.2 has 1 hint: use --level 1,"
                    + " not 0");
        }

        @Test
        @DisplayName("refuses --level 2 without --topic, since it would give away every topic at once")
        void levelWithoutTopic() {
            assertThat(run("1.2", "--level", "2")).isEqualTo(2);
            assertThat(err.toString()).contains("exercise 1.2 has hints on 3 topics (Hostname, ZoneResolver, "
                    + "CachingResolver): name one with --topic to see its level 2");
            assertThat(out.toString()).isEmpty();
        }

        @Test
        @DisplayName("with a single topic, --level needs no --topic")
        void singleTopic() {
            assertThat(run("1.3", "--level", "2")).isZero();
            assertThat(out.toString()).startsWith("Hint 2 of 2 on parse for 1.3 Ports:").contains("  Port answer.")
                    .doesNotContain("Other topics");
        }
    }

    @Nested
    @DisplayName("for an exercise with a plain list")
    class PlainList {

        @ParameterizedTest(name = "level {0}")
        @CsvSource({"1, Split on dots., Still stuck? The next hint: ./course hint 1.1 --level 2",
                "3, Use Integer.toUnsignedLong., That was the last hint. The lesson section: module-01-basics/README.md#ipv4"})
        @DisplayName("climbs the one ladder with --level, as before topics existed")
        void levels(int level, String hint, String next) {
            assertThat(run("1.1", "--level", String.valueOf(level))).isZero();
            assertThat(out.toString()).startsWith("Hint " + level + " of 3 for 1.1 IPv4 addresses:")
                    .contains("  " + hint, next).doesNotContain("--topic", "Other topics");
        }

        @Test
        @DisplayName("refuses --topic, saying how to ask instead")
        void noTopics() {
            assertThat(run("1.1", "--topic", "parse")).isEqualTo(2);
            assertThat(err.toString()).contains("exercise 1.1 has no hint topics: use --level 1 to 3 without --topic");
        }

        @ParameterizedTest(name = "level {0}")
        @ValueSource(strings = {"0", "4"})
        @DisplayName("refuses a level that does not exist")
        void badLevel(String level) {
            assertThat(run("1.1", "--level", level)).isEqualTo(2);
            assertThat(err.toString()).contains("exercise 1.1 has 3 hints: use --level 1 to 3, not " + level);
        }
    }
}
