package k8snet.scenario;

import k8snet.Require;
import k8snet.net.Delivery;

/**
 * One delivery of a scenario, a request or a reply, with a label that says what it is:
 * {@code "request: client to the Service's ClusterIP 10.96.0.10:80"}.
 *
 * @param label what was sent, by whom, to where; one line
 * @param delivery how it ended, with its trace
 */
public record Step(String label, Delivery delivery) {

    /** The application name the pod network gives the client's connection when it takes a reply. */
    static final String REPLY_TAKER = "client";

    /** @throws IllegalArgumentException if an argument is null or the label is blank or spans lines */
    public Step {
        Require.nonNull(label, "label");
        Require.nonNull(delivery, "delivery");
        Require.argument(!label.isBlank() && label.indexOf('\n') < 0 && label.indexOf('\r') < 0,
                "A step's label is one non-blank line: \"" + label + "\"");
    }

    /**
     * How the delivery ended, in a few words: {@code "delivered to nginx on web-1"},
     * {@code "dropped (NO_ROUTE): no route to 10.244.9.7 ..."}, {@code "connection to 10.0.0.2:80 refused"}. A
     * reply is taken by the connection that sent the request (the application the pod network calls
     * {@value #REPLY_TAKER}): {@code "delivered to the client's connection on laptop"}.
     */
    public String outcome() {
        if (delivery instanceof Delivery.Delivered d) {
            return "delivered to " + (d.application().name().equals(REPLY_TAKER) ? "the client's connection"
                    : d.application().name()) + " on " + d.host().name();
        }
        if (delivery instanceof Delivery.UnknownHost u) {
            return "unknown host " + u.name();
        }
        if (delivery instanceof Delivery.HostUnreachable h) {
            return "host " + h.address() + " unreachable: " + h.reason();
        }
        if (delivery instanceof Delivery.Dropped d) {
            return "dropped (" + d.endedBy() + "): " + d.reason();
        }
        Delivery.ConnectionRefused r = (Delivery.ConnectionRefused) delivery;
        return "connection to " + r.destination() + " refused";
    }
}
