package k8snet.nodeport;

import k8snet.Require;
import k8snet.balance.Endpoint;

/** An endpoint of a Service and the node its pod runs on (an EndpointSlice endpoint's {@code nodeName}). */
public record NodeEndpoint(Endpoint endpoint, String node) {

    /** @throws IllegalArgumentException if an argument is null */
    public NodeEndpoint {
        Require.nonNull(endpoint, "endpoint");
        Require.nonNull(node, "node");
    }

    @Override
    public String toString() {
        return endpoint + " on " + node;
    }
}
