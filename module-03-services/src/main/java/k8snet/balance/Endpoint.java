package k8snet.balance;

import k8snet.Require;
import k8snet.transport.SocketAddress;

/**
 * One backend of a Service: a ready pod and the socket its container listens on, as an EndpointSlice lists it
 * (Kubernetes docs "EndpointSlices"). A balancer chooses one of these for each new connection.
 *
 * <pre>{@code
 * Endpoint web1 = new Endpoint("web-1", SocketAddress.of("10.244.1.2", 8080));
 * web1.toString();   // "web-1 (10.244.1.2:8080)"
 * }</pre>
 *
 * @param pod the backend pod's name
 * @param address the pod's IP and the target port
 */
public record Endpoint(String pod, SocketAddress address) {

    /** @throws IllegalArgumentException if {@code pod} or {@code address} is null */
    public Endpoint {
        Require.nonNull(pod, "pod");
        Require.nonNull(address, "address");
    }

    @Override
    public String toString() {
        return pod + " (" + address + ")";
    }
}
