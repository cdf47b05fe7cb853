package k8snet.transport;

import k8snet.Require;

/**
 * One message on the wire: the model's packet. It travels from {@code source} to {@code destination}
 * over {@code protocol}, carrying a text payload.
 *
 * @param protocol TCP or UDP
 * @param source the sender's address and (ephemeral) port
 * @param destination where it is going
 * @param payload the content, for the application (may be empty, never null)
 */
public record Message(Protocol protocol, SocketAddress source, SocketAddress destination, String payload) {

    public Message {
        Require.nonNull(protocol, "protocol");
        Require.nonNull(source, "source");
        Require.nonNull(destination, "destination");
        Require.nonNull(payload, "payload");
    }

    @Override
    public String toString() {
        return protocol + " " + source + " -> " + destination;
    }
}
