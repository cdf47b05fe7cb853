package k8snet.testkit;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.assertj.core.api.AbstractObjectAssert;

import k8snet.net.Delivery;
import k8snet.trace.Action;
import k8snet.trace.Hop;
import k8snet.trace.Place;
import k8snet.trace.Trace;

/**
 * AssertJ assertions on a {@link Delivery} whose failures read like a teacher's remark and always end with
 * the packet trace, followed by the reference solution's trace for the same send from the first hop where
 * they differ ({@link ReferenceTraces}). Shared by the tests of every module; not graded.
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

    /**
     * Starts an assertion on a delivery; its trace becomes the test's next numbered send, whose reference trace a
     * failure prints beside it ({@link ReferenceTraces}: the test class needs
     * {@code @ExtendWith(ReferenceTraces.class)}).
     */
    public static DeliveryAssert assertThatDelivery(Delivery actual) {
        if (actual != null) {
            ReferenceTraces.seen(actual.trace());
        }
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

    /**
     * A hop on the way dropped the packet ({@link Delivery.Dropped}) and the last hop's action is {@code cause},
     * such as {@code Action.NO_ROUTE}.
     */
    public DeliveryAssert isDroppedBy(Action cause) {
        String expected = "expected the packet to be dropped (" + cause + ")";
        Delivery.Dropped d = expectType(Delivery.Dropped.class, expected);
        if (d.endedBy() != cause) {
            complain(expected + ", but the last hop's action is " + d.endedBy() + ": " + d.trace().last());
        }
        return this;
    }

    /** The delivery is a {@link Delivery.Dropped}; returns it. */
    public Delivery.Dropped dropped() {
        return expectType(Delivery.Dropped.class, "expected the packet to be dropped on the way");
    }

    /** The typed hops' actions, first to last, are exactly {@code actions} (untyped hops are skipped). */
    public DeliveryAssert hasActions(Action... actions) {
        List<Action> actual = actions(nonEmptyTrace());
        if (!actual.equals(Arrays.asList(actions))) {
            complain("expected the hops to do, in this order,\n  " + Arrays.asList(actions) + "\nbut they did\n  "
                    + actual);
        }
        return this;
    }

    /** {@code actions} occur in the trace in this order, possibly with other hops between them. */
    public DeliveryAssert hasActionsInOrder(Action... actions) {
        List<Action> actual = actions(nonEmptyTrace());
        int next = 0;
        for (Action a : actual) {
            if (next < actions.length && a == actions[next]) {
                next++;
            }
        }
        if (next < actions.length) {
            complain("expected the hops to do " + Arrays.asList(actions) + " in this order, but after "
                    + Arrays.asList(actions).subList(0, next) + " no hop does " + actions[next]
                    + "; the hops did " + actual);
        }
        return this;
    }

    /**
     * The hops happen at these places in this order, possibly with other places between them; a place is
     * written as {@code Place.toString()} shows it without its device ({@code node-1}, {@code node-1/web-1}).
     */
    public DeliveryAssert visitsInOrder(String... places) {
        List<String> actual = nonEmptyTrace().hops().stream().map(DeliveryAssert::where).toList();
        int next = 0;
        for (String p : actual) {
            if (next < places.length && p.equals(places[next])) {
                next++;
            }
        }
        if (next < places.length) {
            complain("expected the packet to pass through " + Arrays.asList(places) + " in this order, but after "
                    + Arrays.asList(places).subList(0, next) + " it never reaches " + places[next]);
        }
        return this;
    }

    /** The first hop whose action is {@code action}; fails if there is none. */
    public Hop hop(Action action) {
        return nonEmptyTrace().hops().stream().filter(h -> h.action() == action).findFirst()
                .orElseGet(() -> {
                    complain("expected a hop that does " + action + ", but none does; the hops did "
                            + actions(actual.trace()));
                    return null;
                });
    }

    /** Every hop whose action is {@code action}, in order. */
    public List<Hop> hops(Action action) {
        return nonEmptyTrace().hops().stream().filter(h -> h.action() == action).toList();
    }

    private static List<Action> actions(Trace trace) {
        return trace.hops().stream().map(Hop::action).filter(a -> a != Action.NOTE).toList();
    }

    private static String where(Hop hop) {
        Place p = hop.place();
        return p.namespace().isEmpty() ? p.host() : p.host() + "/" + p.namespace();
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
