package k8snet.proxy;

import java.time.Instant;

import k8snet.Require;
import k8snet.trace.Headers;
import k8snet.transport.Protocol;
import k8snet.transport.SocketAddress;

/**
 * One connection that connection tracking remembers: a client talked to a Service address, and kube-proxy sent
 * the connection to one backend. Linux's conntrack keeps the same thing as two tuples, the original direction
 * and the reply direction ({@code conntrack -L} prints both; conntrack(8)).
 *
 * <pre>{@code
 * Flow f = new Flow(Protocol.TCP, SocketAddress.of("10.244.0.2", 49152), SocketAddress.of("10.96.0.10", 80),
 *         SocketAddress.of("10.244.1.3", 8080), Instant.EPOCH);
 * f.original();   // TCP 10.244.0.2:49152 -> 10.96.0.10:80, the packets the client sends
 * f.reply();      // TCP 10.244.1.3:8080 -> 10.244.0.2:49152, the packets the backend answers with
 * }</pre>
 *
 * @param client where the connection comes from
 * @param service the address the client connected to (a ClusterIP and Service port)
 * @param backend the endpoint the connection was sent to (a pod IP and target port)
 * @param created when the flow was first tracked
 */
public record Flow(Protocol protocol, SocketAddress client, SocketAddress service, SocketAddress backend,
        Instant created) {

    /** @throws IllegalArgumentException if an argument is null */
    public Flow {
        Require.nonNull(protocol, "protocol");
        Require.nonNull(client, "client");
        Require.nonNull(service, "service");
        Require.nonNull(backend, "backend");
        Require.nonNull(created, "created");
    }

    /** The headers of the client's packets, before any translation: client to Service. */
    public Headers original() {
        return Headers.of(protocol, client, service);
    }

    /** The headers of the backend's answers, before they are translated back: backend to client. */
    public Headers reply() {
        return Headers.of(protocol, backend, client);
    }

    @Override
    public String toString() {
        return protocol + " " + client + " -> " + service + " (backend " + backend + ")";
    }
}
