package k8snet.endpoints;

import k8snet.Require;
import k8snet.transport.Port;
import k8snet.transport.Protocol;

/**
 * A Service port as an EndpointSlice lists it: the Service port's name and protocol, with the number that the
 * pods of that slice listen on (the Service port's targetPort, resolved).
 */
public record SlicePort(String name, Protocol protocol, Port port) {

    /** @throws IllegalArgumentException if an argument is null */
    public SlicePort {
        Require.nonNull(name, "name");
        Require.nonNull(protocol, "protocol");
        Require.nonNull(port, "port");
    }
}
