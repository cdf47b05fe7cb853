package k8snet.ipam;

import static org.assertj.core.api.Assertions.assertThat;
import static k8snet.testkit.Theories.named;
import static k8snet.testkit.Theories.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

import k8snet.ip.Ipv4Address;

/**
 * Laws of every CIDR block, checked against plain unsigned arithmetic on {@code long}s: a block of prefix
 * {@code p} around an address is the range from the address with its last {@code 32-p} bits cleared to the
 * same address with them set. QuickTheories replays from a fixed seed and prints the shrunk counterexample
 * with it ("Seed ..., fixed in the test").
 */
@DisplayName("Every CIDR block (exercise 2.1, properties)")
class CidrPropertiesTest {

    private static final long SEED = 0x2_1000_0001L;
    private static final int SHRINKS = 300;
    private static final int EXAMPLES = 500;

    /** Any 32-bit pattern: half of them are 128.0.0.0 or above, where a signed comparison goes wrong. */
    private static final Gen<Ipv4Address> ANYWHERE = integers().all().map(Ipv4Address::fromInt);

    /** Addresses in 10.244.0.0/22 and on both sides of it, so that generated blocks nest, touch and overlap. */
    private static final Gen<Ipv4Address> NEAR = longs().between(0x0AF4_0000L - 512, 0x0AF4_0400L + 512)
            .map(Ipv4Address::fromLong);

    /** Every prefix length, with the ends (0, 1, 31, 32) and the node sizes (16, 24) more likely. */
    private static final Gen<Integer> PREFIXES = integers().between(0, 32)
            .mix(Generate.pick(List.of(0, 1, 16, 24, 31, 32)), 30);

    private static final Gen<Integer> NEAR_PREFIXES = integers().between(20, 32);

    /**
     * A block as this test knows it: its first address and prefix length, worked out here with plain arithmetic
     * so that the expected values never come from the Cidr under test (its network() or broadcast() could lie).
     */
    private record Range(long first, int prefix) {

        static Range around(Ipv4Address address, int prefix) {
            return new Range(address.toLong() & mask(prefix), prefix);
        }

        long size() {
            return 1L << (32 - prefix);
        }

        long last() {
            return first + size() - 1;
        }

        /** The block under test, built by the student's {@code containing}. */
        Cidr cidr() {
            return Cidr.containing(Ipv4Address.fromLong(first), prefix);
        }

        /** "a.b.c.d/p", written here. */
        @Override
        public String toString() {
            return dotted(first) + "/" + prefix;
        }
    }

    private static final Gen<Range> BLOCKS = ANYWHERE.zip(PREFIXES, Range::around);

    private static final Gen<Range> NEAR_BLOCKS = NEAR.zip(NEAR_PREFIXES, Range::around)
            .mix(Generate.pick(List.of(new Range(0L, 0), new Range(0x0AF4_0000L, 16),
                    new Range(0x0AF4_0100L, 24), new Range(0x0A00_0000L, 8))), 10);

    /** 2^32 - 1 with the last {@code 32-p} bits cleared, as an unsigned number. */
    private static long mask(int prefix) {
        return (0xFFFF_FFFFL << (32 - prefix)) & 0xFFFF_FFFFL;
    }

    /** An unsigned 32-bit value in dotted decimal, written here rather than by the code under test. */
    private static String dotted(long value) {
        return (value >>> 24) + "." + (value >>> 16 & 0xFF) + "." + (value >>> 8 & 0xFF) + "." + (value & 0xFF);
    }

    @Nested
    @DisplayName("around an address")
    class AroundAnAddress {

        @Test
        @DisplayName("containing(a, p) is the range from a with its host bits cleared to a with them set")
        void containingIsTheUnsignedRange() {
            qt(SEED).withShrinkCycles(SHRINKS).withExamples(EXAMPLES)
                    .forAll(named("address", ANYWHERE), named("prefix length", PREFIXES)).checkAssert((address, prefix) -> {
                Cidr block = Cidr.containing(address, prefix);
                long start = address.toLong() & mask(prefix);
                long size = 1L << (32 - prefix);
                assertThat(block.prefixLength()).as("the prefix of the /%d around %s (seed %d)", prefix, address,
                        SEED).isEqualTo(prefix);
                assertThat(block.network().toLong())
                        .as("the network address of the /%d around %s: its host bits cleared (seed %d)", prefix,
                                address, SEED)
                        .isEqualTo(start);
                assertThat(block.size()).as("the size of %s (seed %d)", block, SEED).isEqualTo(size);
                assertThat(block.netmask().toLong()).as("the netmask of a /%d (seed %d)", prefix, SEED)
                        .isEqualTo(mask(prefix));
                assertThat(block.broadcast().toLong())
                        .as("the broadcast address of %s: network + size - 1 (seed %d)", block, SEED)
                        .isEqualTo(start + size - 1);
                assertThat(block.address(size - 1).toLong()).as("the last offset of %s (seed %d)", block, SEED)
                        .isEqualTo(start + size - 1);
                assertThat(block.address(0).toLong()).as("offset 0 of %s (seed %d)", block, SEED)
                        .isEqualTo(start);
                assertThat(block.contains(address)).as("%s contains %s, the address it was built around (seed %d)",
                        block, address, SEED).isTrue();
                long firstUsable = prefix >= 31 ? start : start + 1;
                long lastUsable = prefix >= 31 ? start + size - 1 : start + size - 2;
                assertThat(block.firstUsable().toLong())
                        .as("the first usable address of %s (RFC 3021 for /31 and /32) (seed %d)", block, SEED)
                        .isEqualTo(firstUsable);
                assertThat(block.lastUsable().toLong())
                        .as("the last usable address of %s (RFC 3021 for /31 and /32) (seed %d)", block, SEED)
                        .isEqualTo(lastUsable);
            });
        }

