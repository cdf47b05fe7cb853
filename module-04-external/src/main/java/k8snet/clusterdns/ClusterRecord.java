package k8snet.clusterdns;

import java.util.Locale;

import k8snet.Require;
import k8snet.ip.Ipv4Address;

/**
 * A resource record cluster DNS serves. Owner names and targets are written in lower case without the final
 * dot ({@code api.shop.svc.cluster.local}); SRV owner names carry underscores ({@code _http._tcp...}, RFC 2782),
 * which is why they are plain text here and not module 1's {@code Hostname}.
 */
public sealed interface ClusterRecord {

    /** The owner name. */
    String name();

    /** The record's type as DNS writes it: {@code A}, {@code SRV}, {@code PTR}, {@code CNAME}, {@code TXT}. */
    String type();

    /** An address record. */
    record A(String name, Ipv4Address address) implements ClusterRecord {
        /** @throws IllegalArgumentException if an argument is null or the name is not in lower case */
        public A {
            checkName(name);
            Require.nonNull(address, "address");
        }

        @Override
        public String type() {
            return "A";
        }

        @Override
        public String toString() {
            return name + ". IN A " + address;
        }
    }

    /** A service record (RFC 2782): the port and host that serve {@code _port._proto.name}. */
    record Srv(String name, int priority, int weight, int port, String target) implements ClusterRecord {
        /** @throws IllegalArgumentException if a name is null or not lower case, or a number is out of 0..65535 */
        public Srv {
            checkName(name);
            checkName(target);
            Require.argument(priority >= 0 && priority <= 65535, "SRV priority out of 0-65535: " + priority);
            Require.argument(weight >= 0 && weight <= 65535, "SRV weight out of 0-65535: " + weight);
            Require.argument(port >= 0 && port <= 65535, "SRV port out of 0-65535: " + port);
        }

        @Override
        public String type() {
            return "SRV";
        }

        @Override
        public String toString() {
            return name + ". IN SRV " + priority + " " + weight + " " + port + " " + target + ".";
        }
    }

    /** A pointer record: the name of an address, for reverse lookups ({@code in-addr.arpa}, RFC 1035 3.5). */
    record Ptr(String name, String target) implements ClusterRecord {
        /** @throws IllegalArgumentException if a name is null or not lower case */
        public Ptr {
            checkName(name);
            checkName(target);
        }

        @Override
        public String type() {
            return "PTR";
        }

        @Override
        public String toString() {
            return name + ". IN PTR " + target + ".";
        }
    }

    /** An alias record: {@code name} is another name for {@code target} (RFC 1034 3.6.2). */
    record Cname(String name, String target) implements ClusterRecord {
        /** @throws IllegalArgumentException if a name is null or not lower case */
        public Cname {
            checkName(name);
            checkName(target);
        }

        @Override
        public String type() {
            return "CNAME";
        }

        @Override
        public String toString() {
            return name + ". IN CNAME " + target + ".";
        }
    }

    /** A text record. */
    record Txt(String name, String text) implements ClusterRecord {
        /** @throws IllegalArgumentException if an argument is null or the name is not lower case */
        public Txt {
            checkName(name);
            Require.nonNull(text, "text");
        }

        @Override
        public String type() {
            return "TXT";
        }

        @Override
        public String toString() {
            return name + ". IN TXT \"" + text + "\"";
        }
    }

    private static void checkName(String name) {
        Require.nonNull(name, "name");
        Require.argument(!name.isEmpty() && !name.endsWith(".") && name.equals(name.toLowerCase(Locale.ROOT)),
                "A record name is written in lower case without the final dot: \"" + name + "\"");
    }
}
