package k8snet.dns;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import k8snet.Require;
import k8snet.ip.Ipv4Address;

/**
 * The DNS data of the model's small world: every name the model knows, with its records. Think of it as
 * the union of the authoritative zones a resolver could ask; the model does not split it into delegated
 * zones.
 *
 * <pre>{@code
 * DnsZone zone = new DnsZone();
 * zone.addA("web.example.com", "203.0.113.10", Duration.ofMinutes(5));
 * zone.addA("web.example.com", "203.0.113.11", Duration.ofMinutes(5));   // several A records per name
 * zone.addCname("www.example.com", "web.example.com", Duration.ofHours(1));
 * zone.records(Hostname.parse("WWW.example.com"));   // [the CNAME]
 * }</pre>
 *
 * <p>Rules kept: a name that has a CNAME has no other record, and at most one CNAME (RFC 1034 3.6.2,
 * RFC 2181 10.1); adding the same A record twice keeps one (a record set has no duplicates,
 * RFC 2181 5). Records keep the order they were added in.
 */
public final class DnsZone {

    private final Map<Hostname, List<DnsRecord>> byName = new LinkedHashMap<>();

    /**
     * Adds a record.
     *
     * @throws IllegalArgumentException if {@code record} is null, or it would give a name both a CNAME
     *     and another record, or two CNAMEs
     */
    public void add(DnsRecord record) {
        Require.nonNull(record, "record");
        List<DnsRecord> existing = byName.computeIfAbsent(record.name(), n -> new ArrayList<>());
        boolean hasCname = existing.stream().anyMatch(r -> r instanceof DnsRecord.Cname);
        if (hasCname || (record instanceof DnsRecord.Cname && !existing.isEmpty())) {
            throw new IllegalArgumentException("A name with a CNAME can have no other record (RFC 1034 3.6.2): "
                    + record.name() + " already has " + existing + ", cannot add " + record);
        }
        boolean duplicate = record instanceof DnsRecord.A a && existing.stream()
                .anyMatch(r -> r instanceof DnsRecord.A other && other.address().equals(a.address()));
        if (!duplicate) {
            existing.add(record);
        }
    }

    /** Adds an A record from text; see {@link #add}. */
    public void addA(String name, String address, Duration ttl) {
        add(new DnsRecord.A(Hostname.parse(name), Ipv4Address.parse(address), ttl));
    }

    /** Adds a CNAME record from text; see {@link #add}. */
    public void addCname(String alias, String target, Duration ttl) {
        add(new DnsRecord.Cname(Hostname.parse(alias), Hostname.parse(target), ttl));
    }

    /**
     * Removes every record of a name.
     *
     * @return true if the name had records
     */
    public boolean remove(Hostname name) {
        Require.nonNull(name, "name");
        List<DnsRecord> gone = byName.remove(name);
        return gone != null && !gone.isEmpty();
    }

    /** The records of a name, in the order added; empty if the name is unknown. */
    public List<DnsRecord> records(Hostname name) {
        Require.nonNull(name, "name");
        return List.copyOf(byName.getOrDefault(name, List.of()));
    }

    /** True if the zone has at least one record for the name. */
    public boolean contains(Hostname name) {
        return !records(name).isEmpty();
    }

    /** Every record, grouped by name in the order names were first added. */
    public List<DnsRecord> allRecords() {
        return byName.values().stream().flatMap(List::stream).toList();
    }
}
