package k8snet.clusterdns;

import java.util.Optional;

import k8snet.Require;
import k8snet.ip.Ipv4Address;

/**
 * One endpoint of a Service as cluster DNS sees it: an address, the pod's {@code hostname} if its spec sets one
 * (with {@code subdomain} naming the Service, as StatefulSet pods do), and whether it is ready.
 */
public record DnsEndpoint(Ipv4Address ip, Optional<String> hostname, boolean ready) {

    /** @throws IllegalArgumentException if an argument is null */
    public DnsEndpoint {
        Require.nonNull(ip, "ip");
        Require.nonNull(hostname, "hostname");
    }

    /** A ready endpoint without a hostname. */
    public static DnsEndpoint ready(String ip) {
        return new DnsEndpoint(Ipv4Address.parse(ip), Optional.empty(), true);
    }
}
