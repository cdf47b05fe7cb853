package k8snet.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static k8snet.testkit.Theories.named;
import static k8snet.testkit.Theories.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

@DisplayName("A hostname (exercise 1.2, part 1)")
class HostnameTest {

    private static final long SEED = 0x1123_4343L;

    /** Enough shrinking to find a small counterexample quickly, even for a badly wrong implementation. */
    private static final int SHRINKS = 300;

    @Nested
    @DisplayName("that follows RFC 1123")
    class Valid {

        @ParameterizedTest(name = "\"{0}\" is accepted as {1}")
        @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
                web                             | web                           | one label
                web.example.com                 | web.example.com               | three labels
                web.default.svc.cluster.local   | web.default.svc.cluster.local | a Kubernetes service name
                Web.Example.COM                 | web.example.com               | case is not significant
                web.example.com.                | web.example.com               | a trailing dot: fully qualified
                WEB.EXAMPLE.COM.                | web.example.com               | both at once
                3com.com                        | 3com.com                      | RFC 1123 allows a leading digit
                123                             | 123                           | a label may be all digits
                10.0.0.1                        | 10.0.0.1                      | so this is a name too
                a                               | a                             | a one-letter label
                0                               | 0                             | a one-digit label
                my-service.prod                 | my-service.prod               | a hyphen inside a label
                a--b.example                    | a--b.example                  | two hyphens inside a label
                xn--bcher-kva.example           | xn--bcher-kva.example         | punycode for an international name
                A1-B2.c3                        | a1-b2.c3                      | letters, digits and hyphens mixed
                """)
        void acceptsAndNormalises(String text, String normalised, String why) {
            assertThat(Hostname.parse(text))
                    .as("\"%s\" is a valid hostname (%s), written as \"%s\" once normalised", text, why, normalised)
                    .hasToString(normalised);
            assertThat(Hostname.isValid(text))
                    .as("isValid(\"%s\") must agree with parse, which accepts it (%s)", text, why)
                    .isTrue();
        }

        @Test
        @DisplayName("a label may have 63 characters")
        void longestLabel() {
            String label = "a".repeat(62) + "1";
            assertThat(Hostname.parse(label + ".example.com").labels())
                    .as("a 63-character label is the longest RFC 1035 allows, but it is allowed")
                    .containsExactly(label, "example", "com");
        }

        @Test
        @DisplayName("a name may have 253 characters, and one trailing dot more")
        void longestName() {
            String name = longName(253);
            assertThat(Hostname.parse(name))
                    .as("a 253-character name is the longest allowed, but it is allowed")
                    .hasToString(name);
            assertThat(Hostname.parse(name + "."))
                    .as("the trailing dot of a fully qualified name does not count towards the 253 characters")
                    .hasToString(name);
        }

        @Test
        @DisplayName("labels are lower case, left to right, and cannot be changed")
        void labels() {
            List<String> labels = Hostname.parse("API.Default.svc.Cluster.local.").labels();
            assertThat(labels)
                    .as("labels of API.Default.svc.Cluster.local., left to right, lower case, no empty root label")
                    .containsExactly("api", "default", "svc", "cluster", "local");
            assertThatExceptionOfType(UnsupportedOperationException.class)
                    .as("labels() is a read-only view: a caller must not be able to change a hostname")
                    .isThrownBy(() -> labels.add("evil"));
            assertThat(Hostname.parse("localhost").labels()).as("a single-label name").containsExactly("localhost");
        }

        @Test
        @DisplayName("lower-casing does not depend on the default locale")
        void localeIndependent() {
            Locale saved = Locale.getDefault();
            try {
                Locale.setDefault(Locale.forLanguageTag("tr-TR"));
                assertThat(Hostname.parse("INGRESS.INTERNAL"))
                        .as("under a Turkish default locale \"I\".toLowerCase() is a dotless i; hostnames must "
                                + "lower-case with Locale.ROOT so INGRESS.INTERNAL stays ingress.internal")
                        .hasToString("ingress.internal");
            } finally {
                Locale.setDefault(saved);
            }
        }
    }

    @Nested
    @DisplayName("that breaks a rule")
    class Invalid {

        @ParameterizedTest(name = "\"{0}\" is rejected: {1}")
        @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
                ""                           | empty text
                " "                          | blank text
                "."                          | only the root dot, no label
                ".."                         | two empty labels
                "a..b"                       | an empty label in the middle
                ".example.com"               | a leading dot
                "example.com.."              | two trailing dots
                "-web"                       | a label starting with a hyphen
                "web-"                       | a label ending with a hyphen
                "web.-x.com"                 | an inner label starting with a hyphen
                "web.x-.com"                 | an inner label ending with a hyphen
                "web.example.com-"           | the last label ending with a hyphen
                "-"                          | a label that is only a hyphen
                "my_service"                 | an underscore
                "_http._tcp.example.com"     | an SRV owner name is not a hostname
                "web example"                | a space
                " web"                       | a leading space
                "web "                       | a trailing space
                "web\t"                      | a tab
                "wéb.example"                | a non-ASCII letter
                "bücher.de"                  | an international name not in punycode
                "ＷＥＢ.example"              | full-width letters
                "\u212Aube.example"          | the Kelvin sign, which lower-cases to an ASCII k
                "web.example.com/index"      | a URL path
                "web:8080"                   | a port
                "*.example.com"              | a wildcard
                "web@example.com"            | a mail address
                """)
        void isRejectedNamingTheInput(String text, String rule) {
            assertThatIllegalArgumentException()
                    .as("\"%s\" is not an RFC 1123 hostname (%s)", text, rule)
                    .isThrownBy(() -> Hostname.parse(text))
                    .withMessageContaining(text);
            assertThat(Hostname.isValid(text))
                    .as("isValid(\"%s\") must agree with parse, which rejects it (%s)", text, rule)
                    .isFalse();
        }

