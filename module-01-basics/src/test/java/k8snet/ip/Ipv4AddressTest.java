package k8snet.ip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayName("An IPv4 address (exercise 1.1)")
class Ipv4AddressTest {

    @Nested
    @DisplayName("written in strict dotted-decimal")
    class Parsing {

        @ParameterizedTest(name = "\"{0}\" is the 32-bit number {2} (int {1})")
        @CsvSource(delimiter = '|', textBlock = """
                0.0.0.0         | 0           | 0
                0.0.0.1         | 1           | 1
                1.2.3.4         | 16909060    | 16909060
                10.244.1.5      | 183763205   | 183763205
                127.0.0.1       | 2130706433  | 2130706433
                127.255.255.255 | 2147483647  | 2147483647
                128.0.0.0       | -2147483648 | 2147483648
                192.168.0.10    | -1062731766 | 3232235530
                203.0.113.10    | -889163510  | 3405803786
                255.255.255.255 | -1          | 4294967295
                """)
        void hasTheValueOfItsFourOctets(String text, int asInt, long asLong) {
            Ipv4Address address = Ipv4Address.parse(text);
            assertThat(address.toLong())
                    .as("%s as an unsigned 32-bit number (first octet most significant)", text)
                    .isEqualTo(asLong);
            assertThat(address.toInt())
                    .as("%s as a Java int: the same 32 bits, negative from 128.0.0.0 up", text)
                    .isEqualTo(asInt);
            assertThat(address.toString())
                    .as("%s written back as dotted-decimal", text)
                    .isEqualTo(text);
        }

        @ParameterizedTest(name = "\"{0}\" is accepted")
        @CsvSource({"0.0.0.0", "10.0.0.1", "100.64.0.0", "172.16.254.1", "255.255.255.255", "9.99.199.249"})
        void isValidForStrictDottedDecimal(String text) {
            assertThat(Ipv4Address.isValid(text))
                    .as("\"%s\" is four decimal octets 0-255 without leading zeros, so it is a valid address", text)
                    .isTrue();
        }

