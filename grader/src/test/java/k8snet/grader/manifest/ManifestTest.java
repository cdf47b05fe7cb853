package k8snet.grader.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayName("The course manifest")
class ManifestTest {

    private static final String VALID = """
            course: A course
            modules:
              - id: module-01-basics
                title: "Basics"
                lesson: module-01-basics/README.md
              - id: module-02-pods
                title: "Pods"
                lesson: module-02-pods/README.md
            exercises:
              - id: "1.1"
                title: Adding
                module: module-01-basics
                lesson: "module-01-basics/README.md#adding"
                files:
                  - k8snet/calc/Adder.java
                tests:
                  - k8snet.calc.AdderTest
                points: 10
                hints:
                  - "Use +."
              - id: "1.2"
                title: Shouting
                module: module-01-basics
                lesson: "module-01-basics/README.md#shouting"
                files:
                  - k8snet/text/Shouter.java
                tests:
                  - k8snet.text.ShouterTest
                points: 20
                hints:
                  - "Upper case."
            """;

    @Nested
    @DisplayName("when read")
    class Reading {

        @Test
        @DisplayName("gives the kit's real course.yaml its modules and exercises in order")
        void realManifest() {
            Manifest manifest = Manifest.load(Path.of("..").toAbsolutePath().normalize());

            assertThat(manifest.course()).isEqualTo("Kubernetes Networking, Hands-On");
            assertThat(manifest.modules()).extracting(CourseModule::id).containsExactly(
                    "module-01-basics", "module-02-pods", "module-03-services", "module-04-external");
            assertThat(manifest.exercises()).extracting(Exercise::id).startsWith("1.1", "1.2", "1.3", "1.4");
            Exercise ip = manifest.exercise("1.1").orElseThrow();
            assertThat(ip.files()).containsExactly("k8snet/ip/Ipv4Address.java");
            assertThat(ip.tests()).contains("k8snet.ip.Ipv4AddressTest");
            assertThat(ip.points()).isEqualTo(10);
            assertThat(ip.hints().topicNames()).startsWith("parse");
            assertThat(manifest.exercisesOf("module-01-basics")).hasSizeGreaterThanOrEqualTo(4);
            assertThat(manifest.exerciseOfTest("k8snet.dns.HostnameTest")).map(Exercise::id).hasValue("1.2");
        }

        @Test
        @DisplayName("gives every exercise of the kit named hint topics, one per file where it has several, each a "
                + "ladder of at least two levels")
        void realHints() {
            Manifest manifest = Manifest.load(Path.of("..").toAbsolutePath().normalize());

            for (Exercise e : manifest.exercises()) {
                assertThat(e.hints().named()).as("exercise %s has named topics", e.id()).isTrue();
                assertThat(e.hints().topics()).as("exercise %s: every topic goes from a nudge to nearly the answer",
                        e.id()).allSatisfy(t -> assertThat(t.levels()).hasSizeGreaterThanOrEqualTo(2));
                if (e.files().size() > 1) {
                    for (String file : e.files()) {
                        String type = file.substring(file.lastIndexOf('/') + 1, file.length() - ".java".length());
                        assertThat(e.hints().topicNames()).as("exercise %s has a topic for %s", e.id(), file)
                                .anyMatch(t -> t.equals(type) || t.startsWith(type + "."));
                    }
                }
            }
            assertThat(manifest.exercise("1.2").orElseThrow().hints().topicNames())
                    .containsExactly("Hostname", "ZoneResolver", "CachingResolver");
        }

        @Test
        @DisplayName("keeps every field of an exercise")
        void fields() {
            Manifest manifest = Manifest.parse(VALID);

            Exercise shouting = manifest.exercise("1.2").orElseThrow();
            assertThat(shouting).isEqualTo(new Exercise("1.2", "Shouting", "module-01-basics",
                    "module-01-basics/README.md#shouting", java.util.List.of("k8snet/text/Shouter.java"),
                    java.util.List.of("k8snet.text.ShouterTest"), 20, java.util.List.of("Upper case.")));
            assertThat(manifest.module("module-02-pods")).map(CourseModule::title).hasValue("Pods");
        }

