package k8snet.dns;

import java.time.Duration;

import k8snet.Require;
import k8snet.ip.Ipv4Address;

/**
 * A resource record in a zone (RFC 1035 section 3.2). The model knows the two types that module 1 needs;
 * module 4 adds SRV and others for cluster DNS.
 *
 * <pre>{@code
 * new DnsRecord.A(Hostname.parse("web.example.com"), Ipv4Address.parse("203.0.113.10"), Duration.ofMinutes(5));
 * new DnsRecord.Cname(Hostname.parse("www.example.com"), Hostname.parse("web.example.com"), Duration.ofHours(1));
 * }</pre>
 */
public sealed interface DnsRecord {

    /** The owner name: the name this record answers for. */
    Hostname name();

    /** How long a resolver may cache the record (RFC 1035 3.2.1; RFC 2181 8 caps it at 2^31-1 seconds). */
    Duration ttl();

    /**
     * An address record: {@code name} has IPv4 address {@code address}.
     *
     * @throws IllegalArgumentException if a part is null or the TTL is negative or over 2^31-1 seconds
     */
    record A(Hostname name, Ipv4Address address, Duration ttl) implements DnsRecord {
        public A {
            Require.nonNull(name, "name");
            Require.nonNull(address, "address");
            checkTtl(ttl);
        }

        @Override
        public String toString() {
            return name + " " + ttl.toSeconds() + " IN A " + address;
        }
    }

    /**
     * A canonical-name record: {@code name} is an alias and the real name is {@code target}
     * (RFC 1034 3.6.2). A name with a CNAME has no other records.
     *
     * @throws IllegalArgumentException if a part is null, the TTL is out of range, or the alias points at itself
     */
    record Cname(Hostname name, Hostname target, Duration ttl) implements DnsRecord {
        public Cname {
            Require.nonNull(name, "name");
            Require.nonNull(target, "target");
            checkTtl(ttl);
            Require.argument(!name.equals(target), "A CNAME cannot point at its own name: " + name);
        }

        @Override
        public String toString() {
            return name + " " + ttl.toSeconds() + " IN CNAME " + target;
        }
    }

    private static void checkTtl(Duration ttl) {
        Require.nonNull(ttl, "ttl");
        Require.argument(!ttl.isNegative() && ttl.toSeconds() <= Integer.MAX_VALUE,
                "TTL out of range (0 to 2147483647 seconds, RFC 2181 section 8): " + ttl.toSeconds() + "s");
    }
}
