package k8snet.service;

import java.util.Optional;

import k8snet.Require;
import k8snet.endpoints.ServicePort;
import k8snet.endpoints.ServiceSpec;
import k8snet.ip.Ipv4Address;
import k8snet.transport.Port;
import k8snet.transport.Protocol;

/**
 * A Service as kube-proxy sees it: its spec and the ClusterIP the API server gave it.
 *
 * <pre>{@code
 * Service web = new Service(spec, Ipv4Address.parse("10.96.0.10"));
 * web.port(Protocol.TCP, Port.of(80));   // the ServicePort clients reach at 10.96.0.10:80, if there is one
 * }</pre>
 */
public record Service(ServiceSpec spec, Ipv4Address clusterIp) {

    /** @throws IllegalArgumentException if an argument is null */
    public Service {
        Require.nonNull(spec, "spec");
        Require.nonNull(clusterIp, "clusterIp");
    }

    /** The Service's name. */
    public String name() {
        return spec.name();
    }

    /** The Service port for this protocol and port number, if the Service exposes it. */
    public Optional<ServicePort> port(Protocol protocol, Port port) {
        Require.nonNull(protocol, "protocol");
        Require.nonNull(port, "port");
        for (ServicePort p : spec.ports()) {          // a loop, not a stream: kube-proxy asks on every new flow
            if (p.protocol() == protocol && p.port().equals(port)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /** The Service port with this name; {@code ""} names a single unnamed port. */
    public Optional<ServicePort> port(String name) {
        Require.nonNull(name, "name");
        return spec.ports().stream().filter(p -> p.name().equals(name)).findFirst();
    }

    @Override
    public String toString() {
        return spec.name() + " (" + clusterIp + ")";
    }
}