        @Test
        @DisplayName("names the missing file")
        void missingFile(@TempDir Path empty) {
            assertThatIllegalArgumentException().isThrownBy(() -> Manifest.load(empty))
                    .withMessageContaining("does not exist").withMessageContaining("course.yaml");
        }
    }

    @Nested
    @DisplayName("is refused, naming the entry,")
    class Validation {

        @ParameterizedTest(name = "{3}")
        @CsvSource(delimiter = '|', textBlock = """
                id: "1.2"                       | id: "1.1"                  | exercise 1.1 is listed twice         | a duplicate exercise id
                module: module-01-basics\\n    lesson: "module-01-basics/README.md#shouting" | module: module-09\\n    lesson: x | exercise 1.2: unknown module 'module-09' | an unknown module
                points: 20                      | points: 0                  | exercise 1.2: points must be positive (1-10000), got 0 | zero points
                points: 20                      | points: twenty             | exercise 1.2: points must be a whole number, got 'twenty' | points that are not a number
                "Upper case."                   | ""                         | exercise 1.2: every entry of 'hints' must be non-blank | a blank hint
                - id: module-02-pods            | - id: module-01-basics     | module module-01-basics is listed twice | a module listed twice
                course: A course                | course: A course\\nextra: 1 | unknown key 'extra'                 | an unknown key
                id: "1.2"                       | id: "one"                  | the id must look like N.M             | a malformed id
                - k8snet.text.ShouterTest       | - k8snet.calc.AdderTest    | test class 'k8snet.calc.AdderTest' is listed twice | a test class listed twice
                - k8snet/text/Shouter.java      | - ../Shouter.java          | a file must be a relative path        | a file outside src/main/java
                """)
        void invalid(String from, String to, String message, String what) {
            String yaml = VALID.replace(from.replace("\\n", "\n"), to.replace("\\n", "\n"));
            assertThat(yaml).as("the case must change the manifest").isNotEqualTo(VALID);

            assertThatIllegalArgumentException().isThrownBy(() -> Manifest.parse(yaml))
                    .withMessageContaining(message);
        }

        @Test
        @DisplayName("when an exercise has no files, tests or hints")
        void emptyLists() {
            String noFiles = VALID.replace("    files:\n      - k8snet/text/Shouter.java\n", "    files: []\n");
            String noTests = VALID.replace("    tests:\n      - k8snet.text.ShouterTest\n", "");
            String noHints = VALID.replace("    hints:\n      - \"Upper case.\"\n", "");

            assertThatIllegalArgumentException().isThrownBy(() -> Manifest.parse(noFiles))
                    .withMessageContaining("exercise 1.2: 'files' must be a non-empty list");
            assertThatIllegalArgumentException().isThrownBy(() -> Manifest.parse(noTests))
                    .withMessageContaining("exercise 1.2: 'tests' is missing");
            assertThatIllegalArgumentException().isThrownBy(() -> Manifest.parse(noHints))
                    .withMessageContaining("exercise 1.2: 'hints' is missing");
        }

        @Test
        @DisplayName("when it is not YAML at all")
        void notYaml() {
            assertThatIllegalArgumentException().isThrownBy(() -> Manifest.parse("course: [unclosed"))
                    .withMessageContaining("is not valid YAML");
        }
    }

    @Nested
    @DisplayName("hints")
    class HintForms {

        private static final String TOPICS = """
                    hints:
                      Shouter:
                        - "Where to look."
                        - "The rule."
                        - "Nearly the answer."
                      punctuation:
                        - "One mark."
                """;

        private Manifest withHints(String hints) {
            String yaml = VALID.replace("    hints:\n      - \"Upper case.\"\n", hints);
            assertThat(yaml).as("the case must change the manifest").isNotEqualTo(VALID);
            return Manifest.parse(yaml);
        }

        @Test
        @DisplayName("as a plain list are one unnamed topic with the levels in order")
        void plainList() {
            Hints hints = Manifest.parse(VALID.replace("      - \"Upper case.\"\n",
                    "      - \"First.\"\n      - \"Second.\"\n")).exercise("1.2").orElseThrow().hints();

            assertThat(hints.named()).isFalse();
            assertThat(hints.topicNames()).isEmpty();
            assertThat(hints.topics()).containsExactly(new HintTopic("", List.of("First.", "Second.")));
            assertThat(hints.topic("Shouter")).isEmpty();
        }

