package k8snet.ipam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNoException;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import k8snet.ip.Ipv4Address;

@DisplayName("A CIDR block (exercise 2.1)")
class CidrTest {

    private static Ipv4Address ip(String text) {
        return Ipv4Address.parse(text);
    }

    private static Cidr cidr(String text) {
        return Cidr.parse(text);
    }

    /** "1 address", "256 addresses": a count with its noun, for descriptions. */
    private static String count(long n, String one, String many) {
        return n + " " + (n == 1 ? one : many);
    }

    /** A table's yes-or-no column, written as words so that the test's name reads as a sentence. */
    private static boolean yesOrNo(String word, String yes, String no) {
        if (word.equals(yes)) {
            return true;
        }
        if (word.equals(no)) {
            return false;
        }
        throw new IllegalArgumentException("A row must say \"" + yes + "\" or \"" + no + "\", not \"" + word + "\"");
    }

    @Nested
    @DisplayName("written as A.B.C.D/N")
    class Parsing {

        @ParameterizedTest(name = "\"{0}\" is the block from {1} with prefix /{2}, size {3}")
        @CsvSource(delimiter = '|', textBlock = """
                10.244.0.0/16      | 10.244.0.0      | 16 | 65536
                10.244.1.0/24      | 10.244.1.0      | 24 | 256
                10.244.255.0/24    | 10.244.255.0    | 24 | 256
                10.0.0.0/8         | 10.0.0.0        | 8  | 16777216
                172.16.0.0/12      | 172.16.0.0      | 12 | 1048576
                0.0.0.0/0          | 0.0.0.0         | 0  | 4294967296
                128.0.0.0/1        | 128.0.0.0       | 1  | 2147483648
                192.168.1.4/30     | 192.168.1.4     | 30 | 4
                192.168.1.6/31     | 192.168.1.6     | 31 | 2
                10.0.0.1/32        | 10.0.0.1        | 32 | 1
                255.255.255.255/32 | 255.255.255.255 | 32 | 1
                0.0.0.0/32         | 0.0.0.0         | 32 | 1
                10.244.1.128/25    | 10.244.1.128    | 25 | 128
                """)
        void hasItsNetworkAddressAndPrefix(String text, String network, int prefix, long size) {
            Cidr block = Cidr.parse(text);
            assertThat(block.network()).as("the network address of %s", text).isEqualTo(ip(network));
            assertThat(block.prefixLength()).as("the prefix length of %s", text).isEqualTo(prefix);
            assertThat(block.size())
                    .as("the size of %s: 2^(32-%d) addresses, counted as a long so that a /0 fits", text, prefix)
                    .isEqualTo(size);
            assertThat(block.toString()).as("%s written back in its text form", text).isEqualTo(text);
            assertThat(Cidr.isValid(text)).as("isValid(\"%s\") must agree with parse, which accepts it", text)
                    .isTrue();
        }

