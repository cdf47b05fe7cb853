package k8snet.ip;

import static org.assertj.core.api.Assertions.assertThat;
import static k8snet.testkit.Theories.named;
import static k8snet.testkit.Theories.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/**
 * Laws that hold for every IPv4 address. QuickTheories tries many generated addresses from a fixed seed;
 * when a law breaks it shrinks the counterexample and prints it with the seed ("Seed ..., fixed in the test").
 */
@DisplayName("Every IPv4 address (exercise 1.1, properties)")
class Ipv4AddressPropertiesTest {

    private static final long SEED = 0x1F4_2025L;

    /** Enough shrinking to find a small counterexample quickly, even for a badly wrong implementation. */
    private static final int SHRINKS = 300;

    private static final Gen<Integer> OCTETS = integers().between(0, 255);

    /**
     * Any 32-bit pattern, with the interesting edges (0, -1, MIN, MAX) tried early; described with the address it
     * stands for, worked out here so that a failing report never depends on the code under test.
     */
    private static final Gen<Integer> BITS = integers().all();

    private static Gen<Integer> bits(String name) {
        return named(name, BITS, b -> b + " (the bits of " + (b >>> 24) + "." + (b >>> 16 & 0xFF) + "."
                + (b >>> 8 & 0xFF) + "." + (b & 0xFF) + ")");
    }

    @Nested
    @DisplayName("survives a round trip")
    class RoundTrips {

        @Test
        @DisplayName("format(parse(text)) gives back the same dotted-decimal text")
        void textRoundTrip() {
            qt(SEED).withShrinkCycles(SHRINKS)
                    .forAll(named("a", OCTETS), named("b", OCTETS), named("c", OCTETS), named("d", OCTETS))
                    .checkAssert((a, b, c, d) -> {
                String text = a + "." + b + "." + c + "." + d;
                Ipv4Address address = Ipv4Address.parse(text);
                assertThat(address.toString())
                        .as("\"%s\" parsed and written back (seed %d)", text, SEED)
                        .isEqualTo(text);
                assertThat(new int[] {address.octet(0), address.octet(1), address.octet(2), address.octet(3)})
                        .as("the octets of %s (seed %d)", text, SEED)
                        .containsExactly(a, b, c, d);
                assertThat(address)
                        .as("parse(\"%s\") and of(%d, %d, %d, %d) are the same address (seed %d)",
                                text, a, b, c, d, SEED)
                        .isEqualTo(Ipv4Address.of(a, b, c, d));
                assertThat(address.toLong())
                        .as("%s is a*2^24 + b*2^16 + c*2^8 + d (seed %d)", text, SEED)
                        .isEqualTo(a * 16_777_216L + b * 65_536L + c * 256L + d);
            });
        }

        @Test
        @DisplayName("fromInt(a.toInt()), fromLong(a.toLong()) and parse(a.toString()) give back a")
        void numberRoundTrip() {
            qt(SEED).withShrinkCycles(SHRINKS).forAll(bits("bits")).checkAssert(bits -> {
                Ipv4Address address = Ipv4Address.fromInt(bits);
                assertThat(address.toInt()).as("fromInt(%d).toInt() (seed %d)", bits, SEED).isEqualTo(bits);
                assertThat(address.toLong())
                        .as("the unsigned value of the bits %d (seed %d)", bits, SEED)
                        .isEqualTo(Integer.toUnsignedLong(bits))
                        .isBetween(0L, 4_294_967_295L);
                assertThat(Ipv4Address.fromLong(address.toLong()).toInt())
                        .as("fromLong(toLong()) of %s keeps the bits %d (seed %d)", address, bits, SEED)
                        .isEqualTo(bits);
                assertThat(Ipv4Address.parse(address.toString()).toInt())
                        .as("parse(toString()) of the bits %d keeps them (seed %d)", bits, SEED)
                        .isEqualTo(bits);
                assertThat(Ipv4Address.isValid(address.toString()))
                        .as("\"%s\" as written by toString() is valid (seed %d)", address, SEED)
                        .isTrue();
            });
        }
    }

    @Nested
    @DisplayName("has neighbours")
    class Stepping {

