package k8snet.endpoints;

import k8snet.Require;
import k8snet.ip.Ipv4Address;

/** One endpoint of an EndpointSlice: a pod, its IP and its conditions. */
public record EndpointEntry(String pod, Ipv4Address address, EndpointConditions conditions) {

    /** @throws IllegalArgumentException if an argument is null */
    public EndpointEntry {
        Require.nonNull(pod, "pod");
        Require.nonNull(address, "address");
        Require.nonNull(conditions, "conditions");
    }
}