        @ParameterizedTest(name = "\"{0}\" is rejected: {1}")
        @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
                "10.244.1.7/24"     | host bits set: 10.244.1.7 is a host in 10.244.1.0/24, not the block
                "10.244.1.0/23"     | host bits set: a /23 starts on an even third octet
                "10.0.0.64/25"      | host bits set: a /25 starts at .0 or .128
                "10.0.0.1/31"       | host bits set: a /31 starts on an even address
                "0.0.0.1/0"         | host bits set: only 0.0.0.0 starts a /0 (every bit is a host bit)
                "128.0.0.0/0"       | host bits set: the top bit is a host bit of a /0
                "255.255.255.255/0" | host bits set in every position of a /0
                "10.0.0.0/33"       | a prefix above 32
                "10.0.0.0/99"       | a prefix far above 32
                "10.0.0.0/100"      | three digits
                "10.0.0.0/-1"       | a negative prefix
                "10.0.0.0/+8"       | a plus sign
                "10.0.0.0/08"       | leading zero: as ambiguous as the octet 08
                "10.0.0.0/00"       | a zero written twice
                "0.0.0.0/00"        | a zero written twice, on the one block /0 allows
                "10.0.0.0/008"      | two leading zeros
                "10.0.0.0/0x8"      | hexadecimal notation
                "10.0.0.0/٨"        | an Arabic-Indic digit eight
                "10.0.0.0/８"       | a full-width digit eight
                "10.0.0.0"          | missing slash: an address, not a block
                "10.0.0.0 8"        | a space instead of the slash
                "10.0.0.0/8/8"      | two slashes
                "10.0.0.0//8"       | two slashes in a row
                "10.0.0.0/"         | no prefix after the slash
                "10.0.0.0/24/"      | a second slash at the end
                "/8"                | no address before the slash
                "/"                 | a slash alone
                ""                  | empty text
                " "                 | blank text
                "10.0.0/8"          | three octets (inet_aton would guess, we refuse)
                "256.0.0.0/8"       | an octet above 255
                "010.0.0.0/8"       | a leading-zero octet
                "a.b.c.d/8"         | letters
                " 10.0.0.0/8"       | a leading space
                "10.0.0.0/8 "       | a trailing space
                "10.0.0.0/ 8"       | a space after the slash
                "10.0.0.0 /8"       | a space before the slash
                "10.0.0.0\\8"       | a backslash instead of a slash
                "10.0.0.0/8.0"      | a fraction
                """)
        void rejectsAnythingElseQuotingTheInput(String text, String rule) {
            assertThatIllegalArgumentException()
                    .as("\"%s\" is not a CIDR block (%s); the message must quote the input", text, rule)
                    .isThrownBy(() -> Cidr.parse(text))
                    .withMessageContaining(text);
            assertThat(Cidr.isValid(text))
                    .as("isValid(\"%s\") must agree with parse, which rejects it (%s)", text, rule)
                    .isFalse();
        }

        @Test
        @DisplayName("null is rejected with an IllegalArgumentException, never a NullPointerException")
        void rejectsNull() {
            assertThatIllegalArgumentException()
                    .as("parse(null) names the problem instead of failing with a NullPointerException")
                    .isThrownBy(() -> Cidr.parse(null))
                    .withMessageContaining("null");
            assertThat(Cidr.isValid(null)).as("null is not a valid CIDR block").isFalse();
        }
    }

    @Nested
    @DisplayName("built from its parts")
    class Building {

        @Test
        @DisplayName("of(network, prefix) is the same block as its text form")
        void ofNetworkAndPrefix() {
            assertThat(Cidr.of(ip("10.244.1.0"), 24))
                    .as("of(10.244.1.0, 24) is the node block 10.244.1.0/24")
                    .isEqualTo(cidr("10.244.1.0/24"))
                    .hasToString("10.244.1.0/24");
            assertThat(Cidr.of(ip("0.0.0.0"), 0)).as("of(0.0.0.0, 0), the default route's block")
                    .isEqualTo(cidr("0.0.0.0/0"));
            assertThat(Cidr.of(ip("255.255.255.255"), 32)).as("of(255.255.255.255, 32), a host route")
                    .hasToString("255.255.255.255/32");
            assertThat(Cidr.of(ip("128.0.0.0"), 1).prefixLength()).isEqualTo(1);
        }

        @ParameterizedTest(name = "of({0}, {1}) is rejected: host bits set")
        @CsvSource({
            "10.244.1.7, 24",
            "10.244.1.0, 23",
            "0.0.0.1, 0",
            "128.0.0.0, 0",
            "255.255.255.255, 31",
            "192.168.1.129, 25",
        })
        void ofRejectsHostBits(String network, int prefix) {
            assertThatIllegalArgumentException()
                    .as("%s has host bits set for a /%d, so it is not a network address; Cidr.containing says "
                            + "so on purpose when the block around a host is meant", network, prefix)
                    .isThrownBy(() -> Cidr.of(ip(network), prefix))
                    .withMessageContaining(network);
        }

        @ParameterizedTest(name = "of(10.0.0.0, {0}) and containing(10.0.0.0, {0}) are rejected")
        @CsvSource({"33", "-1", "64", "-32"})
        void rejectsPrefixesOutside0To32(int prefix) {
            assertThatIllegalArgumentException()
                    .as("an IPv4 prefix length is 0 to 32, so /%d does not exist", prefix)
                    .isThrownBy(() -> Cidr.of(ip("10.0.0.0"), prefix))
                    .withMessageContaining(String.valueOf(prefix));
            assertThatIllegalArgumentException()
                    .as("containing(10.0.0.0, %d): an IPv4 prefix length is 0 to 32", prefix)
                    .isThrownBy(() -> Cidr.containing(ip("10.0.0.0"), prefix))
                    .withMessageContaining(String.valueOf(prefix));
        }

        @Test
        @DisplayName("null addresses are rejected with an IllegalArgumentException")
        void rejectsNullAddresses() {
            assertThatIllegalArgumentException().as("of(null, 24)")
                    .isThrownBy(() -> Cidr.of(null, 24)).withMessageContaining("null");
            assertThatIllegalArgumentException().as("containing(null, 24)")
                    .isThrownBy(() -> Cidr.containing(null, 24)).withMessageContaining("null");
        }

        @ParameterizedTest(name = "containing({0}, {1}) is {2}")
        @CsvSource({
            "10.244.1.7, 24, 10.244.1.0/24",
            "10.244.1.7, 32, 10.244.1.7/32",
            "10.244.1.7, 23, 10.244.0.0/23",
            "10.244.1.7, 16, 10.244.0.0/16",
            "10.244.1.7, 0, 0.0.0.0/0",
            "10.244.1.0, 24, 10.244.1.0/24",
            "192.168.1.255, 25, 192.168.1.128/25",
            "203.0.113.77, 26, 203.0.113.64/26",
            "255.255.255.255, 1, 128.0.0.0/1",
            "255.255.255.255, 31, 255.255.255.254/31",
            "255.255.255.255, 0, 0.0.0.0/0",
            "127.255.255.255, 1, 0.0.0.0/1",
        })
        void containingClearsTheHostBits(String address, int prefix, String expected) {
            assertThat(Cidr.containing(ip(address), prefix))
                    .as("the /%d around %s keeps the first %d bits and clears the rest", prefix, address, prefix)
                    .hasToString(expected);
        }
    }

    @Nested
    @DisplayName("measured")
    class Measuring {

        @ParameterizedTest(name = "{0}: mask {1}, size {2}, broadcast {3}, usable {4} to {5}")
        @CsvSource(delimiter = '|', textBlock = """
                10.244.0.0/16      | 255.255.0.0     | 65536      | 10.244.255.255  | 10.244.0.1      | 10.244.255.254
                10.244.1.0/24      | 255.255.255.0   | 256        | 10.244.1.255    | 10.244.1.1      | 10.244.1.254
                10.244.1.128/25    | 255.255.255.128 | 128        | 10.244.1.255    | 10.244.1.129    | 10.244.1.254
                10.0.0.0/8         | 255.0.0.0       | 16777216   | 10.255.255.255  | 10.0.0.1        | 10.255.255.254
                172.16.0.0/12      | 255.240.0.0     | 1048576    | 172.31.255.255  | 172.16.0.1      | 172.31.255.254
                0.0.0.0/0          | 0.0.0.0         | 4294967296 | 255.255.255.255 | 0.0.0.1         | 255.255.255.254
                0.0.0.0/1          | 128.0.0.0       | 2147483648 | 127.255.255.255 | 0.0.0.1         | 127.255.255.254
                128.0.0.0/1        | 128.0.0.0       | 2147483648 | 255.255.255.255 | 128.0.0.1       | 255.255.255.254
                255.255.255.0/24   | 255.255.255.0   | 256        | 255.255.255.255 | 255.255.255.1   | 255.255.255.254
                192.168.1.4/30     | 255.255.255.252 | 4          | 192.168.1.7     | 192.168.1.5     | 192.168.1.6
                192.168.1.6/31     | 255.255.255.254 | 2          | 192.168.1.7     | 192.168.1.6     | 192.168.1.7
                255.255.255.254/31 | 255.255.255.254 | 2          | 255.255.255.255 | 255.255.255.254 | 255.255.255.255
                192.168.1.7/32     | 255.255.255.255 | 1          | 192.168.1.7     | 192.168.1.7     | 192.168.1.7
                0.0.0.0/32         | 255.255.255.255 | 1          | 0.0.0.0         | 0.0.0.0         | 0.0.0.0
                """)
        void hasItsMaskSizeAndEnds(String text, String netmask, long size, String broadcast, String first,
                String last) {
            Cidr block = cidr(text);
            assertThat(block.netmask())
                    .as("the netmask of %s is %d one bits then zeros (a /0 has no one bits at all: in Java "
                            + "-1 << 32 is still -1, the shift count wraps)", text, block.prefixLength())
                    .isEqualTo(ip(netmask));
            assertThat(block.size()).as("%s holds 2^(32-prefix) addresses", text).isEqualTo(size);
            assertThat(block.broadcast()).as("the broadcast address (the last one) of %s", text)
                    .isEqualTo(ip(broadcast));
            assertThat(block.firstUsable())
                    .as("the first usable address of %s: after the network address, except in a /31 or /32 "
                            + "(RFC 3021), where every address is usable", text)
                    .isEqualTo(ip(first));
            assertThat(block.lastUsable())
                    .as("the last usable address of %s: before the broadcast address, except in a /31 or /32 "
                            + "(RFC 3021)", text)
                    .isEqualTo(ip(last));
        }

        @ParameterizedTest(name = "{0}.address({1}) is {2}")
        @CsvSource({
            "10.244.1.0/24, 0, 10.244.1.0",
            "10.244.1.0/24, 1, 10.244.1.1",
            "10.244.1.0/24, 2, 10.244.1.2",
            "10.244.1.0/24, 254, 10.244.1.254",
            "10.244.1.0/24, 255, 10.244.1.255",
            "10.244.0.0/16, 256, 10.244.1.0",
            "10.244.0.0/16, 65535, 10.244.255.255",
            "0.0.0.0/0, 4294967295, 255.255.255.255",
            "0.0.0.0/0, 2147483648, 128.0.0.0",
            "128.0.0.0/1, 2147483647, 255.255.255.255",
            "10.0.0.7/32, 0, 10.0.0.7",
        })
        void addressCountsFromTheNetworkAddress(String text, long offset, String expected) {
            assertThat(cidr(text).address(offset))
                    .as("the address %d places after the network address of %s", offset, text)
                    .isEqualTo(ip(expected));
        }

        @ParameterizedTest(name = "{0}.address({1}) is rejected")
        @CsvSource({
            "10.244.1.0/24, 256",
            "10.244.1.0/24, -1",
            "10.244.1.0/24, 65536",
            "0.0.0.0/0, 4294967296",
            "0.0.0.0/0, -1",
            "10.0.0.7/32, 1",
            "128.0.0.0/1, 2147483648",
        })
        void addressRejectsOffsetsOutsideTheBlock(String text, long offset) {
            assertThatIllegalArgumentException()
                    .as("%s holds %s, offsets 0 to size-1, so offset %d lies outside it", text,
                            count(cidr(text).size(), "address", "addresses"), offset)
                    .isThrownBy(() -> cidr(text).address(offset))
                    .withMessageContaining(String.valueOf(offset));
        }
    }

    @Nested
    @DisplayName("contains addresses and blocks")
    class Containment {

        @ParameterizedTest(name = "{0} {2} {1}")
        @CsvSource({
            "10.244.1.0/24, 10.244.1.0, contains",
            "10.244.1.0/24, 10.244.1.1, contains",
            "10.244.1.0/24, 10.244.1.128, contains",
            "10.244.1.0/24, 10.244.1.255, contains",
            "10.244.1.0/24, 10.244.0.255, does not contain",
            "10.244.1.0/24, 10.244.2.0, does not contain",
            "10.244.1.0/24, 10.245.1.7, does not contain",
            "10.0.0.0/8, 10.255.255.255, contains",
            "10.0.0.0/8, 11.0.0.0, does not contain",
            "10.0.0.0/8, 9.255.255.255, does not contain",
            "0.0.0.0/0, 0.0.0.0, contains",
            "0.0.0.0/0, 128.0.0.1, contains",
            "0.0.0.0/0, 255.255.255.255, contains",
            "128.0.0.0/1, 128.0.0.0, contains",
            "128.0.0.0/1, 255.255.255.255, contains",
            "128.0.0.0/1, 127.255.255.255, does not contain",
            "0.0.0.0/1, 127.255.255.255, contains",
            "0.0.0.0/1, 128.0.0.0, does not contain",
            "192.168.1.6/31, 192.168.1.6, contains",
            "192.168.1.6/31, 192.168.1.7, contains",
            "192.168.1.6/31, 192.168.1.5, does not contain",
            "192.168.1.6/31, 192.168.1.8, does not contain",
            "10.0.0.1/32, 10.0.0.1, contains",
            "10.0.0.1/32, 10.0.0.0, does not contain",
            "10.0.0.1/32, 10.0.0.2, does not contain",
            "255.255.255.0/24, 255.255.255.255, contains",
            "255.255.255.0/24, 255.255.254.255, does not contain",
        })
        void containsAddressesBetweenNetworkAndBroadcast(String block, String address, String verdict) {
            boolean expected = yesOrNo(verdict, "contains", "does not contain");
            assertThat(cidr(block).contains(ip(address)))
                    .as("%s %s inside %s (from its network address to its broadcast address)", address,
                            expected ? "lies" : "does not lie", block)
                    .isEqualTo(expected);
        }

        @ParameterizedTest(name = "{0} {2} the block {1}")
        @CsvSource({
            "10.244.0.0/16, 10.244.1.0/24, contains",
            "10.244.0.0/16, 10.244.0.0/16, contains",
            "10.244.0.0/16, 10.244.255.255/32, contains",
            "10.244.0.0/16, 10.245.0.0/24, does not contain",
            "10.244.1.0/24, 10.244.0.0/16, does not contain",
            "10.244.0.0/24, 10.244.0.0/16, does not contain",
            "10.244.0.0/24, 10.244.0.0/23, does not contain",
            "10.244.1.0/24, 10.244.1.0/25, contains",
            "10.244.1.0/24, 10.244.1.128/25, contains",
            "10.244.1.0/25, 10.244.1.128/25, does not contain",
            "10.244.1.128/25, 10.244.1.0/25, does not contain",
            "10.244.1.0/24, 10.244.1.255/32, contains",
            "10.244.1.0/24, 10.244.2.0/32, does not contain",
            "0.0.0.0/0, 255.255.255.255/32, contains",
            "0.0.0.0/0, 0.0.0.0/0, contains",
            "0.0.0.0/0, 128.0.0.0/1, contains",
            "10.0.0.0/8, 0.0.0.0/0, does not contain",
            "0.0.0.0/1, 0.0.0.0/0, does not contain",
            "128.0.0.0/1, 127.0.0.0/8, does not contain",
            "128.0.0.0/1, 192.168.0.0/16, contains",
            "10.0.0.1/32, 10.0.0.1/32, contains",
            "10.0.0.0/32, 10.0.0.0/31, does not contain",
        })
        void containsBlocksThatFitInside(String outer, String inner, String verdict) {
            boolean expected = yesOrNo(verdict, "contains", "does not contain");
            assertThat(cidr(outer).contains(cidr(inner)))
                    .as(expected ? "every address of %s lies inside %s, so %s contains it"
                            : "%s is not inside %s: some of its addresses lie outside %s (a block whose network"
                                    + " address is inside but whose prefix is shorter is larger, so it does not fit)",
                            inner, outer, outer)
                    .isEqualTo(expected);
        }

        @ParameterizedTest(name = "{0} and {1} {2}")
        @CsvSource({
            "10.244.0.0/16, 10.244.1.0/24, overlap",
            "10.244.1.0/24, 10.244.1.0/24, overlap",
            "10.244.1.0/24, 10.244.2.0/24, do not overlap",
            "10.244.1.0/25, 10.244.1.128/25, do not overlap",
            "10.244.0.0/24, 10.244.0.0/16, overlap",
            "0.0.0.0/0, 192.168.1.7/32, overlap",
            "0.0.0.0/1, 128.0.0.0/1, do not overlap",
            "127.0.0.0/8, 128.0.0.0/1, do not overlap",
            "10.0.0.0/8, 10.255.255.255/32, overlap",
            "10.0.0.0/8, 11.0.0.0/32, do not overlap",
            "10.0.0.0/8, 9.255.255.255/32, do not overlap",
        })
        void overlapsWhenTheyShareAnAddress(String a, String b, String verdict) {
            boolean expected = yesOrNo(verdict, "overlap", "do not overlap");
            assertThat(cidr(a).overlaps(cidr(b)))
                    .as("%s and %s %s an address", a, b, expected ? "share" : "do not share")
                    .isEqualTo(expected);
            assertThat(cidr(b).overlaps(cidr(a)))
                    .as("overlapping goes both ways: %s and %s %s an address", b, a,
                            expected ? "share" : "do not share")
                    .isEqualTo(expected);
        }

        @Test
        @DisplayName("refuses null with an IllegalArgumentException")
        void refusesNull() {
            Cidr block = cidr("10.244.0.0/16");
            assertThatIllegalArgumentException().as("10.244.0.0/16 contains (Ipv4Address) null")
                    .isThrownBy(() -> block.contains((Ipv4Address) null)).withMessageContaining("null");
            assertThatIllegalArgumentException().as("10.244.0.0/16 contains (Cidr) null")
                    .isThrownBy(() -> block.contains((Cidr) null)).withMessageContaining("null");
            assertThatIllegalArgumentException().as("10.244.0.0/16 overlaps null")
                    .isThrownBy(() -> block.overlaps(null)).withMessageContaining("null");
        }
    }

    @Nested
    @DisplayName("split into smaller blocks")
    class Splitting {

        @Test
        @DisplayName("10.244.0.0/16 splits into 256 node blocks, 10.244.0.0/24 to 10.244.255.0/24, in order")
        void theFlannelClusterCidr() {
            Cidr cluster = cidr("10.244.0.0/16");
            assertThat(cluster.subnetCount(24)).as("a /16 holds 2^(24-16) = 256 blocks of /24").isEqualTo(256);
            List<Cidr> blocks = cluster.split(24);
            assertThat(blocks).as("10.244.0.0/16 split into /24 node blocks").hasSize(256);
            assertThat(blocks.get(0)).as("the first node block starts at the cluster's network address")
                    .hasToString("10.244.0.0/24");
            assertThat(blocks.get(1)).as("the second node block").hasToString("10.244.1.0/24");
            assertThat(blocks.get(255)).as("the last node block ends at the cluster's broadcast address")
                    .hasToString("10.244.255.0/24");
            for (int i = 0; i < 256; i++) {
                assertThat(blocks.get(i)).as("block %d of the split, in address order", i)
                        .hasToString("10.244." + i + ".0/24");
                assertThat(cluster.subnet(24, i)).as("subnet(24, %d), the same block as the split's", i)
                        .hasToString("10.244." + i + ".0/24");
            }
        }

        @Test
        @DisplayName("a /24 splits into four /26 blocks, and a /0 into its two halves")
        void smallSplits() {
            assertThat(cidr("10.244.1.0/24").split(26))
                    .as("10.244.1.0/24 split into /26 blocks, in address order")
                    .map(Cidr::toString)
                    .containsExactly("10.244.1.0/26", "10.244.1.64/26", "10.244.1.128/26", "10.244.1.192/26");
            assertThat(cidr("0.0.0.0/0").split(1))
                    .as("the whole address space splits into 0.0.0.0/1 then 128.0.0.0/1 (unsigned order)")
                    .map(Cidr::toString).containsExactly("0.0.0.0/1", "128.0.0.0/1");
            assertThat(cidr("192.168.1.4/30").split(32))
                    .as("a /30 split into host routes")
                    .map(Cidr::toString)
                    .containsExactly("192.168.1.4/32", "192.168.1.5/32", "192.168.1.6/32", "192.168.1.7/32");
        }

        @ParameterizedTest(name = "{0}.split({1}) is the block alone")
        @CsvSource({"10.244.1.0/24, 24", "0.0.0.0/0, 0", "10.0.0.1/32, 32"})
        void splitIntoItsOwnPrefixIsItself(String text, int prefix) {
            assertThat(cidr(text).split(prefix)).as("%s split into blocks of its own size", text)
                    .map(Cidr::toString).containsExactly(text);
        }

        @Test
        @DisplayName("returns all 65,536 blocks of a /8 cut into /24s (the limit), and refuses a split into more")
        void splitListsAtMost65536Blocks() {
            List<List<Cidr>> result = new ArrayList<>();
            assertThatNoException()
                    .as("10.0.0.0/8.split(24) is 2^16 = 65,536 blocks of /24, exactly the limit: split must return"
                            + " them, not refuse")
                    .isThrownBy(() -> result.add(cidr("10.0.0.0/8").split(24)));
            List<Cidr> blocks = result.get(0);
            assertThat(blocks).as("10.0.0.0/8 into /24: 2^16 = 65,536 blocks, exactly the limit").hasSize(65_536);
            assertThat(blocks.get(65_535)).as("the last /24 of 10.0.0.0/8").hasToString("10.255.255.0/24");
            assertThatIllegalArgumentException()
                    .as("10.0.0.0/8 into /25 would be 131,072 blocks, more than one list may hold")
                    .isThrownBy(() -> cidr("10.0.0.0/8").split(25));
            assertThatIllegalArgumentException()
                    .as("0.0.0.0/0 into /32 would be 4,294,967,296 blocks (an int count overflows to 0 here)")
                    .isThrownBy(() -> cidr("0.0.0.0/0").split(32));
            assertThatIllegalArgumentException()
                    .as("0.0.0.0/0 into /17 would be 131,072 blocks")
                    .isThrownBy(() -> cidr("0.0.0.0/0").split(17));
        }

        @ParameterizedTest(name = "{0}.subnetCount({1}) is {2}")
        @CsvSource({
            "10.244.0.0/16, 24, 256",
            "10.244.0.0/16, 16, 1",
            "10.244.0.0/16, 17, 2",
            "10.244.0.0/16, 32, 65536",
            "10.0.0.0/8, 30, 4194304",
            "0.0.0.0/0, 1, 2",
            "0.0.0.0/0, 32, 4294967296",
            "10.0.0.1/32, 32, 1",
        })
        void subnetCountIsAPowerOfTwo(String text, int prefix, long count) {
            assertThat(cidr(text).subnetCount(prefix))
                    .as("%s holds 2^(%d-%d) blocks of /%d", text, prefix, cidr(text).prefixLength(), prefix)
                    .isEqualTo(count);
        }

        @ParameterizedTest(name = "{0}.subnet({1}, {2}) is {3}")
        @CsvSource({
            "10.244.0.0/16, 24, 0, 10.244.0.0/24",
            "10.244.0.0/16, 24, 1, 10.244.1.0/24",
            "10.244.0.0/16, 24, 255, 10.244.255.0/24",
            "10.244.0.0/16, 26, 5, 10.244.1.64/26",
            "10.244.0.0/16, 16, 0, 10.244.0.0/16",
            "10.0.0.0/8, 16, 244, 10.244.0.0/16",
            "0.0.0.0/0, 1, 1, 128.0.0.0/1",
            "0.0.0.0/0, 24, 8454145, 129.0.1.0/24",
            "0.0.0.0/0, 32, 4294967295, 255.255.255.255/32",
            "128.0.0.0/1, 2, 1, 192.0.0.0/2",
            "128.0.0.0/1, 32, 2147483647, 255.255.255.255/32",
        })
        void subnetCountsFromTheNetworkAddress(String text, int prefix, long index, String expected) {
            assertThat(cidr(text).subnet(prefix, index))
                    .as("block number %d (counting from 0) of /%d inside %s", index, prefix, text)
                    .hasToString(expected);
        }

        @ParameterizedTest(name = "{0}.subnet({1}, {2}) is rejected")
        @CsvSource({
            "10.244.0.0/16, 24, 256",
            "10.244.0.0/16, 24, -1",
            "10.244.0.0/16, 16, 1",
            "0.0.0.0/0, 32, 4294967296",
            "0.0.0.0/0, 1, 2",
        })
        void subnetRejectsIndexesOutsideTheCount(String text, int prefix, long index) {
            assertThatIllegalArgumentException()
                    .as("%s holds %s of /%d, numbered 0 to count-1, so there is no block %d", text,
                            count(cidr(text).subnetCount(prefix), "block", "blocks"), prefix, index)
                    .isThrownBy(() -> cidr(text).subnet(prefix, index))
                    .withMessageContaining(String.valueOf(index));
        }

        @ParameterizedTest(name = "{0} cannot be split into /{1}")
        @CsvSource({"10.244.0.0/16, 15", "10.244.0.0/16, 8", "10.244.0.0/16, 33", "10.244.0.0/16, -1",
            "0.0.0.0/0, 33", "10.0.0.1/32, 31"})
        void rejectsPrefixesShorterThanTheBlockOrAbove32(String text, int prefix) {
            Cidr block = cidr(text);
            String why = prefix > 32 ? "above 32" : "shorter than the block's own, so each part would be larger";
            assertThatIllegalArgumentException().as("subnetCount(%d) on %s: /%d is %s", prefix, text, prefix, why)
                    .isThrownBy(() -> block.subnetCount(prefix))
                    .withMessageContaining(String.valueOf(prefix));
            assertThatIllegalArgumentException().as("subnet(%d, 0) on %s: /%d is %s", prefix, text, prefix, why)
                    .isThrownBy(() -> block.subnet(prefix, 0));
            assertThatIllegalArgumentException().as("split(%d) on %s: /%d is %s", prefix, text, prefix, why)
                    .isThrownBy(() -> block.split(prefix));
        }
    }

    @Nested
    @DisplayName("ordered by network address, then prefix length")
    class Ordering {

        @ParameterizedTest(name = "{0} < {1}")
        @CsvSource({
            "10.0.0.0/8, 10.0.0.0/16, same network: the shorter prefix first",
            "0.0.0.0/0, 0.0.0.0/1, same network: the shorter prefix first",
            "10.0.0.0/16, 128.0.0.0/1, 128.0.0.0 is above 10.0.0.0 as an unsigned number",
            "127.255.255.255/32, 128.0.0.0/1, a signed int comparison would put 128.0.0.0 first",
            "10.0.0.0/8, 192.168.0.0/16, a signed int comparison would put 192.168.0.0 first",
            "128.0.0.0/1, 192.0.0.0/2, both above 2^31",
            "10.244.0.0/24, 10.244.1.0/24, neighbouring node blocks",
            "10.244.0.128/25, 10.244.1.0/24, the network address decides before the prefix length",
            "10.244.0.0/16, 10.244.1.0/24, a block before the blocks inside it that start later",
            "9.0.0.0/8, 10.0.0.0/8, compare numbers not text",
            "192.168.0.0/16, 255.255.255.255/32, the last address comes last",
        })
        void comparesNetworkThenPrefix(String lower, String upper, String why) {
            assertThat(cidr(lower).compareTo(cidr(upper)))
                    .as("expected %s to sort before %s (%s)", lower, upper, why).isNegative();
            assertThat(cidr(upper).compareTo(cidr(lower)))
                    .as("expected %s to sort after %s (%s)", upper, lower, why).isPositive();
        }

        @Test
        @DisplayName("a list of blocks sorts the way a routing table lists them")
        void sorting() {
            List<Cidr> blocks = new ArrayList<>();
            for (String text : List.of("192.168.0.0/16", "10.244.1.0/24", "128.0.0.0/1", "10.0.0.0/8",
                    "0.0.0.0/0", "10.244.0.0/16", "255.255.255.255/32", "10.0.0.0/16")) {
                blocks.add(cidr(text));
            }
            Collections.sort(blocks);
            assertThat(blocks).map(Cidr::toString)
                    .as("unsigned network address first, then the shorter prefix")
                    .containsExactly("0.0.0.0/0", "10.0.0.0/8", "10.0.0.0/16", "10.244.0.0/16", "10.244.1.0/24",
                            "128.0.0.0/1", "192.168.0.0/16", "255.255.255.255/32");
        }

        @Test
        @DisplayName("equal blocks compare as zero, and null is refused")
        void equalAndNull() {
            assertThat(cidr("10.244.1.0/24").compareTo(Cidr.of(ip("10.244.1.0"), 24)))
                    .as("10.244.1.0/24 compared with itself").isZero();
            assertThat(cidr("200.0.0.0/8").compareTo(Cidr.containing(ip("200.1.2.3"), 8)))
                    .as("200.0.0.0/8 compared with itself").isZero();
            assertThatIllegalArgumentException().as("10.244.1.0/24 compared with null")
                    .isThrownBy(() -> cidr("10.244.1.0/24").compareTo(null)).withMessageContaining("null");
        }
    }

    @Nested
    @DisplayName("is a value")
    class Equality {

        @Test
        @DisplayName("equal to every block with the same network address and prefix length")
        void equalByValue() {
            Cidr parsed = cidr("10.244.1.0/24");
            Cidr built = Cidr.of(ip("10.244.1.0"), 24);
            Cidr around = Cidr.containing(ip("10.244.1.77"), 24);
            assertThat(parsed).as("parse, of and containing give equal values").isEqualTo(built).isEqualTo(around);
            assertThat(parsed.hashCode()).as("equal blocks have equal hash codes")
                    .isEqualTo(built.hashCode()).isEqualTo(around.hashCode());
            assertThat(parsed).as("a block equals itself").isEqualTo(parsed);
            Set<Cidr> set = new HashSet<>(List.of(parsed, built, around, cidr("10.244.2.0/24")));
            assertThat(set).as("a set keeps one copy of 10.244.1.0/24").hasSize(2);
        }

        @Test
        @DisplayName("spreads its hash codes, so that a map of 256 node blocks is not one long chain")
        void hashCodesSpread() {
            Set<Integer> codes = new HashSet<>();
            for (Cidr block : cidr("10.244.0.0/16").split(24)) {
                codes.add(block.hashCode());
            }
            for (int prefix = 0; prefix <= 32; prefix++) {
                codes.add(Cidr.containing(ip("10.244.0.0"), prefix).hashCode());
            }
            assertThat(codes)
                    .as("hash codes of the 256 /24 blocks of 10.244.0.0/16 and the 33 blocks around 10.244.0.0: "
                            + "a constant hashCode is legal but turns every HashMap of routes into a list")
                    .hasSizeGreaterThan(200);
        }

        @Test
        @DisplayName("different from a block with another network address or prefix length")
        void differentValues() {
            assertThat(cidr("10.0.0.0/8")).as("the same network address, another prefix length")
                    .isNotEqualTo(cidr("10.0.0.0/16"));
            assertThat(cidr("10.244.1.0/24")).as("the same prefix length, another network address")
                    .isNotEqualTo(cidr("10.244.2.0/24"));
            assertThat(cidr("0.0.0.0/0")).as("the whole address space is not the host 0.0.0.0")
                    .isNotEqualTo(cidr("0.0.0.0/32"));
            assertThat(cidr("10.0.0.0/8")).as("a block is not its text").isNotEqualTo("10.0.0.0/8");
            assertThat(cidr("10.0.0.0/8").equals(null)).as("a block is not null").isFalse();
            assertThat(cidr("10.0.0.0/8")).as("a block is not its network address").isNotEqualTo(ip("10.0.0.0"));
        }
    }
}
