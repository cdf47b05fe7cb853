package k8snet.host;

import k8snet.Require;
import k8snet.ip.Ipv4Address;

/**
 * A network interface of a host with its IPv4 address. A phone has Wi-Fi and cellular; a server has
 * {@code eth0}; every host has {@code lo}.
 *
 * <pre>{@code
 * new Interface("eth0", Ipv4Address.parse("192.168.1.20"), InterfaceKind.PHYSICAL);
 * Interface.loopback();   // lo 127.0.0.1
 * }</pre>
 *
 * @param name the device name, such as {@code eth0}: 1 to 15 characters (Linux IFNAMSIZ is 16 with the
 *     terminating NUL), no spaces or slashes
 */
public record Interface(String name, Ipv4Address address, InterfaceKind kind) {

    public Interface {
        Require.nonNull(name, "interface name");
        Require.nonNull(address, "address");
        Require.nonNull(kind, "kind");
        checkName(name);
        Require.argument(!address.isUnspecified(),
                "0.0.0.0 means 'any address' and cannot be an interface's own address (" + name + ")");
        Require.argument(address.isLoopback() == (kind == InterfaceKind.LOOPBACK),
                "Only a loopback interface has a 127.0.0.0/8 address, and it has no other: " + name + " " + address);
    }

    /**
     * Checks a device name by the rules above; bridges, veth ends and VXLAN devices are named by them too.
     *
     * @return {@code name}
     * @throws IllegalArgumentException if it is null, empty, over 15 characters, or holds a space or {@code '/'}
     */
    public static String checkName(String name) {
        Require.nonNull(name, "interface name");
        Require.argument(!name.isEmpty() && name.length() <= 15 && name.chars().noneMatch(c -> c <= ' ' || c == '/'),
                "An interface name is 1-15 characters without spaces or '/': \"" + name + "\"");
        return name;
    }

    /** {@code lo} with {@code 127.0.0.1}. */
    public static Interface loopback() {
        return new Interface("lo", Ipv4Address.LOCALHOST, InterfaceKind.LOOPBACK);
    }

    @Override
    public String toString() {
        return name + " " + address;
    }
}
