package k8snet.endpoints;

import k8snet.Require;

/**
 * The conditions of one endpoint of an EndpointSlice (Kubernetes docs, "EndpointSlices", conditions):
 * {@code ready} when the pod is ready and not terminating, {@code serving} when the pod is ready whether or not
 * it terminates, {@code terminating} when the pod is being deleted.
 *
 * <p>{@code ready} is never true while {@code terminating}: such a pair is rejected.
 */
public record EndpointConditions(boolean ready, boolean serving, boolean terminating) {

    /** @throws IllegalArgumentException if {@code ready} and {@code terminating} are both true */
    public EndpointConditions {
        Require.argument(!(ready && terminating),
                "An endpoint is never ready while terminating: ready=true, terminating=true");
    }
}