        @Test
        @DisplayName("\"a/p\" parses exactly when a has no host bits set for /p, and round-trips")
        void textRoundTrip() {
            qt(SEED).withShrinkCycles(SHRINKS).withExamples(EXAMPLES)
                    .forAll(named("address", ANYWHERE), named("prefix length", PREFIXES)).checkAssert((address, prefix) -> {
                Cidr block = Cidr.containing(address, prefix);
                String text = address + "/" + prefix;
                boolean networkAddress = (address.toLong() & ~mask(prefix) & 0xFFFF_FFFFL) == 0;
                assertThat(Cidr.isValid(text))
                        .as("\"%s\" is %s (seed %d)", text, networkAddress ? "a block" : "rejected: host bits set",
                                SEED)
                        .isEqualTo(networkAddress);
                String expected = dotted(address.toLong() & mask(prefix)) + "/" + prefix;
                assertThat(block.toString()).as("the text form of the /%d around %s (seed %d)", prefix, address,
                        SEED).isEqualTo(expected);
                assertThat(Cidr.parse(expected).toString()).as("parse(\"%s\") written back (seed %d)", expected,
                        SEED).isEqualTo(expected);
                assertThat(Cidr.parse(expected)).as("parse(\"%s\") and the /%d around %s are one block (seed %d)",
                        expected, prefix, address, SEED).isEqualTo(block);
                assertThat(Cidr.parse(expected).hashCode())
                        .as("parse(\"%s\") equals the /%d around %s, so their hash codes must be equal (seed %d)",
                                expected, prefix, address, SEED)
                        .isEqualTo(block.hashCode());
                Ipv4Address network = Ipv4Address.fromLong(address.toLong() & mask(prefix));
                assertThat(Cidr.of(network, prefix).toString()).as("of(%s, %d) (seed %d)", network, prefix, SEED)
                        .isEqualTo(expected);
            });
        }

        @Test
        @DisplayName("contains(address) agrees with network <= address <= broadcast, unsigned")
        void containsAgreesWithTheRange() {
            qt(SEED).withShrinkCycles(SHRINKS).withExamples(EXAMPLES)
                    .forAll(named("block", NEAR_BLOCKS.mix(BLOCKS, 50)), named("address", NEAR.mix(ANYWHERE, 30))).checkAssert((range, address) -> {
                long value = address.toLong();
                assertThat(range.cidr().contains(address))
                        .as("%s contains %s exactly when %d <= %d <= %d (seed %d)", range, address, range.first(),
                                value, range.last(), SEED)
                        .isEqualTo(range.first() <= value && value <= range.last());
                // both sides of both ends, which random addresses rarely hit
                for (long edge : new long[] {range.first() - 1, range.first(), range.last(), range.last() + 1}) {
                    if (edge >= 0 && edge <= 0xFFFF_FFFFL) {
                        boolean inside = range.first() <= edge && edge <= range.last();
                        assertThat(range.cidr().contains(Ipv4Address.fromLong(edge)))
                                .as("%s %s %s, %s its edge (seed %d)", range, inside ? "contains" : "does not contain",
                                        dotted(edge), inside ? "on" : "just past", SEED)
                                .isEqualTo(inside);
                    }
                }
            });
        }
    }

    @Nested
    @DisplayName("next to another block")
    class TwoBlocks {