        @Test
        @DisplayName("as a mapping are named topics in the file's order, each with its levels in order")
        void topics() {
            Hints hints = withHints(TOPICS).exercise("1.2").orElseThrow().hints();

            assertThat(hints.named()).isTrue();
            assertThat(hints.topicNames()).containsExactly("Shouter", "punctuation");
            assertThat(hints.topics().get(0).levels()).containsExactly("Where to look.", "The rule.",
                    "Nearly the answer.");
            assertThat(hints.topic("PUNCTUATION")).map(HintTopic::levels).hasValue(List.of("One mark."));
            assertThat(hints.topic("punct")).as("the model matches whole names only").isEmpty();
        }

        @ParameterizedTest(name = "{2}")
        @CsvSource(delimiter = '|', textBlock = """
                hints:\\n  Shouter: []                  | exercise 1.2, hint topic 'Shouter': must be a non-empty list of hints | a topic without hints
                hints:\\n  Shouter: "one hint"          | exercise 1.2, hint topic 'Shouter': must be a non-empty list of hints | a topic whose hints are not a list
                hints:\\n  Shouter:\\n    - ""           | exercise 1.2, hint topic 'Shouter': every hint must be non-blank text | a blank hint in a topic
                hints:\\n  Shouter:\\n    - [a, b]       | exercise 1.2, hint topic 'Shouter': every hint must be non-blank text | a hint that is a list
                hints:\\n  two words:\\n    - "x"        | exercise 1.2: A hint topic's name must be a letter followed by letters | a topic name with a space
                hints:\\n  1st:\\n    - "x"              | got '1st'                                                              | a topic name starting with a digit
                hints:\\n  Shouter:\\n    - "x"\\n  shouter:\\n    - "y" | exercise 1.2: Hint topic 'shouter' is listed twice (names are compared ignoring case) | two topics that differ only in case
                hints:\\n  Shouter:\\n    - "x"\\n  Shouter:\\n    - "y" | Duplicate field 'Shouter'                                    | a topic given twice
                hints: {}                               | exercise 1.2: 'hints' must name at least one topic, got {}             | an empty mapping
                hints: "Upper case."                    | exercise 1.2: 'hints' must be a list of hints or a mapping from topic to a list of hints | one hint that is not in a list
                """)
        void invalid(String hints, String message, String what) {
            String yaml = VALID.replace("    hints:\n      - \"Upper case.\"\n",
                    ("    " + hints.replace("\\n", "\n    ")).stripTrailing() + "\n");
            assertThat(yaml).as("the case must change the manifest").isNotEqualTo(VALID);

            assertThatIllegalArgumentException().isThrownBy(() -> Manifest.parse(yaml))
                    .withMessageContaining(message);
        }

        @Test
        @DisplayName("refuse bad input to the model itself with the value named, never a NullPointerException")
        void model() {
            assertThatIllegalArgumentException().isThrownBy(() -> new Hints(List.of()))
                    .withMessageContaining("at least one topic");
            assertThatIllegalArgumentException().isThrownBy(() -> new Hints(null))
                    .withMessageContaining("at least one topic");
            assertThatIllegalArgumentException().isThrownBy(() -> new Hints(List.of(
                    new HintTopic("", List.of("a")), new HintTopic("b", List.of("b")))))
                    .withMessageContaining("An unnamed hint topic must be the only one, got [b]");
            assertThatIllegalArgumentException().isThrownBy(() -> new HintTopic(null, List.of("a")))
                    .withMessageContaining("must not be null");
            assertThatIllegalArgumentException().isThrownBy(() -> new HintTopic("a", null))
                    .withMessageContaining("Hint topic 'a' must have at least one hint");
            assertThatIllegalArgumentException().isThrownBy(() -> new HintTopic("a", java.util.Arrays.asList("x", null)))
                    .withMessageContaining("Hint topic 'a' has a blank hint");
            assertThatIllegalArgumentException().isThrownBy(() -> new HintTopic("a".repeat(41), List.of("x")))
                    .withMessageContaining("at most 40 characters");
            assertThat(new HintTopic("a".repeat(40), List.of("x")).name()).hasSize(40);
            assertThat(new HintTopic("Selector.parse-2_b", List.of("x")).named()).isTrue();
            assertThatIllegalArgumentException().isThrownBy(() -> Hints.of(null))
                    .withMessageContaining("must have at least one hint");
            assertThatIllegalArgumentException().isThrownBy(() -> Hints.of(List.of("x")).topic(null))
                    .withMessageContaining("must not be null");
            assertThatIllegalArgumentException().isThrownBy(() -> new Exercise("1.1", "t", "m", "l", List.of("f"),
                    List.of("t"), 1, (Hints) null)).withMessageContaining("Exercise 1.1: hints must not be null");
        }
    }

