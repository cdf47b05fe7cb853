package k8snet.endpoints;

import java.util.List;

import k8snet.balance.Endpoint;

/**
 * The control plane's endpoints controller (the EndpointSlice controller of kube-controller-manager): it watches
 * Services and pods and, for each Service with a selector, keeps the list of pod addresses and ports that the
 * Service's traffic may go to, cut into EndpointSlices (Kubernetes docs, "EndpointSlices"). kube-proxy on every
 * node reads those slices to program its rules.
 *
 * <pre>{@code
 * EndpointsController controller = new EndpointsController();
 * controller.setService(new ServiceSpec("web", Selector.parse("app=web"),
 *         List.of(ServicePort.tcp("http", 80, TargetPort.named("http")))));
 * controller.setPod(new PodState("web-1", Labels.of("app", "web"), Optional.of(Ipv4Address.parse("10.244.1.2")),
 *         true, false, Map.of("http", Port.of(8080))));
 * controller.slices("web");          // one slice: port http 8080, endpoint web-1 (ready, serving)
 * controller.usable("web", "http");  // [web-1 (10.244.1.2:8080)]
 * }</pre>
 *
 * <p><b>Exercise 3.2.</b> Implement every method that throws {@link UnsupportedOperationException}.
 *
 * <h2>Rules</h2>
 * <ul>
 *   <li>A Service selects the pods whose labels its selector matches (Kubernetes docs, "Labels and Selectors").
 *       A Service with an empty selector has no selector at all, and the controller gives it no endpoints and
 *       no slices: its endpoints are left to whoever writes them by hand (Kubernetes docs, "Service", Services
 *       without selectors; the EndpointSlice controller skips a Service whose {@code spec.selector} is nil, and
 *       the API stores an empty one as nil). Only a selected pod that has an IP can be an endpoint.</li>
 *   <li>Each Service port is resolved per pod (Kubernetes docs, "Service"): without a {@code targetPort}, the
 *       pod listens on the Service port's own number ({@code targetPort} defaults to {@code port}); with a
 *       number, on that number; with a name, on that pod's container port of that name. Two pods may resolve
 *       one name to two numbers. A pod that has no container port of that name is left out of that Service
 *       port (but may still serve the Service's other ports); a pod that resolves none of the Service's ports
 *       is not an endpoint at all.</li>
 *   <li>Slices: the pods are grouped by the list of {@link SlicePort}s they resolve (in the Service's port
 *       order), because all endpoints of one slice share its ports. Each group is cut into slices of at most
 *       {@code maxPerSlice} endpoints, endpoints sorted by pod name; the groups come in the order of their
 *       first pod's name. The default of {@value #DEFAULT_MAX_PER_SLICE} is kube-controller-manager's
 *       {@code --max-endpoints-per-slice}, which accepts up to 1000.</li>
 *   <li>Conditions (Kubernetes docs, "EndpointSlices"): {@code ready} when the pod is ready and not
 *       terminating, {@code serving} when the pod is ready, {@code terminating} when the pod is being
 *       deleted. A terminating pod is never ready, even if its readiness probe still passes.</li>
 *   <li>{@link #usable} is what kube-proxy sends one Service port's traffic to: the ready endpoints that have
 *       that port. Only when there is none does it fall back to the endpoints that are both serving and
 *       terminating, so that connections keep working while a whole Deployment rolls (Kubernetes docs,
 *       "Virtual IPs and Service Proxies", terminating endpoints). With neither, the list is empty and
 *       kube-proxy rejects the traffic.</li>
 *   <li>Setting a Service or a pod again replaces it: a pod whose labels change may leave or join Services, a
 *       pod with a new IP is listed at the new one. Removing an unknown pod does nothing.</li>
 *   <li>Errors: {@link IllegalArgumentException} for a null argument, a {@code maxPerSlice} outside 1-1000 (the
 *       message quotes it), an unknown Service (the message names it) and an unknown port name of a Service
 *       (the message quotes it).</li>
 * </ul>
 */
public final class EndpointsController {

    /** kube-controller-manager's default {@code --max-endpoints-per-slice}. */
    public static final int DEFAULT_MAX_PER_SLICE = 100;

    /** The largest {@code --max-endpoints-per-slice} kube-controller-manager accepts. */
    public static final int MAX_MAX_PER_SLICE = 1000;

    /** A controller that puts at most {@value #DEFAULT_MAX_PER_SLICE} endpoints in a slice. */
    public EndpointsController() {
        this(DEFAULT_MAX_PER_SLICE);
    }

    /**
     * A controller that puts at most {@code maxPerSlice} endpoints in a slice.
     *
     * @throws IllegalArgumentException if {@code maxPerSlice} is not 1 to {@value #MAX_MAX_PER_SLICE}
     */
    public EndpointsController(int maxPerSlice) {
        throw new UnsupportedOperationException("Exercise 3.2: implement the EndpointsController constructor");
    }

    /** The most endpoints one slice holds. */
    public int maxPerSlice() {
        throw new UnsupportedOperationException("Exercise 3.2: implement EndpointsController.maxPerSlice");
    }

    /**
     * Adds a Service, or replaces the one of the same name.
     *
     * @throws IllegalArgumentException if {@code service} is null
     */
    public void setService(ServiceSpec service) {
        throw new UnsupportedOperationException("Exercise 3.2: implement EndpointsController.setService");
    }

    /**
     * Deletes a Service and its slices; an unknown name does nothing.
     *
     * @throws IllegalArgumentException if {@code name} is null
     */
    public void removeService(String name) {
        throw new UnsupportedOperationException("Exercise 3.2: implement EndpointsController.removeService");
    }

    /**
     * Adds a pod, or replaces the one of the same name (new labels, IP, readiness, ports).
     *
     * @throws IllegalArgumentException if {@code pod} is null
     */
    public void setPod(PodState pod) {
        throw new UnsupportedOperationException("Exercise 3.2: implement EndpointsController.setPod");
    }

    /**
     * Deletes a pod; an unknown name does nothing.
     *
     * @throws IllegalArgumentException if {@code name} is null
     */
    public void removePod(String name) {
        throw new UnsupportedOperationException("Exercise 3.2: implement EndpointsController.removePod");
    }

    /**
     * The EndpointSlices of a Service, as the class doc describes; empty if it has no endpoints.
     *
     * @throws IllegalArgumentException if {@code service} is null or no such Service exists
     */
    public List<EndpointSlice> slices(String service) {
        throw new UnsupportedOperationException("Exercise 3.2: implement EndpointsController.slices");
    }

    /**
     * The endpoints kube-proxy sends traffic for one Service port to, sorted by pod name: the ready ones, or if
     * there are none the serving and terminating ones; each at the pod's IP and its resolved port.
     *
     * @param portName the Service port's name, {@code ""} for a Service's single unnamed port
     * @throws IllegalArgumentException if an argument is null, no such Service exists, or it has no port of
     *     that name
     */
    public List<Endpoint> usable(String service, String portName) {
        throw new UnsupportedOperationException("Exercise 3.2: implement EndpointsController.usable");
    }
}