        @Test
        @DisplayName("next().previous() and previous().next() lead back, one unsigned step apart")
        void nextAndPreviousAreInverse() {
            qt(SEED).withShrinkCycles(SHRINKS).forAll(bits("bits")).checkAssert(bits -> {
                Ipv4Address address = Ipv4Address.fromInt(bits);
                if (bits != -1) {
                    Ipv4Address next = address.next();
                    assertThat(next.toLong())
                            .as("%s.next() is one higher (seed %d)", address, SEED)
                            .isEqualTo(Integer.toUnsignedLong(bits) + 1);
                    assertThat(next.previous().toInt())
                            .as("%s.next().previous() (seed %d)", address, SEED)
                            .isEqualTo(bits);
                }
                if (bits != 0) {
                    Ipv4Address previous = address.previous();
                    assertThat(previous.toLong())
                            .as("%s.previous() is one lower (seed %d)", address, SEED)
                            .isEqualTo(Integer.toUnsignedLong(bits) - 1);
                    assertThat(previous.next().toInt())
                            .as("%s.previous().next() (seed %d)", address, SEED)
                            .isEqualTo(bits);
                }
            });
        }
    }

    @Nested
    @DisplayName("is equal only to the same address")
    class Equality {

        @Test
        @DisplayName("equals holds exactly when the bits are equal, and equal addresses have equal hash codes")
        void equalsFollowsTheBits() {
            // y is x or one of its close neighbours, so both sides of equals are tried on every run
            qt(SEED).withShrinkCycles(SHRINKS).forAll(bits("x"), named("step", integers().between(-2, 2)))
                    .checkAssert((x, step) -> {
                int y = x + step;
                Ipv4Address a = Ipv4Address.fromInt(x);
                Ipv4Address b = Ipv4Address.fromInt(y);
                assertThat(a.equals(b))
                        .as("the bits %d and %d are %s, so their addresses must be %s (seed %d)", x, y,
                                step == 0 ? "the same" : "different", step == 0 ? "equal" : "unequal", SEED)
                        .isEqualTo(step == 0);
                String text = (x >>> 24) + "." + (x >>> 16 & 0xFF) + "." + (x >>> 8 & 0xFF) + "." + (x & 0xFF);
                Ipv4Address parsed = Ipv4Address.parse(text);
                assertThat(parsed)
                        .as("parse(\"%s\") and fromInt(%d) are the same address (seed %d)", text, x, SEED)
                        .isEqualTo(a);
                assertThat(parsed.hashCode())
                        .as("parse(\"%s\") equals fromInt(%d), so their hash codes must be equal too (seed %d)",
                                text, x, SEED)
                        .isEqualTo(a.hashCode());
                assertThat(Ipv4Address.fromLong(Integer.toUnsignedLong(x)).hashCode())
                        .as("fromLong(%d) equals fromInt(%d), so their hash codes must be equal too (seed %d)",
                                Integer.toUnsignedLong(x), x, SEED)
                        .isEqualTo(a.hashCode());
            });
        }
    }

    @Nested
    @DisplayName("is ordered")
    class Order {

        @Test
        @DisplayName("compareTo agrees with the unsigned value of the bits and with equals")
        void compareToFollowsToLong() {
            qt(SEED).withShrinkCycles(SHRINKS).forAll(bits("x"), bits("y")).checkAssert((x, y) -> {
                Ipv4Address a = Ipv4Address.fromInt(x);
                Ipv4Address b = Ipv4Address.fromInt(y);
                assertThat(Integer.signum(a.compareTo(b)))
                        .as("%s compared with %s must match their unsigned values %d and %d (seed %d)",
                                a, b, Integer.toUnsignedLong(x), Integer.toUnsignedLong(y), SEED)
                        .isEqualTo(Integer.signum(Integer.compareUnsigned(x, y)));
                assertThat(Integer.signum(b.compareTo(a)))
                        .as("comparing %s with %s must be the mirror image (seed %d)", b, a, SEED)
                        .isEqualTo(Integer.signum(Integer.compareUnsigned(y, x)));
                assertThat(a.compareTo(b) == 0)
                        .as("%s and %s compare as equal exactly when their bits are equal (seed %d)", a, b, SEED)
                        .isEqualTo(x.intValue() == y.intValue());
            });
        }

        @Test
        @DisplayName("every address but 255.255.255.255 sorts before its next address")
        void nextIsGreater() {
            qt(SEED).withShrinkCycles(SHRINKS)
                    .forAll(bits("bits")).assuming(bits -> bits != -1).checkAssert(bits -> {
                Ipv4Address address = Ipv4Address.fromInt(bits);
                assertThat(address.compareTo(address.next()))
                        .as("%s sorts before %s (seed %d)", address, address.next(), SEED)
                        .isNegative();
            });
        }
    }
}
