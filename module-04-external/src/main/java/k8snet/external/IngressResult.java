package k8snet.external;

import k8snet.Require;
import k8snet.ingress.IngressRoute;
import k8snet.net.Delivery;

/**
 * What an ingress controller did with one request: where the Ingress sent it, and the onward send (to the
 * backend Service's ClusterIP) or, when nothing matched, the controller's own answer to the client (404, or 503
 * for a backend Service that does not exist).
 */
public record IngressResult(IngressRoute route, Delivery delivery) {

    /** @throws IllegalArgumentException if an argument is null */
    public IngressResult {
        Require.nonNull(route, "route");
        Require.nonNull(delivery, "delivery");
    }
}