    @Nested
    @DisplayName("checked against the kit")
    class Verify {

        @Test
        @DisplayName("finds nothing wrong with a matching kit")
        void matches(@TempDir Path root) throws IOException {
            Path kit = kit(root);
            assertThat(Manifest.load(kit).verifyAgainst(kit)).isEmpty();
        }

        @Test
        @DisplayName("names missing stubs, solutions and tests, and unlisted tests and solutions")
        void mismatches(@TempDir Path root) throws IOException {
            Path kit = kit(root);
            Files.delete(kit.resolve("module-01-basics/src/main/java/k8snet/calc/Adder.java"));
            Files.delete(kit.resolve("solutions/module-01-basics/src/main/java/k8snet/text/Shouter.java"));
            Files.delete(kit.resolve("module-01-basics/src/test/java/k8snet/text/ShouterTest.java"));
            put(kit, "module-01-basics/src/test/java/k8snet/calc/ExtraTest.java",
                    "class ExtraTest { @ParameterizedTest void t(int i) {} }");
            put(kit, "solutions/module-01-basics/src/main/java/k8snet/calc/Extra.java", "class Extra {}");

            assertThat(Manifest.load(kit).verifyAgainst(kit)).containsExactlyInAnyOrder(
                    "exercise 1.1: the stub module-01-basics/src/main/java/k8snet/calc/Adder.java does not exist",
                    "exercise 1.2: the solution solutions/module-01-basics/src/main/java/k8snet/text/Shouter.java does not exist",
                    "exercise 1.2: the graded test k8snet.text.ShouterTest does not exist at "
                            + "module-01-basics/src/test/java/k8snet/text/ShouterTest.java",
                    "module module-01-basics: the test class k8snet.calc.ExtraTest has tests but no exercise lists it "
                            + "in course.yaml (tag it @Tag(\"ungraded\") if it is not meant to be graded)",
                    "module module-01-basics: the solution file solutions/module-01-basics/src/main/java/k8snet/calc/"
                            + "Extra.java is not listed as a file of any exercise");
        }
    }

    @Nested
    @DisplayName("a graded test class's display name")
    class DisplayNames {

        @Test
        @DisplayName("may name its own exercise, in either case, and another in a nested class or a comment")
        void ownExercise(@TempDir Path root) throws IOException {
            Path kit = kit(root);
            put(kit, "module-01-basics/src/test/java/k8snet/calc/AdderTest.java",
                    "/** Uses exercise 1.2's Shouter. */\n@DisplayName(\"Exercise 1.1: adding\")\n"
                            + "@TestInstance(TestInstance.Lifecycle.PER_CLASS)\nfinal class AdderTest {\n"
                            + "  @Nested @DisplayName(\"with exercise 1.2's text\") class Text { @Test void t() {} }\n}");
            put(kit, "module-01-basics/src/test/java/k8snet/text/ShouterTest.java",
                    "@DisplayName(\"Shouting (exercise 1.2)\") class ShouterTest { @Test void t() {} }");
            assertThat(Manifest.load(kit).verifyAgainst(kit)).isEmpty();
        }

