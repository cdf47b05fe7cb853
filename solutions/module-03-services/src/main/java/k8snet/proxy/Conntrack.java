package k8snet.proxy;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import k8snet.Require;
import k8snet.trace.Headers;
import k8snet.transport.Protocol;
import k8snet.transport.SocketAddress;

/**
 * One node's connection-tracking table, as kube-proxy relies on it: the flows whose first packet was
 * translated, found again by either direction, forgotten after a time without packets (Linux's
 * {@code nf_conntrack}; Kubernetes docs "Virtual IPs and Service Proxies").
 *
 * <pre>{@code
 * ManualClock clock = new ManualClock();
 * Conntrack ct = new Conntrack(clock);
 * Flow f = ct.track(first, SocketAddress.of("10.244.1.3", 8080));   // first: client -> 10.96.0.10:80
 * ct.lookup(first);            // FlowMatch(f, ORIGINAL)
 * ct.lookup(f.reply());        // FlowMatch(f, REPLY)
 * clock.advance(Conntrack.TCP_TIMEOUT);
 * ct.lookup(first);            // empty: the flow was idle too long
 * }</pre>
 *
 * <p><b>Exercise 3.5 (part 1).</b> Implement every method that throws {@link UnsupportedOperationException}.
 *
 * <h2>Rules</h2>
 * <ul>
 *   <li>A flow is known by two tuples: its original headers (client to Service) and its reply headers (backend
 *       to client); see {@link Flow}. A packet matches a flow when its protocol, source and destination equal
 *       one of them exactly; a VXLAN outer header, if any, plays no part.</li>
 *   <li>Every flow has a last-seen time, set to now (the clock's instant) when it is tracked and each time a
 *       packet matches it, in either direction. It is alive while now is before last-seen + timeout; exactly at
 *       last-seen + timeout it has expired. The timeout depends on the protocol: TCP flows use the TCP timeout,
 *       UDP flows the UDP one.</li>
 *   <li>An expired flow is gone: no lookup finds it, {@link #size()} and {@link #flows()} leave it out, and its
 *       tuples may be tracked again. (Whether you delete it at once or when you next meet it is up to you.)</li>
 *   <li>{@link #track} refuses a flow whose original tuple, or whose reply tuple, a live flow already has: the
 *       kernel could not tell two such flows apart.</li>
 *   <li>{@link #flows()} lists live flows oldest first (by the time they were tracked; ties in tracking order).</li>
 *   <li>{@link #forget} deletes every flow still in the table, alive or expired but not yet removed, whose
 *       backend is that socket, as {@code conntrack -D} does when kube-proxy clears stale UDP entries of a
 *       removed endpoint.</li>
 *   <li>Errors: {@link IllegalArgumentException} for a null argument, a timeout that is not positive (the message
 *       quotes it as {@link Duration#toString()} writes it, such as {@code PT0S}), or a tuple already taken (the
 *       message names the live flow, as {@link Flow#toString()} writes it).</li>
 * </ul>
 *
 * <p>The model keeps one idle timeout per protocol and no TCP states: the kernel also shortens the timeout of
 * closing and half-open TCP connections, which this course does not model.
 */
public final class Conntrack {

    /**
     * How long an idle TCP flow lives: 24 hours, the default of kube-proxy's
     * {@code --conntrack-tcp-timeout-established}, which it writes to the kernel's
     * {@code nf_conntrack_tcp_timeout_established}.
     */
    public static final Duration TCP_TIMEOUT = Duration.ofHours(24);

    /** How long an idle UDP flow lives: 30 seconds, the kernel's {@code nf_conntrack_udp_timeout} default. */
    public static final Duration UDP_TIMEOUT = Duration.ofSeconds(30);

    private final InstantSource clock;
    private final Duration tcpTimeout;
    private final Duration udpTimeout;
    /**
     * The flows, found by original tuple and by reply tuple. Two HashMaps would do; these are flat tables of
     * entries that hold their own packed tuples, so a lookup in a million flows reads two places in memory
     * instead of four to six (see {@link TupleTable}).
     */
    private final TupleTable<Entry> byOriginal = new TupleTable<>(e -> e.originalSource, e -> e.originalDestination);
    private final TupleTable<Entry> byReply = new TupleTable<>(e -> e.replySource, e -> e.replyDestination);
    /** The same flows in tracking order, oldest first: a list threaded through the entries. */
    private Entry oldest;
    private Entry newest;

    /**
     * A table with the default timeouts, {@link #TCP_TIMEOUT} and {@link #UDP_TIMEOUT}.
     *
     * @throws IllegalArgumentException if {@code clock} is null
     */
    public Conntrack(InstantSource clock) {
        this(clock, TCP_TIMEOUT, UDP_TIMEOUT);
    }

    /**
     * A table with these idle timeouts.
     *
     * @throws IllegalArgumentException if an argument is null or a timeout is zero or negative
     */
    public Conntrack(InstantSource clock, Duration tcpTimeout, Duration udpTimeout) {
        this.clock = Require.nonNull(clock, "clock");
        Require.nonNull(tcpTimeout, "tcpTimeout");
        Require.nonNull(udpTimeout, "udpTimeout");
        if (!(!tcpTimeout.isNegative() && !tcpTimeout.isZero())) {
            throw new IllegalArgumentException("A conntrack timeout must be positive, got TCP " + tcpTimeout);
        }
        if (!(!udpTimeout.isNegative() && !udpTimeout.isZero())) {
            throw new IllegalArgumentException("A conntrack timeout must be positive, got UDP " + udpTimeout);
        }
        this.tcpTimeout = tcpTimeout;
        this.udpTimeout = udpTimeout;
    }