        @ParameterizedTest(name = "\"{0}\" is rejected: {1}")
        @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
                ""                 | empty text
                " "                | blank text
                "1.2.3"            | three parts (inet_aton would guess, we refuse)
                "127.1"            | two parts (the old shorthand for 127.0.0.1)
                "4294967295"       | one 32-bit number instead of four octets
                "1.2.3.4.5"        | five parts
                "1..2.3"           | an empty part
                ".1.2.3"           | a leading dot
                "1.2.3.4."         | a trailing dot
                "256.0.0.0"        | first octet above 255
                "1.2.3.256"        | last octet above 255
                "1.2.3.999"        | last octet far above 255
                "1.2.3.1000"       | four digits in a part
                "1.2.3.9999999999" | ten digits in a part, more than a Java int holds
                "2147483648.0.0.1" | a part one above the largest Java int
                "01.2.3.4"         | leading zero: octal or decimal?
                "10.0.0.010"       | leading zero in the last part
                "1.2.3.00"         | a zero written twice
                "+1.2.3.4"         | a plus sign
                "1.2.-3.4"         | a minus sign
                "1.2.3.-0"         | a negative zero
                " 1.2.3.4"         | a leading space
                "1.2.3.4 "         | a trailing space
                "1.2. 3.4"         | a space inside
                "0x7f.0.0.1"       | hexadecimal notation
                "a.b.c.d"          | letters
                "1.2.3.٤"          | an Arabic-Indic digit four
                "１.2.3.4"         | a full-width digit one
                "10.0.0.0/8"       | a CIDR block, not an address
                "10.0.0.1:80"      | an address with a port
                "1,2,3,4"          | commas instead of dots
                """)
        void rejectsAnythingElseNamingTheInput(String text, String rule) {
            assertThatIllegalArgumentException()
                    .as("\"%s\" is not a strict dotted-decimal IPv4 address (%s): parse must reject it with an "
                            + "IllegalArgumentException whose message quotes the whole input", text, rule)
                    .isThrownBy(() -> Ipv4Address.parse(text))
                    .withMessageContaining(text);
            assertThat(Ipv4Address.isValid(text))
                    .as("isValid(\"%s\") must agree with parse, which rejects it (%s)", text, rule)
                    .isFalse();
        }

        @Test
        @DisplayName("null is rejected with an IllegalArgumentException, never a NullPointerException")
        void rejectsNull() {
            assertThatIllegalArgumentException()
                    .as("parse(null) names the problem instead of failing with a NullPointerException")
                    .isThrownBy(() -> Ipv4Address.parse(null))
                    .withMessageContaining("null");
            assertThat(Ipv4Address.isValid(null)).as("null is not a valid address").isFalse();
        }
    }

    @Nested
    @DisplayName("built from its parts")
    class Building {

        @Test
        @DisplayName("from four octets, most significant first")
        void fromOctets() {
            assertThat(Ipv4Address.of(10, 244, 1, 5))
                    .as("of(10, 244, 1, 5) is the pod address 10.244.1.5")
                    .isEqualTo(Ipv4Address.parse("10.244.1.5"));
            assertThat(Ipv4Address.of(255, 255, 255, 255)).hasToString("255.255.255.255");
            assertThat(Ipv4Address.of(0, 0, 0, 0)).hasToString("0.0.0.0");
            assertThat(Ipv4Address.of(1, 2, 3, 4).toInt()).as("1.2.3.4 is 0x01020304").isEqualTo(0x01020304);
        }

        @ParameterizedTest(name = "of({0}, {1}, {2}, {3}) is rejected: octet {4} is {5}, not 0-255")
        @CsvSource({
            "-1, 0, 0, 0, 1, -1",
            "256, 0, 0, 0, 1, 256",
            "10, 300, 0, 0, 2, 300",
            "10, 0, -7, 0, 3, -7",
            "10, 0, 0, 256, 4, 256",
            "10, 0, 0, -1, 4, -1",
        })
        void rejectsOctetsOutsideAByte(int a, int b, int c, int d, int position, int bad) {
            assertThatIllegalArgumentException()
                    .as("an octet holds 8 bits (0-255), so %d cannot be one; the message names the octet by its "
                            + "position from the left, 1 to 4 (here \"octet %d\"), and quotes %d", bad, position, bad)
                    .isThrownBy(() -> Ipv4Address.of(a, b, c, d))
                    .withMessageContaining(String.valueOf(bad))
                    .extracting(Throwable::getMessage, InstanceOfAssertFactories.STRING)
                    .containsIgnoringCase("octet " + position);
        }

        @Test
        @DisplayName("from any int: every 32-bit pattern is an address")
        void fromAnyInt() {
            assertThat(Ipv4Address.fromInt(0x0AF40105)).hasToString("10.244.1.5");
            assertThat(Ipv4Address.fromInt(-1))
                    .as("the int -1 has all 32 bits set: 255.255.255.255")
                    .hasToString("255.255.255.255");
            assertThat(Ipv4Address.fromInt(Integer.MIN_VALUE))
                    .as("only the top bit set is 128.0.0.0")
                    .hasToString("128.0.0.0");
            assertThat(Ipv4Address.fromInt(0)).hasToString("0.0.0.0");
        }

        @ParameterizedTest(name = "fromLong({0}) is {1}")
        @CsvSource({
            "0, 0.0.0.0",
            "2130706433, 127.0.0.1",
            "2147483648, 128.0.0.0",
            "3232235530, 192.168.0.10",
            "4294967295, 255.255.255.255",
        })
        void fromUnsignedLong(long value, String text) {
            assertThat(Ipv4Address.fromLong(value))
                    .as("the unsigned 32-bit value %d", value)
                    .hasToString(text);
        }

        @ParameterizedTest(name = "fromLong({0}) is rejected")
        @CsvSource({"-1", "4294967296", "-9223372036854775808", "9223372036854775807", "1099511627776"})
        void rejectsLongsOutside32Bits(long value) {
            assertThatIllegalArgumentException()
                    .as("%d does not fit in 32 unsigned bits (0 to 4294967295), so it is no IPv4 address", value)
                    .isThrownBy(() -> Ipv4Address.fromLong(value))
                    .withMessageContaining(String.valueOf(value));
        }

        @Test
        @DisplayName("the constants are 0.0.0.0, 127.0.0.1 and 255.255.255.255")
        void constants() {
            assertThat(Ipv4Address.ANY).as("ANY, the unspecified address").hasToString("0.0.0.0");
            assertThat(Ipv4Address.LOCALHOST).as("LOCALHOST, the loopback address").hasToString("127.0.0.1");
            assertThat(Ipv4Address.BROADCAST).as("BROADCAST, the limited broadcast address")
                    .hasToString("255.255.255.255");
            assertThat(Ipv4Address.parse("127.0.0.1")).isEqualTo(Ipv4Address.LOCALHOST);
        }
    }

    @Nested
    @DisplayName("split into octets")
    class Octets {

        @ParameterizedTest(name = "{0} has octets {1}, {2}, {3}, {4}")
        @CsvSource({
            "10.244.1.5, 10, 244, 1, 5",
            "192.168.0.10, 192, 168, 0, 10",
            "255.0.255.1, 255, 0, 255, 1",
            "1.128.254.127, 1, 128, 254, 127",
        })
        void countsFromTheLeft(String text, int a, int b, int c, int d) {
            Ipv4Address address = Ipv4Address.parse(text);
            assertThat(List.of(address.octet(0), address.octet(1), address.octet(2), address.octet(3)))
                    .as("octets of %s, counting from the left, each 0-255 even when the int is negative", text)
                    .containsExactly(a, b, c, d);
        }

        @ParameterizedTest(name = "octet({0}) is rejected")
        @CsvSource({"-1", "4", "32"})
        void rejectsAnIndexOutside0To3(int index) {
            Ipv4Address address = Ipv4Address.parse("10.0.0.1");
            assertThatIllegalArgumentException()
                    .as("an IPv4 address has octets 0 to 3 only, so octet(%d) does not exist", index)
                    .isThrownBy(() -> address.octet(index))
                    .withMessageContaining(String.valueOf(index));
        }
    }

    @Nested
    @DisplayName("stepped to its neighbours")
    class Neighbours {

        @ParameterizedTest(name = "{0} is followed by {1}")
        @CsvSource({
            "10.0.0.1, 10.0.0.2, the last octet counts up",
            "10.0.0.255, 10.0.1.0, the last octet carries into the third",
            "10.0.255.255, 10.1.0.0, two octets carry",
            "9.255.255.255, 10.0.0.0, three octets carry",
            "127.255.255.255, 128.0.0.0, the int changes sign here but the address just counts on",
            "0.0.0.0, 0.0.0.1, the first address has a next one",
            "255.255.255.254, 255.255.255.255, the last address is reachable",
        })
        void nextAndPreviousAreInverse(String lower, String upper, String why) {
            assertThat(Ipv4Address.parse(lower).next())
                    .as("expected %s to be followed by %s (%s)", lower, upper, why)
                    .hasToString(upper);
            assertThat(Ipv4Address.parse(upper).previous())
                    .as("expected %s to come right after %s, so previous() goes back to it (%s)", upper, lower, why)
                    .hasToString(lower);
        }

        @Test
        @DisplayName("255.255.255.255 has no next address and 0.0.0.0 no previous one")
        void theEndsOfTheAddressSpace() {
            Ipv4Address last = Ipv4Address.parse("255.255.255.255");
            Ipv4Address first = Ipv4Address.parse("0.0.0.0");
            assertThatIllegalStateException()
                    .as("the 32-bit address space ends at 255.255.255.255: next() must not wrap to 0.0.0.0")
                    .isThrownBy(last::next);
            assertThatIllegalStateException()
                    .as("the address space starts at 0.0.0.0: previous() must not wrap to 255.255.255.255")
                    .isThrownBy(first::previous);
        }
    }

    @Nested
    @DisplayName("classified")
    class Classification {

        @ParameterizedTest(name = "{0} is loopback: {1}")
        @CsvSource({
            "127.0.0.1, true",
            "127.0.0.0, true",
            "127.255.255.255, true",
            "127.10.20.30, true",
            "126.255.255.255, false",
            "128.0.0.0, false",
            "0.0.0.0, false",
            "10.0.0.1, false",
            "1.127.0.1, false",
            "255.127.0.1, false",
            "255.255.255.255, false",
        })
        void loopbackIsThe127Block(String text, boolean loopback) {
            assertThat(Ipv4Address.parse(text).isLoopback())
                    .as("%s %s in 127.0.0.0/8, the block that never leaves the host", text,
                            loopback ? "is" : "is not")
                    .isEqualTo(loopback);
        }

        @ParameterizedTest(name = "{0} is unspecified: {1}")
        @CsvSource({
            "0.0.0.0, true",
            "0.0.0.1, false",
            "1.0.0.0, false",
            "128.0.0.0, false",
            "255.255.255.255, false",
        })
        void onlyZeroIsUnspecified(String text, boolean unspecified) {
            assertThat(Ipv4Address.parse(text).isUnspecified())
                    .as("only 0.0.0.0 is the unspecified (\"any\") address; %s %s", text,
                            unspecified ? "is it" : "is not")
                    .isEqualTo(unspecified);
        }
    }

    @Nested
    @DisplayName("compared with another")
    class Equality {

        @Test
        @DisplayName("equal to the same address however it was made, with the same hash code")
        void equalWhateverTheFactory() {
            Ipv4Address parsed = Ipv4Address.parse("10.244.1.5");
            for (Ipv4Address same : List.of(Ipv4Address.of(10, 244, 1, 5), Ipv4Address.fromInt(0x0AF40105),
                    Ipv4Address.fromLong(183_763_205L))) {
                assertThat(parsed).as("10.244.1.5 parsed and 10.244.1.5 built as %s are one address", same)
                        .isEqualTo(same);
                assertThat(parsed.hashCode())
                        .as("equal addresses must have equal hash codes, or a HashMap loses them")
                        .isEqualTo(same.hashCode());
            }
            assertThat(Ipv4Address.fromInt(-1)).as("the bits -1 are 255.255.255.255, the broadcast address")
                    .isEqualTo(Ipv4Address.BROADCAST).hasSameHashCodeAs(Ipv4Address.BROADCAST);
        }

        @ParameterizedTest(name = "10.244.1.5 is not {0}")
        @CsvSource({
            "10.244.1.4, one below",
            "10.244.1.6, one above",
            "11.244.1.5, the first octet differs",
            "10.245.1.5, the second octet differs",
            "10.244.2.5, the third octet differs",
            "138.244.1.5, only the top bit differs",
        })
        void differentAddressesDiffer(String other, String why) {
            assertThat(Ipv4Address.parse("10.244.1.5"))
                    .as("10.244.1.5 and %s are different addresses (%s)", other, why)
                    .isNotEqualTo(Ipv4Address.parse(other));
        }

        @Test
        @DisplayName("never equal to its text, to null or to another kind of object")
        void notEqualToOtherTypes() {
            Ipv4Address address = Ipv4Address.parse("10.0.0.1");
            assertThat(address.equals("10.0.0.1")).as("an address is not equal to the String \"10.0.0.1\"").isFalse();
            assertThat(address.equals(null)).as("an address is never equal to null").isFalse();
            assertThat(address.equals(0x0A000001)).as("an address is not equal to the Integer of its bits").isFalse();
        }
    }

    @Nested
    @DisplayName("ordered by its unsigned value")
    class Ordering {

        @ParameterizedTest(name = "{0} < {1}")
        @CsvSource({
            "127.255.255.255, 128.0.0.0, a signed int comparison would put 128.0.0.0 first",
            "9.255.255.255, 10.0.0.0, compare numbers not text",
            "10.0.0.1, 10.0.0.2, the last octet decides",
            "10.0.0.255, 10.0.1.0, a higher octet outweighs a lower one",
            "0.0.0.0, 255.255.255.255, the whole range",
            "127.0.0.1, 192.168.0.1, a private address above loopback",
            "1.0.0.0, 255.0.0.0, the first octet decides",
        })
        void comparesAsUnsignedNumbers(String lower, String upper, String why) {
            Ipv4Address low = Ipv4Address.parse(lower);
            Ipv4Address high = Ipv4Address.parse(upper);
            assertThat(low.compareTo(high)).as("expected %s to sort before %s (%s)", lower, upper, why).isNegative();
            assertThat(high.compareTo(low)).as("expected %s to sort after %s (%s)", upper, lower, why).isPositive();
        }

        @Test
        @DisplayName("refuses to compare with null")
        void refusesNull() {
            assertThatIllegalArgumentException().as("10.0.0.1 compared with null")
                    .isThrownBy(() -> Ipv4Address.parse("10.0.0.1").compareTo(null))
                    .withMessageContaining("null");
        }

        @Test
        @DisplayName("equal addresses compare as zero")
        void equalAddresses() {
            assertThat(Ipv4Address.parse("192.168.0.1").compareTo(Ipv4Address.of(192, 168, 0, 1)))
                    .as("192.168.0.1 compared with itself")
                    .isZero();
            assertThat(Ipv4Address.parse("255.255.255.255").compareTo(Ipv4Address.fromInt(-1))).isZero();
        }

        @Test
        @DisplayName("a list of addresses sorts the way a routing table lists them")
        void sorting() {
            List<Ipv4Address> addresses = new ArrayList<>();
            for (String text : List.of("192.168.0.1", "10.0.0.1", "255.255.255.255", "128.0.0.1", "0.0.0.0",
                    "127.0.0.1", "10.0.0.0")) {
                addresses.add(Ipv4Address.parse(text));
            }
            Collections.sort(addresses);
            assertThat(addresses).map(Ipv4Address::toString)
                    .as("addresses in ascending unsigned order")
                    .containsExactly("0.0.0.0", "10.0.0.0", "10.0.0.1", "127.0.0.1", "128.0.0.1", "192.168.0.1",
                            "255.255.255.255");
        }
    }
}