        @Test
        @DisplayName("contains(other) and overlaps(other) agree with the two address ranges")
        void containmentAgreesWithTheRanges() {
            qt(SEED).withShrinkCycles(SHRINKS).withExamples(EXAMPLES)
                    .forAll(named("a", NEAR_BLOCKS), named("b", NEAR_BLOCKS)).checkAssert((ra, rb) -> {
                Cidr a = ra.cidr();
                Cidr b = rb.cidr();
                assertThat(a.contains(b))
                        .as("%s contains %s exactly when its range [%d, %d] covers [%d, %d] (seed %d)", a, b,
                                ra.first(), ra.last(), rb.first(), rb.last(), SEED)
                        .isEqualTo(ra.first() <= rb.first() && rb.last() <= ra.last());
                assertThat(a.overlaps(b))
                        .as("%s overlaps %s exactly when the ranges [%d, %d] and [%d, %d] meet (seed %d)", a, b,
                                ra.first(), ra.last(), rb.first(), rb.last(), SEED)
                        .isEqualTo(ra.first() <= rb.last() && rb.first() <= ra.last());
                assertThat(b.overlaps(a)).as("overlaps is symmetric: %s and %s (seed %d)", b, a, SEED)
                        .isEqualTo(ra.first() <= rb.last() && rb.first() <= ra.last());
            });
        }

        @Test
        @DisplayName("compareTo orders by unsigned network address, then prefix length, consistent with equals")
        void compareToIsNetworkThenPrefix() {
            qt(SEED).withShrinkCycles(SHRINKS).withExamples(EXAMPLES)
                    .forAll(named("a", BLOCKS.mix(NEAR_BLOCKS, 50)), named("b", BLOCKS.mix(NEAR_BLOCKS, 50))).checkAssert((ra, rb) -> {
                Cidr a = ra.cidr();
                Cidr b = rb.cidr();
                int expected = ra.first() != rb.first() ? Long.compare(ra.first(), rb.first())
                        : Integer.compare(ra.prefix(), rb.prefix());
                assertThat(Integer.signum(a.compareTo(b)))
                        .as("%s compared with %s: network %d vs %d, then /%d vs /%d (seed %d)", ra, rb, ra.first(),
                                rb.first(), ra.prefix(), rb.prefix(), SEED)
                        .isEqualTo(Integer.signum(expected));
                assertThat(Integer.signum(b.compareTo(a))).as("the mirror image: %s compared with %s (seed %d)",
                        b, a, SEED).isEqualTo(-Integer.signum(expected));
                assertThat(a.equals(b)).as("%s equals %s exactly when they compare as 0 (seed %d)", a, b, SEED)
                        .isEqualTo(expected == 0);
                if (expected == 0) {
                    assertThat(a.hashCode()).as("equal blocks %s have equal hash codes (seed %d)", ra, SEED)
                            .isEqualTo(b.hashCode());
                }
                assertThat(a.hashCode()).as("%s built twice gives equal hash codes (seed %d)", ra, SEED)
                        .isEqualTo(ra.cidr().hashCode());
            });
        }
    }

    @Nested
    @DisplayName("split")
    class Split {

        @Test
        @DisplayName("subnet(q, i) starts i * 2^(32-q) after the network address and lies inside the block")
        void subnetsTileTheBlock() {
            Gen<Integer> extra = integers().between(0, 12);
            Gen<Long> fraction = longs().between(0, Long.MAX_VALUE);
            qt(SEED).withShrinkCycles(SHRINKS).withExamples(EXAMPLES)
                    .forAll(named("block", BLOCKS), named("extra prefix bits", extra), named("which subnet, as a fraction of Long.MAX_VALUE", fraction)).checkAssert((range, more, pick) -> {
                Cidr block = range.cidr();
                int q = Math.min(32, range.prefix() + more);
                long count = block.subnetCount(q);
                assertThat(count).as("%s holds 2^(%d-%d) blocks of /%d (seed %d)", block, q, block.prefixLength(),
                        q, SEED).isEqualTo(1L << (q - range.prefix()));
                long index = pick % count;
                Cidr sub = block.subnet(q, index);
                long subSize = 1L << (32 - q);
                assertThat(sub.prefixLength()).as("subnet(%d, %d) of %s has prefix /%d (seed %d)", q, index,
                        block, q, SEED).isEqualTo(q);
                assertThat(sub.network().toLong())
                        .as("subnet(%d, %d) of %s starts %d * %d addresses in (seed %d)", q, index, block, index,
                                subSize, SEED)
                        .isEqualTo(range.first() + index * subSize);
                assertThat(block.contains(sub)).as("%s contains its subnet %s (seed %d)", block, sub, SEED).isTrue();
                if (index + 1 < count) {
                    Cidr following = block.subnet(q, index + 1);
                    assertThat(following.network().toLong())
                            .as("%s comes right after %s, with no gap (seed %d)", following, sub, SEED)
                            .isEqualTo(range.first() + (index + 1) * subSize);
                    assertThat(sub.overlaps(following)).as("%s and %s do not overlap (seed %d)", sub, following,
                            SEED).isFalse();
                    assertThat(sub.compareTo(following)).as("%s sorts before %s (seed %d)", sub, following, SEED)
                            .isNegative();
                }
            });
        }
    }
}
