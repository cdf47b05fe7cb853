package k8snet.endpoints;

import java.util.List;

import k8snet.Require;

/**
 * One EndpointSlice of a Service: a set of ports and the endpoints that all listen on them (Kubernetes docs,
 * "EndpointSlices"). The lists are copied.
 */
public record EndpointSlice(String service, List<SlicePort> ports, List<EndpointEntry> endpoints) {

    /** @throws IllegalArgumentException if an argument is null or a list holds null */
    public EndpointSlice {
        Require.nonNull(service, "service");
        Require.nonNull(ports, "ports");
        Require.nonNull(endpoints, "endpoints");
        Require.argument(ports.stream().noneMatch(java.util.Objects::isNull), "ports must not hold null: " + ports);
        Require.argument(endpoints.stream().noneMatch(java.util.Objects::isNull), "endpoints must not hold null: " + endpoints);
        ports = List.copyOf(ports);
        endpoints = List.copyOf(endpoints);
    }
}
