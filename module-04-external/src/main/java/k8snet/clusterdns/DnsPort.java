package k8snet.clusterdns;

import k8snet.Require;
import k8snet.transport.Port;
import k8snet.transport.Protocol;

/**
 * A Service port as cluster DNS sees it: only named ports get SRV records.
 *
 * @param name the port's name, {@code ""} if unnamed
 */
public record DnsPort(String name, Protocol protocol, Port port) {

    /** @throws IllegalArgumentException if an argument is null */
    public DnsPort {
        Require.nonNull(name, "name");
        Require.nonNull(protocol, "protocol");
        Require.nonNull(port, "port");
    }

    /** A TCP port. */
    public static DnsPort tcp(String name, int port) {
        return new DnsPort(name, Protocol.TCP, Port.of(port));
    }
}
