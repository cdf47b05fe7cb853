package k8snet.external;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import k8snet.Require;
import k8snet.ip.Ipv4Address;
import k8snet.nodeport.TrafficPolicy;
import k8snet.service.Service;

/**
 * A Service opened to the outside: its ClusterIP Service, the NodePort of each of its ports (by port name), its
 * external traffic policy, and for type LoadBalancer the load balancer's public address.
 *
 * @param nodePorts NodePort by Service port name ({@code ""} for a single unnamed port)
 * @param loadBalancer the public address of its load balancer, for type LoadBalancer
 */
public record ExposedService(Service service, Map<String, Integer> nodePorts, TrafficPolicy policy,
        Optional<Ipv4Address> loadBalancer) {

    /** @throws IllegalArgumentException if an argument is null */
    public ExposedService {
        Require.nonNull(service, "service");
        Require.nonNull(nodePorts, "nodePorts");
        Require.nonNull(policy, "policy");
        Require.nonNull(loadBalancer, "loadBalancer");
        nodePorts = Map.copyOf(new TreeMap<>(nodePorts));
    }

    /** The Service's name. */
    public String name() {
        return service.name();
    }

    /** The NodePort of the Service port with this name. @throws IllegalArgumentException if there is none */
    public int nodePort(String portName) {
        Integer port = nodePorts.get(Require.nonNull(portName, "portName"));
        Require.argument(port != null, "Service " + name() + " has no port named \"" + portName + "\"");
        return port;
    }
}
