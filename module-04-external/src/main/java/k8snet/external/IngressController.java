package k8snet.external;

import java.util.Locale;

import k8snet.Require;
import k8snet.cluster.Pod;
import k8snet.ingress.Ingress;
import k8snet.ingress.IngressBackend;
import k8snet.ingress.IngressRoute;
import k8snet.ingress.IngressRouter;
import k8snet.net.Delivery;
import k8snet.service.Service;
import k8snet.trace.Hop;
import k8snet.transport.Protocol;

/**
 * An ingress controller (ingress-nginx, say): ordinary pods, usually behind a Service of type LoadBalancer, that
 * read each HTTP request's Host header and path and proxy it to the Service an Ingress names (Kubernetes docs
 * "Ingress controllers"). The Ingress object is only its configuration; {@link IngressRouter} (exercise 4.3)
 * makes the choice.
 *
 * <pre>{@code
 * IngressController nginx = cluster.ingressController(shop);
 * Delivery in = cluster.send(laptop, Protocol.TCP, "shop.example.com:80",
 *         "GET /api/orders HTTP/1.1\r\nHost: shop.example.com\r\n\r\n");        // reaches a controller pod
 * IngressResult r = nginx.handle((Delivery.Delivered) in);                      // proxied to Service api
 * }</pre>
 *
 * <p>The request is the payload: a request line {@code METHOD PATH VERSION} and a {@code Host:} header (its name
 * in any case, a {@code :port} after the host ignored), lines separated by CRLF or LF. A request without a Host
 * header is routed with host {@code ""}, which only host-less rules match. The controller opens a new
 * connection from its pod to the backend Service's ClusterIP and port (a proxy, not a NAT: the backend sees the
 * controller pod's address), so {@link IngressResult#delivery()} is that second leg's delivery.
 */
public final class IngressController {

    private final Cluster cluster;
    private final IngressRouter router;

    IngressController(Cluster cluster, Ingress ingress) {
        this.cluster = cluster;
        this.router = new IngressRouter(ingress);
    }

    /** The router it uses. */
    public IngressRouter router() {
        return router;
    }

    /**
     * Proxies a request that reached one of the controller's pods.
     *
     * @throws IllegalArgumentException if {@code request} is null, did not end at a pod of the cluster, or its
     *     payload has no request line
     */
    public IngressResult handle(Delivery.Delivered request) {
        Require.nonNull(request, "request");
        Hop last = request.trace().last();
        String podName = last.place().namespace();
        Require.argument(!podName.isEmpty(), "The request was delivered to " + last.place() + ", not to a pod");
        Pod pod = cluster.services().network().pod(podName);
        String payload = request.message().payload();
        String[] lines = payload.split("\r?\n");
        String[] requestLine = lines[0].trim().split(" +");
        Require.argument(requestLine.length >= 2 && requestLine[1].startsWith("/"),
                "Not an HTTP request line: \"" + lines[0] + "\"");
        String path = requestLine[1];
        int query = path.indexOf('?');
        if (query >= 0) {
            path = path.substring(0, query);
        }
        String host = "";
        for (int i = 1; i < lines.length && !lines[i].isEmpty(); i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0 && lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT).equals("host")) {
                host = lines[i].substring(colon + 1).trim();
                int port = host.lastIndexOf(':');
                if (port >= 0) {
                    host = host.substring(0, port);
                }
            }
        }
        IngressRoute route = router.route(host, path);
        if (route == null) {
            throw new IllegalStateException("IngressRouter.route returned null for " + host + path);
        }
        IngressBackend backend = route instanceof IngressRoute.Matched m ? m.backend()
                : route instanceof IngressRoute.Default d ? d.backend() : null;
        if (backend == null) {
            return new IngressResult(route, cluster.services().reply(request, "HTTP/1.1 404 Not Found"));
        }
        if (cluster.services().services().stream().noneMatch(s -> s.name().equals(backend.service()))) {
            return new IngressResult(route, cluster.services().reply(request, "HTTP/1.1 503 Service Unavailable"
                    + " (no Service " + backend.service() + ")"));
        }
        Service service = cluster.services().service(backend.service());
        return new IngressResult(route, cluster.services().send(pod, Protocol.TCP, service.clusterIp() + ":"
                + backend.port(), payload));
    }
}
