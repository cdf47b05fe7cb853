package k8snet.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static k8snet.testkit.Theories.named;
import static k8snet.testkit.Theories.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.quicktheories.generators.Generate;

@DisplayName("Exercise 1.3: a port number")
class PortTest {

    private static final long SEED = 0x1_3000_0001L;

    /** Every valid port number, described as one. */
    private static final org.quicktheories.core.Gen<Integer> PORTS = named("port number", integers().between(1, 65535));

    @Nested
    @DisplayName("made from a number")
    class FromNumber {

        @ParameterizedTest(name = "Port.of({0}) is port {0}")
        @CsvSource({"1", "21", "80", "1023", "1024", "8080", "49152", "65535"})
        void keepsEveryNumberFrom1To65535(int number) {
            assertThat(Port.of(number).number())
                    .as("port %d is a valid 16-bit port number and should keep its value", number)
                    .isEqualTo(number);
        }

        @ParameterizedTest(name = "Port.of({0}) is rejected: {1}")
        @CsvSource(delimiter = '|', textBlock = """
            0           | port 0 is reserved: binding to it asks the system for any free port, so nothing listens on 0
            -1          | a port number is never negative
            -80         | a port number is never negative, even with a familiar port's digits
            65536       | one above 65535, the highest number 16 bits hold
            70000       | above 65535, the highest number 16 bits hold
            2147483647  | Java's largest int, far above 65535
            -2147483648 | Java's smallest int, far below 1
            """)
        void rejectsNumbersOutside1To65535(int number, String why) {
            assertThatIllegalArgumentException()
                    .as("Port.of(%d) must be rejected (ports are 1-65535): %s", number, why)
                    .isThrownBy(() -> Port.of(number))
                    .withMessageContaining("1-65535")
                    .withMessageContaining(String.valueOf(number));
        }

        @Test
        @DisplayName("equals the constant with the same number")
        void equalsTheConstants() {
            assertThat(List.of(Port.of(21), Port.of(22), Port.of(25), Port.of(53), Port.of(80), Port.of(443)))
                    .as("Port.of(n) should equal the named constant for n")
                    .containsExactly(Port.FTP, Port.SSH, Port.SMTP, Port.DNS, Port.HTTP, Port.HTTPS);
        }

        @Test
        @DisplayName("keeps its number for every value in 1-65535 (property)")
        void roundTripsEveryValidNumber() {
            qt(SEED).forAll(PORTS).checkAssert(n -> {
                Port port = Port.of(n);
                assertThat(port.number()).as("Port.of(%d).number()", n).isEqualTo(n);
                assertThat(port).as("two ports with number %d", n).isEqualTo(Port.of(n));
                assertThat(port.toString()).isEqualTo(String.valueOf(n));
            });
        }

        @Test
        @DisplayName("equals another port exactly when the numbers are equal, with the same hash code (property)")
        void equalExactlyWhenTheNumbersAre() {
            // the second number is the first or a close neighbour, so both sides of equals are tried
            qt(SEED).forAll(named("port number", integers().between(3, 65533)),
                            named("step", integers().between(-2, 2)))
                    .checkAssert((n, step) -> {
                assertThat(Port.of(n).equals(Port.of(n + step)))
                        .as("Port.of(%d) and Port.of(%d) %s", n, n + step,
                                step == 0 ? "are the same port" : "are different ports")
                        .isEqualTo(step == 0);
                assertThat(Port.parse(String.valueOf(n)).hashCode())
                        .as("Port.parse(\"%d\") equals Port.of(%d), so their hash codes must be equal too", n, n)
                        .isEqualTo(Port.of(n).hashCode());
            });
            assertThat(Port.of(80).equals("80")).as("a port is not equal to the String \"80\"").isFalse();
            assertThat(Port.of(80).equals(null)).as("a port is never equal to null").isFalse();
        }

        @Test
        @DisplayName("rejects every value outside 1-65535 (property)")
        void rejectsEveryNumberOutside() {
            qt(SEED).forAll(named("number", Generate.oneOf(
                            integers().between(Integer.MIN_VALUE, 0), integers().between(65536, Integer.MAX_VALUE))))
                    .checkAssert(n -> assertThatIllegalArgumentException()
                            .as("%d is not a port number (1-65535)", n)
                            .isThrownBy(() -> Port.of(n))
                            .withMessageContaining(String.valueOf(n)));
        }
    }

    @Nested
    @DisplayName("parsed from text")
    class Parsing {

        @ParameterizedTest(name = "\"{0}\" is port {1}")
        @CsvSource({
            "1,     1",
            "22,    22",
            "443,   443",
            "8080,  8080",
            "65535, 65535",
        })
        void acceptsPlainDecimalDigits(String text, int expected) {
            assertThat(Port.parse(text).number()).as("Port.parse(\"%s\")", text).isEqualTo(expected);
        }

        @ParameterizedTest(name = "\"{0}\" is rejected: {1}")
        @CsvSource(delimiter = '|', textBlock = """
            ''          | empty text
            0           | 0 is not a usable port
            65536       | one above the 16-bit range
            99999       | far above the range
            2147483648  | above Java's int range
            4294967376  | wraps to 80 if taken modulo 2^32
            '+80'       | a sign is not a digit
            '-1'        | a sign is not a digit
            ' 80'       | spaces are not digits
            '80 '       | spaces are not digits
            '8 0'       | spaces are not digits
            080         | a leading zero
            00          | a leading zero
            80a         | a letter
            0x50        | hexadecimal
            1e3         | scientific notation
            8_080       | an underscore
            80.0        | a decimal point
            '٨٠'        | Arabic-Indic digits are not ASCII digits
            '８０'       | full-width digits are not ASCII digits
            """)
        void rejectsAnythingButPlainDigits(String text, String why) {
            assertThatIllegalArgumentException()
                    .as("\"%s\" is not a port (%s)", text, why)
                    .isThrownBy(() -> Port.parse(text))
                    .withMessageContaining("\"" + text + "\"");
        }

