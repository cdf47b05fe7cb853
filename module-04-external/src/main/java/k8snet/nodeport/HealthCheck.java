package k8snet.nodeport;

import k8snet.Require;

/**
 * The answer of a node's {@code healthCheckNodePort} for a Service with {@code externalTrafficPolicy: Local}:
 * kube-proxy answers HTTP 200 while the node has a ready endpoint of the Service, 503 otherwise, with the count
 * of local endpoints in the body (Kubernetes docs "Create an External Load Balancer").
 *
 * @param status the HTTP status, 200 or 503
 * @param localEndpoints how many of the Service's ready endpoints run on the node
 */
public record HealthCheck(int status, int localEndpoints) {

    /** The status of a node with local endpoints. */
    public static final int OK = 200;

    /** The status of a node without. */
    public static final int UNAVAILABLE = 503;

    /** @throws IllegalArgumentException if the status is not 200 or 503, the count is negative, or they disagree */
    public HealthCheck {
        Require.argument(status == OK || status == UNAVAILABLE, "A health check answers 200 or 503: " + status);
        Require.argument(localEndpoints >= 0, "A count cannot be negative: " + localEndpoints);
        Require.argument((status == OK) == (localEndpoints > 0),
                "200 goes with local endpoints, 503 with none: " + status + " and " + localEndpoints);
    }

    /** Whether a load balancer counts the node as healthy. */
    public boolean healthy() {
        return status == OK;
    }

    /** The JSON body kube-proxy sends, reduced to the count. */
    public String body() {
        return "{\"localEndpoints\": " + localEndpoints + "}";
    }
}