        @Test
        @DisplayName("naming another exercise than the one that lists it is a problem, one line per exercise named")
        void anotherExercise(@TempDir Path root) throws IOException {
            Path kit = kit(root);
            put(kit, "module-01-basics/src/test/java/k8snet/calc/AdderTest.java",
                    "@DisplayName(\"Exercise 1.2: adding (see also exercise 1.3, exercise 1.2)\")\n"
                            + "public final class AdderTest { @Test void t() {} }");
            assertThat(Manifest.load(kit).verifyAgainst(kit)).containsExactly(
                    "exercise 1.1: the graded test k8snet.calc.AdderTest is shown on the board as a test of exercise "
                            + "1.2 (its class's @DisplayName), but course.yaml lists it under 1.1",
                    "exercise 1.1: the graded test k8snet.calc.AdderTest is shown on the board as a test of exercise "
                            + "1.3 (its class's @DisplayName), but course.yaml lists it under 1.1");
        }
    }

    @Nested
    @DisplayName("test classes tagged ungraded")
    class Ungraded {

        @Test
        @DisplayName("need no exercise: an unlisted class with @Tag(\"ungraded\") is no problem, in any spelling")
        void unlistedIsFine(@TempDir Path root) throws IOException {
            Path kit = kit(root);
            put(kit, "module-01-basics/src/test/java/k8snet/runner/RunnerTest.java",
                    "@Tag(\"ungraded\")\nclass RunnerTest { @Test void t() {} }");
            put(kit, "module-01-basics/src/test/java/k8snet/runner/OtherTest.java",
                    "@org.junit.jupiter.api.Tag( value = \"ungraded\" ) class OtherTest { @ParameterizedTest void t() {} }");
            assertThat(Manifest.load(kit).verifyAgainst(kit)).isEmpty();
        }

        @Test
        @DisplayName("are recognised by the annotation, not by a comment or another tag")
        void onlyTheAnnotation(@TempDir Path root) throws IOException {
            Path kit = kit(root);
            put(kit, "module-01-basics/src/test/java/k8snet/runner/CommentTest.java",
                    "// @Tag(\"ungraded\")\nclass CommentTest { @Test void t() {} }");
            put(kit, "module-01-basics/src/test/java/k8snet/runner/SlowTest.java",
                    "@Tag(\"slow\") class SlowTest { @Test void t() {} }");
            assertThat(Manifest.load(kit).verifyAgainst(kit)).hasSize(2)
                    .allMatch(p -> p.contains("has tests but no exercise lists it"));
            assertThat(KitLayout.isUngraded("@Tag(\"ungraded\") class A {}")).isTrue();
            assertThat(KitLayout.isUngraded("/* @Tag(\"ungraded\") */ class A {}")).isFalse();
            assertThat(KitLayout.isUngraded("@Tag(\"ungraded-not\") class A {}")).isFalse();
        }

        @Test
        @DisplayName("may not be graded: a listed class with the tag is a problem")
        void listedIsAProblem(@TempDir Path root) throws IOException {
            Path kit = kit(root);
            put(kit, "module-01-basics/src/test/java/k8snet/calc/AdderTest.java",
                    "@Tag(\"ungraded\") class AdderTest { @Test void t() {} }");
            assertThat(Manifest.load(kit).verifyAgainst(kit)).containsExactly(
                    "exercise 1.1: the graded test k8snet.calc.AdderTest is tagged \"ungraded\", which Maven's "
                            + "student build skips; graded tests carry no such tag");
        }
    }

    /** A kit that matches {@code VALID}: stubs, solutions and graded tests, plus a test-support class. */
    private static Path kit(Path root) throws IOException {
        put(root, "course.yaml", VALID);
        for (String f : new String[] {"k8snet/calc/Adder.java", "k8snet/text/Shouter.java"}) {
            put(root, "module-01-basics/src/main/java/" + f, "class X {}");
            put(root, "solutions/module-01-basics/src/main/java/" + f, "class X {}");
        }
        put(root, "module-01-basics/src/test/java/k8snet/calc/AdderTest.java", "class AdderTest { @Test void t() {} }");
        put(root, "module-01-basics/src/test/java/k8snet/text/ShouterTest.java",
                "class ShouterTest { @org.junit.jupiter.api.Test void t() {} }");
        put(root, "module-01-basics/src/test/java/k8snet/testkit/Support.java",
                "/** Not a test, although this comment mentions @Test. */ class Support { String s = \"@Test\"; }");
        return root;
    }

    private static void put(Path root, String rel, String text) throws IOException {
        Path file = root.resolve(rel);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }
}