        @Test
        @DisplayName("a label of 64 characters is one too many")
        void labelTooLong() {
            String label = "b".repeat(64);
            List<String> withLongLabel =
                    List.of(label, label + ".example.com", "web." + label + ".com", "web.example." + label);
            for (String text : withLongLabel) {
                assertThatIllegalArgumentException()
                        .as("\"%s\" has a 64-character label; RFC 1035 2.3.4 allows at most 63", text)
                        .isThrownBy(() -> Hostname.parse(text))
                        .withMessageContaining(label);
                assertThat(Hostname.isValid(text)).as("isValid of a name with a 64-character label").isFalse();
            }
        }

        @Test
        @DisplayName("a name of 254 characters is one too many, with or without a trailing dot")
        void nameTooLong() {
            String name = longName(254);
            assertThatIllegalArgumentException()
                    .as("a 254-character name is over the 253-character limit")
                    .isThrownBy(() -> Hostname.parse(name))
                    .withMessageContaining(name);
            assertThatIllegalArgumentException()
                    .as("a 254-character name plus the trailing dot is still over the limit")
                    .isThrownBy(() -> Hostname.parse(name + "."));
            assertThat(Hostname.isValid(name)).as("isValid of a 254-character name").isFalse();
        }

        @Test
        @DisplayName("null is rejected with an IllegalArgumentException, never a NullPointerException")
        void rejectsNull() {
            assertThatIllegalArgumentException()
                    .as("parse(null) names the problem instead of failing with a NullPointerException")
                    .isThrownBy(() -> Hostname.parse(null))
                    .withMessageContaining("null");
            assertThat(Hostname.isValid(null)).as("null is not a valid hostname").isFalse();
        }
    }

    @Nested
    @DisplayName("compared with another")
    class Equality {

        @ParameterizedTest(name = "\"{0}\" and \"{1}\" are the same name")
        @CsvSource({
            "web.example.com, WEB.EXAMPLE.COM",
            "Web.Example.Com, web.example.com.",
            "KUBERNETES.default.svc, kubernetes.DEFAULT.svc.",
        })
        void ignoresCaseAndTheTrailingDot(String one, String other) {
            Hostname a = Hostname.parse(one);
            Hostname b = Hostname.parse(other);
            assertThat(a)
                    .as("DNS names compare case-insensitively (RFC 4343) and the trailing dot only marks the root: "
                            + "\"%s\" and \"%s\" must be equal", one, other)
                    .isEqualTo(b);
            assertThat(a.hashCode()).as("equal names need equal hash codes to work as map keys")
                    .isEqualTo(b.hashCode());
        }

        @ParameterizedTest(name = "\"{0}\" and \"{1}\" are different names")
        @CsvSource({
            "web.example.com, web.example.org",
            "web.example.com, www.example.com",
            "web.example.com, example.com",
            "web, web.local",
        })
        void differentNamesDiffer(String one, String other) {
            assertThat(Hostname.parse(one)).as("\"%s\" and \"%s\" name different hosts", one, other)
                    .isNotEqualTo(Hostname.parse(other));
        }
    }

    @Nested
    @DisplayName("generated at random")
    class Properties {

        private static final String FIRST = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
        private static final String INNER = FIRST + "-";

        /** A label of 1 to 20 characters that follows the rules: letter or digit at both ends. */
        private final Gen<String> label = lists().of(integers().between(0, INNER.length() - 1))
                .ofSizeBetween(0, 18)
                .zip(integers().between(0, FIRST.length() - 1), integers().between(0, FIRST.length() - 1),
                        (inner, first, last) -> {
                            StringBuilder text = new StringBuilder().append(FIRST.charAt(first));
                            inner.forEach(i -> text.append(INNER.charAt(i)));
                            return inner.isEmpty() && first.equals(last) ? text.toString()
                                    : text.append(FIRST.charAt(last)).toString();
                        });

        /** A name of 1 to 6 labels, sometimes with a trailing dot. */
        private final Gen<String> names = named("name", lists().of(label).ofSizeBetween(1, 6)
                .zip(Generate.booleans(), (labels, dot) -> String.join(".", labels) + (dot ? "." : "")),
                name -> "\"" + name + "\"");

        @Test
        @DisplayName("parse(name.toString()) is the same name: normalising twice changes nothing")
        void parseIsIdempotent() {
            qt(SEED).withShrinkCycles(SHRINKS).forAll(names).checkAssert(text -> {
                Hostname once = Hostname.parse(text);
                String expected = text.toLowerCase(Locale.ROOT);
                expected = expected.endsWith(".") ? expected.substring(0, expected.length() - 1) : expected;
                assertThat(once.toString())
                        .as("\"%s\" normalised: lower case, no trailing dot (seed %d)", text, SEED)
                        .isEqualTo(expected);
                assertThat(Hostname.parse(once.toString()))
                        .as("parsing the normalised form of \"%s\" again gives the same name (seed %d)", text, SEED)
                        .isEqualTo(once)
                        .hasToString(once.toString());
                assertThat(Hostname.isValid(text)).as("isValid(\"%s\") (seed %d)", text, SEED).isTrue();
            });
        }

        @Test
        @DisplayName("labels() joined with dots is toString(), and case never matters")
        void labelsAndCase() {
            qt(SEED).withShrinkCycles(SHRINKS).forAll(names).checkAssert(text -> {
                Hostname name = Hostname.parse(text);
                assertThat(String.join(".", name.labels()))
                        .as("the labels of \"%s\" joined with dots (seed %d)", text, SEED)
                        .isEqualTo(name.toString());
                assertThat(name.labels())
                        .as("\"%s\" has as many labels as dot-separated parts (seed %d)", text, SEED)
                        .hasSize(countLabels(text));
                assertThat(Hostname.parse(text.toUpperCase(Locale.ROOT)))
                        .as("\"%s\" in capitals is the same name (seed %d)", text, SEED)
                        .isEqualTo(name);
            });
        }

        private static int countLabels(String text) {
            String body = text.endsWith(".") ? text.substring(0, text.length() - 1) : text;
            return body.split("\\.", -1).length;
        }
    }

    /** A name of exactly {@code length} characters made of labels of at most 63 characters. */
    private static String longName(int length) {
        List<String> labels = new ArrayList<>();
        int left = length;
        while (left > 0) {
            int size = Math.min(63, left);
            if (left - size == 1) {
                size--; // never leave a single character for the dot alone
            }
            labels.add("x".repeat(size));
            left -= size + 1;
        }
        String name = String.join(".", labels);
        if (name.length() != length) {
            throw new IllegalStateException("test helper built " + name.length() + " characters, wanted " + length);
        }
        return name;
    }
}
