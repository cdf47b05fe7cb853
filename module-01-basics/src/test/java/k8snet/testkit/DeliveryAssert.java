package k8snet.testkit;

import java.util.Arrays;
import java.util.Locale;

import org.assertj.core.api.AbstractObjectAssert;

import k8snet.net.Delivery;
import k8snet.trace.Hop;
import k8snet.trace.Trace;

/**
 * AssertJ assertions on a {@link Delivery} whose failures read like a teacher's remark and always end with
 * the packet trace. Shared by the tests of every module; not graded.
 *
 * <pre>{@code
 * assertThatDelivery(net.send(laptop, "web:80", "GET /"))
 *         .isDeliveredTo("nginx", "server")
 *         .startsAt("laptop")
 *         .hasHop("dns", "10.0.0.2");
 * // expected the message to reach nginx on server, but the connection was refused at server:
 * // nothing listens on 10.0.0.2:80
 * // Packet trace:
 * //   1. laptop  [app]  TCP to web:80
 * //   ...
 * }</pre>
 */
public final class DeliveryAssert extends AbstractObjectAssert<DeliveryAssert, Delivery> {

    private DeliveryAssert(Delivery actual) {
        super(actual, DeliveryAssert.class);
    }

    /** Starts an assertion on a delivery. */
    public static DeliveryAssert assertThatDelivery(Delivery actual) {
        return new DeliveryAssert(actual);
    }

    /** The message reached {@code application} on {@code host}. */
    public DeliveryAssert isDeliveredTo(String application, String host) {
        String expected = "expected the message to reach " + application + " on " + host;
        Delivery.Delivered d = expectType(Delivery.Delivered.class, expected);
        if (!d.application().name().equals(application) || !d.host().name().equals(host)) {
            complain(expected + ", but " + Explain.outcome(actual));
        }
        return this;
    }

    /** The delivery is a {@link Delivery.Delivered}; returns it for further checks. */
    public Delivery.Delivered delivered() {
        return expectType(Delivery.Delivered.class, "expected the message to be delivered");
    }

    /** The host owned the address but nothing listened on the port. */
    public DeliveryAssert isConnectionRefused() {
        refused();
        return this;
    }

    /** The delivery is a {@link Delivery.ConnectionRefused}; returns it. */
    public Delivery.ConnectionRefused refused() {
        return expectType(Delivery.ConnectionRefused.class, "expected the connection to be refused (nothing listening)");
    }

    /** DNS could not turn the name into an address. */
    public DeliveryAssert isUnknownHost() {
        unknownHost();
        return this;
    }

    /** The delivery is a {@link Delivery.UnknownHost}; returns it. */
    public Delivery.UnknownHost unknownHost() {
        return expectType(Delivery.UnknownHost.class, "expected the name not to resolve (unknown host)");
    }

    /** No host took the address, or the host dropped the message. */
    public DeliveryAssert isHostUnreachable() {
        unreachable();
        return this;
    }

    /** The delivery is a {@link Delivery.HostUnreachable}; returns it. */
    public Delivery.HostUnreachable unreachable() {
        return expectType(Delivery.HostUnreachable.class, "expected the host to be unreachable");
    }

    /** The first hop happened on {@code host}: a trace starts where the message was sent. */
    public DeliveryAssert startsAt(String host) {
        Trace trace = nonEmptyTrace();
        String first = trace.hops().get(0).place().host();
        if (!first.equals(host)) {
            complain("expected the trace to start at the sender " + host + ", but its first hop is on " + first);
        }
        return this;
    }

    /** The last hop happened on {@code host}: where the message was delivered or stopped. */
    public DeliveryAssert endsAt(String host) {
        String last = nonEmptyTrace().last().place().host();
        if (!last.equals(host)) {
            complain("expected the trace to end on " + host + " (where the message stopped), but its last hop is on "
                    + last);
        }
        return this;
    }

    /**
     * Some hop of {@code component} mentions every fragment (ignoring case), such as
     * {@code hasHop("dns", "NXDOMAIN")}.
     */
    public DeliveryAssert hasHop(String component, String... fragments) {
        boolean found = nonEmptyTrace().hops().stream()
                .anyMatch(hop -> hop.component().equals(component) && mentionsAll(hop, fragments));
        if (!found) {
            complain("expected a [" + component + "] hop that mentions " + Arrays.toString(fragments) + ", but none does");
        }
        return this;
    }

    /** No hop of the trace happened on {@code host}: the message never got there. */
    public DeliveryAssert neverVisits(String host) {
        for (Hop hop : nonEmptyTrace().hops()) {
            if (hop.place().host().equals(host)) {
                complain("expected the message never to reach " + host + ", but the trace has a hop there: " + hop);
            }
        }
        return this;
    }

    private static boolean mentionsAll(Hop hop, String... fragments) {
        String decision = hop.decision().toLowerCase(Locale.ROOT);
        return Arrays.stream(fragments).allMatch(f -> decision.contains(f.toLowerCase(Locale.ROOT)));
    }

    private <T extends Delivery> T expectType(Class<T> type, String expected) {
        isNotNull();
        if (!type.isInstance(actual)) {
            complain(expected + ", but " + Explain.outcome(actual));
        }
        return type.cast(actual);
    }

    private Trace nonEmptyTrace() {
        isNotNull();
        if (actual.trace() == null || actual.trace().size() == 0) {
            complain("expected a trace with at least one hop, but " + Explain.outcome(actual));
        }
        return actual.trace();
    }

    private void complain(String remark) {
        failWithMessage("%s", Explain.withTrace(remark, actual.trace()));
    }
}
