package k8snet.testkit;

import java.util.function.Supplier;

import k8snet.dns.DnsResult;
import k8snet.net.Delivery;
import k8snet.trace.Trace;

/**
 * Turns the model's results into the sentences a failing test shows a student: what happened, in
 * networking terms, followed by the packet trace. Shared by the tests of every module; not graded.
 *
 * <pre>{@code
 * Explain.outcome(delivery);
 * // "the connection was refused at server: nothing listens on 10.0.0.2:80"
 * Explain.withTrace("expected nginx to get the message, but " + Explain.outcome(delivery), delivery.trace());
 * assertThat(delivered.host().name()).as(Explain.why("nginx runs on server", delivery)).isEqualTo("server");
 * }</pre>
 */
public final class Explain {

    private Explain() {
    }

    /** One sentence saying how a delivery ended; safe on any delivery, even one with an empty trace. */
    public static String outcome(Delivery delivery) {
        if (delivery == null) {
            return "send returned null instead of a Delivery";
        }
        if (delivery instanceof Delivery.Delivered d) {
            return "it reached " + d.application() + " on " + d.host().name() + " (" + d.message() + ")";
        }
        if (delivery instanceof Delivery.UnknownHost u) {
            return "the name " + u.name() + " did not resolve: " + dns(u.result());
        }
        if (delivery instanceof Delivery.HostUnreachable h) {
            return "host " + h.address() + " was unreachable: " + h.reason();
        }
        if (delivery instanceof Delivery.Dropped d) {
            return "it was dropped" + at(d.trace()) + ": " + d.reason();
        }
        Delivery.ConnectionRefused r = (Delivery.ConnectionRefused) delivery;
        return "the connection was refused" + at(r.trace()) + ": nothing listens on " + r.destination();
    }

    /** A DNS result in the words of {@code dig}: the status, the chain of names and the answer. */
    public static String dns(DnsResult result) {
        String chain = result.chain().size() > 1 ? " (CNAME chain " + result.chain() + ")" : "";
        if (result instanceof DnsResult.Answer a) {
            return "NOERROR, A " + a.addresses() + chain;
        }
        if (result instanceof DnsResult.NxDomain) {
            return "NXDOMAIN" + chain;
        }
        if (result instanceof DnsResult.NoData) {
            return "NODATA (the name exists without an A record)" + chain;
        }
        return "SERVFAIL (" + ((DnsResult.ServerFailure) result).reason() + ")" + chain;
    }

    /**
     * {@code remark}, then "Packet trace:" and the numbered hops, then, where the reference solution's trace for
     * the same send is known and differs, its hops from the first that differs ({@link ReferenceTraces}).
     */
    public static String withTrace(String remark, Trace trace) {
        if (trace == null) {
            return remark + "\nPacket trace:\n   (no trace: the delivery carried none)";
        }
        String besides = ReferenceTraces.besides(trace).map(diff -> "\n" + diff).orElse("");
        return remark + "\nPacket trace:\n" + trace.render() + besides;
    }

    /**
     * {@link #withTrace}, made only if the assertion it describes fails ({@code assertThat(x).as(traced(...))}):
     * rendering a trace and comparing it with the reference's costs more than most assertions, and a passing
     * test needs neither. The send is numbered now, just as {@code withTrace} would number it here.
     */
    public static Supplier<String> traced(String remark, Trace trace) {
        if (trace != null) {
            ReferenceTraces.sent(trace);
        }
        return () -> withTrace(remark, trace);
    }

    /**
     * A description for an assertion about {@code delivery}, made only if the assertion fails: {@code remark},
     * how the delivery ended and its trace, as {@link #withTrace} writes them. The send is numbered now, so it
     * is the same send as in the reference's run ({@link ReferenceTraces}).
     */
    public static Supplier<String> why(String remark, Delivery delivery) {
        if (delivery != null) {
            ReferenceTraces.seen(delivery.trace());
        }
        return () -> withTrace(remark + "; " + outcome(delivery), delivery == null ? null : delivery.trace());
    }

    /** The outcome sentence with the delivery's own trace. */
    public static String describe(Delivery delivery) {
        return withTrace(outcome(delivery), delivery == null ? null : delivery.trace());
    }

    private static String at(Trace trace) {
        return trace.size() == 0 ? "" : " at " + trace.last().place().host();
    }
}
