package k8snet.ingress;

import k8snet.Require;
import k8snet.transport.Port;

/**
 * Where an Ingress sends a matched request: a Service of the Ingress's namespace and one of its ports
 * ({@code backend.service.name} and {@code backend.service.port.number}; k8s.io/api networking/v1
 * {@code IngressServiceBackend}).
 */
public record IngressBackend(String service, Port port) {

    /** @throws IllegalArgumentException if an argument is null or the Service name is empty */
    public IngressBackend {
        Require.nonNull(service, "service");
        Require.nonNull(port, "port");
        Require.argument(!service.isEmpty(), "An Ingress backend names a Service: \"\"");
    }

    /** A backend on Service {@code service}, port {@code port}. */
    public static IngressBackend of(String service, int port) {
        return new IngressBackend(service, Port.of(port));
    }

    @Override
    public String toString() {
        return service + ":" + port;
    }
}