    /** The idle timeout of flows of this protocol. @throws IllegalArgumentException if it is null */
    public Duration timeout(Protocol protocol) {
        Require.nonNull(protocol, "protocol");
        return protocol == Protocol.TCP ? tcpTimeout : udpTimeout;
    }

    /**
     * Tracks a new flow: the first packet {@code original} (client to Service) was sent to {@code backend}.
     *
     * @return the new flow, created now
     * @throws IllegalArgumentException if an argument is null, or a live flow has the same original or reply
     *     tuple
     */
    public Flow track(Headers original, SocketAddress backend) {
        Require.nonNull(original, "original");
        Require.nonNull(backend, "backend");
        Instant now = clock.instant();
        Flow flow = new Flow(original.protocol(), original.source(), original.destination(), backend, now);
        Entry entry = new Entry(flow, timeout(flow.protocol()), now);
        Entry taken = live(byOriginal, entry.originalSource, entry.originalDestination, now);
        if (taken == null) {
            taken = live(byReply, entry.replySource, entry.replyDestination, now);
        }
        if (taken != null) {
            throw new IllegalArgumentException("Cannot track " + flow + ": the live flow " + taken.flow
                    + " has the same tuple");
        }
        byOriginal.put(entry);
        byReply.put(entry);
        append(entry);
        return flow;
    }

    /**
     * The live flow this packet belongs to, and its direction; the flow's last-seen time becomes now.
     *
     * @throws IllegalArgumentException if {@code packet} is null
     */
    public Optional<FlowMatch> lookup(Headers packet) {
        Require.nonNull(packet, "packet");
        long source = Entry.pack(packet.protocol(), packet.source());   // outer header ignored
        long destination = Entry.pack(packet.destination());
        Instant now = clock.instant();
        Entry entry = live(byOriginal, source, destination, now);
        FlowMatch.Direction direction = FlowMatch.Direction.ORIGINAL;
        if (entry == null) {
            entry = live(byReply, source, destination, now);
            direction = FlowMatch.Direction.REPLY;
        }
        if (entry == null) {
            return Optional.empty();
        }
        entry.see(now);
        return Optional.of(new FlowMatch(entry.flow, direction));
    }

    /** The number of live flows. */
    public int size() {
        return flows().size();
    }

    /** The live flows, oldest first; unmodifiable. */
    public List<Flow> flows() {
        Instant now = clock.instant();
        List<Flow> live = new ArrayList<>();
        for (Entry e = oldest; e != null; e = e.newer) {
            if (e.alive(now)) {
                live.add(e.flow);
            }
        }
        return List.copyOf(live);
    }

    /**
     * Deletes every flow to {@code backend}.
     *
     * @return how many flows were deleted (expired ones not yet removed included)
     * @throws IllegalArgumentException if {@code backend} is null
     */
    public int forget(SocketAddress backend) {
        Require.nonNull(backend, "backend");
        int removed = 0;
        for (Entry e = oldest; e != null; e = e.newer) {
            if (e.flow.backend().equals(backend)) {
                delete(e);
                removed++;
            }
        }
        return removed;
    }

    /** The entry under this tuple in {@code index} if it is alive; an expired one is deleted. */
    private Entry live(TupleTable<Entry> index, long source, long destination, Instant now) {
        Entry e = index.get(source, destination);
        if (e == null || e.alive(now)) {
            return e;
        }
        delete(e);
        return null;
    }

    private void append(Entry e) {
        e.older = newest;
        if (newest == null) {
            oldest = e;
        } else {
            newest.newer = e;
        }
        newest = e;
    }

    /** Out of both tables and out of the tracking order; e.newer stays, so a walk can go on from e. */
    private void delete(Entry e) {
        byOriginal.remove(e);
        byReply.remove(e);
        if (e.older == null) {
            oldest = e.newer;
        } else {
            e.older.newer = e.newer;
        }
        if (e.newer == null) {
            newest = e.older;
        } else {
            e.newer.older = e.older;
        }
    }

    /**
     * One flow and all a lookup needs of it in one object: its two tuples, each packed into two numbers
     * (address and port of source and destination, and the protocol), its timeout and the time a packet last
     * matched it, kept as numbers so a match writes no new object into an old one.
     */
    private static final class Entry {
        final Flow flow;
        final long originalSource;
        final long originalDestination;
        final long replySource;
        final long replyDestination;
        final Duration timeout;
        long lastSeenSecond;
        int lastSeenNano;
        /** Neighbours in tracking order. */
        Entry older;
        Entry newer;

        Entry(Flow flow, Duration timeout, Instant now) {
            this.flow = flow;
            this.originalSource = pack(flow.protocol(), flow.client());
            this.originalDestination = pack(flow.service());
            this.replySource = pack(flow.protocol(), flow.backend());
            this.replyDestination = pack(flow.client());
            this.timeout = timeout;
            see(now);
        }

        void see(Instant now) {
            lastSeenSecond = now.getEpochSecond();
            lastSeenNano = now.getNano();
        }

        /** Alive while now is before last-seen + timeout. */
        boolean alive(Instant now) {
            return now.isBefore(Instant.ofEpochSecond(lastSeenSecond, lastSeenNano).plus(timeout));
        }

        /** A packet's source and its protocol in one number: 32 bits of address, 16 of port, 1 of protocol. */
        static long pack(Protocol protocol, SocketAddress source) {
            return pack(source) << 1 | protocol.ordinal();
        }

        static long pack(SocketAddress address) {
            return (address.address().toInt() & 0xFFFF_FFFFL) << 16 | address.port().number();
        }

        @Override
        public String toString() {
            return flow.toString();
        }
    }
}