        @Test
        @DisplayName("rejects null with an IllegalArgumentException, not a NullPointerException")
        void rejectsNull() {
            assertThatIllegalArgumentException().isThrownBy(() -> Port.parse(null)).withMessageContaining("null");
        }

        @Test
        @DisplayName("reads back what toString wrote, for every port (property)")
        void parsesItsOwnDecimalForm() {
            qt(SEED).forAll(PORTS).checkAssert(n -> assertThat(
                    Port.parse(String.valueOf(n)).number())
                    .as("Port.parse(\"%d\").number()", n)
                    .isEqualTo(n));
        }

        @Test
        @DisplayName("rejects every number above 65535, however long (property)")
        void rejectsLargeNumbers() {
            qt(SEED).forAll(named("number", Generate.longRange(65536, Long.MAX_VALUE))).checkAssert(n ->
                    assertThatIllegalArgumentException()
                            .as("%d is above the highest port 65535", n)
                            .isThrownBy(() -> Port.parse(String.valueOf(n)))
                            .withMessageContaining(String.valueOf(n)));
        }
    }

    @Nested
    @DisplayName("classified")
    class Classified {

        @ParameterizedTest(name = "port {0} well-known: {1}")
        @CsvSource({
            "1,     true",
            "22,    true",
            "80,    true",
            "1023,  true",
            "1024,  false",
            "8080,  false",
            "49152, false",
            "65535, false",
        })
        void systemPortsAreTheWellKnownOnes(int number, boolean wellKnown) {
            assertThat(Port.of(number).isWellKnown())
                    .as("RFC 6335: system (well-known) ports end at 1023, so port %d is %s", number,
                            wellKnown ? "one" : "not one")
                    .isEqualTo(wellKnown);
        }

        @Test
        @DisplayName("is well-known exactly up to 1023 (property)")
        void wellKnownBoundary() {
            qt(SEED).forAll(PORTS).checkAssert(n -> assertThat(
                    Port.of(n).isWellKnown())
                    .as("port %d is well-known iff it is at most 1023", n)
                    .isEqualTo(n <= 1023));
        }

        @ParameterizedTest(name = "port {0} is \"{1}\"")
        @CsvSource({
            "21,  ftp",
            "22,  ssh",
            "25,  smtp",
            "53,  domain",
            "80,  http",
            "443, https",
        })
        void namesTheIanaServices(int number, String service) {
            assertThat(Port.of(number).serviceName())
                    .as("the IANA registry names port %d \"%s\"", number, service)
                    .contains(service);
        }

        @ParameterizedTest(name = "port {0} has no name in the model")
        @CsvSource({"1", "20", "23", "24", "26", "52", "54", "79", "81", "442", "444", "8080", "8443", "65535"})
        void hasNoNameForOtherPorts(int number) {
            assertThat(Port.of(number).serviceName())
                    .as("the model names only ftp, ssh, smtp, domain, http and https; port %d has no name", number)
                    .isEmpty();
        }

        @Test
        @DisplayName("the constants carry their service names, DNS as \"domain\"")
        void constantsHaveNames() {
            assertThat(List.of(Port.FTP, Port.SSH, Port.SMTP, Port.DNS, Port.HTTP, Port.HTTPS))
                    .extracting(p -> p.serviceName().orElse("(none)"))
                    .containsExactly("ftp", "ssh", "smtp", "domain", "http", "https");
        }
    }

    @Nested
    @DisplayName("ordered")
    class Ordered {

        @Test
        @DisplayName("sorts by number, not by text")
        void sortsNumerically() {
            List<Port> ports = new ArrayList<>(List.of(Port.of(8080), Port.of(443), Port.of(80), Port.of(65535),
                    Port.of(1), Port.of(9)));
            ports.sort(null);
            assertThat(ports).as("ports sorted by number (as text, \"443\" < \"80\" would be wrong)")
                    .extracting(Port::number).containsExactly(1, 9, 80, 443, 8080, 65535);
            assertThat(Port.of(8080).compareTo(Port.of(8080))).as("a port compared with an equal port").isZero();
        }

        @Test
        @DisplayName("refuses to compare with null")
        void refusesNull() {
            assertThatIllegalArgumentException().as("Port.of(80).compareTo(null)")
                    .isThrownBy(() -> Port.of(80).compareTo(null))
                    .withMessageContaining("null");
        }

        @Test
        @DisplayName("compares like its numbers (property)")
        void comparesLikeNumbers() {
            qt(SEED).forAll(named("a", integers().between(1, 65535)), named("b", integers().between(1, 65535)))
                    .checkAssert((a, b) -> assertThat(Integer.signum(Port.of(a).compareTo(Port.of(b))))
                            .as("sign of Port.of(%d).compareTo(Port.of(%d))", a, b)
                            .isEqualTo(Integer.signum(Integer.compare(a, b))));
        }
    }
}
