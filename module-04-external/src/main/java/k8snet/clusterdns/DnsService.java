package k8snet.clusterdns;

import java.util.List;
import java.util.Optional;

import k8snet.Require;
import k8snet.ip.Ipv4Address;

/**
 * What cluster DNS needs of a Service: where it is, its kind, its ClusterIP or external name, its ports and
 * its endpoints.
 *
 * <pre>{@code
 * DnsService api = DnsService.clusterIp("shop", "api", "10.96.4.7", List.of(DnsPort.tcp("http", 80)));
 * DnsService db = DnsService.headless("shop", "db", List.of(DnsPort.tcp("pg", 5432)), endpoints);
 * DnsService ext = DnsService.externalName("shop", "payments", "api.payments.example.com");
 * }</pre>
 *
 * <p>A ClusterIP Service has a ClusterIP and no external name; a headless one neither; an ExternalName one only
 * the external name. Endpoints matter only for headless Services. Names are checked by {@link ClusterDns}.
 */
public record DnsService(String namespace, String name, ServiceKind kind, Optional<Ipv4Address> clusterIp,
        Optional<String> externalName, List<DnsPort> ports, List<DnsEndpoint> endpoints) {

    /** @throws IllegalArgumentException if an argument or element is null, or the fields do not fit the kind */
    public DnsService {
        Require.nonNull(namespace, "namespace");
        Require.nonNull(name, "name");
        Require.nonNull(kind, "kind");
        Require.nonNull(clusterIp, "clusterIp");
        Require.nonNull(externalName, "externalName");
        Require.nonNull(ports, "ports");
        Require.nonNull(endpoints, "endpoints");
        Require.argument(ports.stream().noneMatch(java.util.Objects::isNull), "ports must not hold null");
        Require.argument(endpoints.stream().noneMatch(java.util.Objects::isNull), "endpoints must not hold null");
        Require.argument(clusterIp.isPresent() == (kind == ServiceKind.CLUSTER_IP),
                "Only a ClusterIP Service has a ClusterIP: " + namespace + "/" + name + " is " + kind);
        Require.argument(externalName.isPresent() == (kind == ServiceKind.EXTERNAL_NAME),
                "Only an ExternalName Service has an external name: " + namespace + "/" + name + " is " + kind);
        ports = List.copyOf(ports);
        endpoints = List.copyOf(endpoints);
    }

    /** A ClusterIP Service. */
    public static DnsService clusterIp(String namespace, String name, String clusterIp, List<DnsPort> ports) {
        return new DnsService(namespace, name, ServiceKind.CLUSTER_IP, Optional.of(Ipv4Address.parse(clusterIp)),
                Optional.empty(), ports, List.of());
    }

    /** A headless Service with these endpoints. */
    public static DnsService headless(String namespace, String name, List<DnsPort> ports, List<DnsEndpoint> endpoints) {
        return new DnsService(namespace, name, ServiceKind.HEADLESS, Optional.empty(), Optional.empty(), ports,
                endpoints);
    }

    /** An ExternalName Service. */
    public static DnsService externalName(String namespace, String name, String externalName) {
        return new DnsService(namespace, name, ServiceKind.EXTERNAL_NAME, Optional.empty(),
                Optional.of(Require.nonNull(externalName, "externalName")), List.of(), List.of());
    }
}
