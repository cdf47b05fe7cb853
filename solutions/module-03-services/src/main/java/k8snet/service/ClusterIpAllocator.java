package k8snet.service;

import java.util.HashMap;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

import k8snet.Require;
import k8snet.ip.Ipv4Address;
import k8snet.ipam.Cidr;

/** Reference solution of exercise 3.3 (the specification is the stub's Javadoc). */
public final class ClusterIpAllocator {

    private static final Pattern RFC_1035_LABEL = Pattern.compile("[a-z]([-a-z0-9]{0,61}[a-z0-9])?");

    /** The blog's min(max(MIN_BAND, size / BAND_STEP), MAX_BAND). */
    private static final long MIN_BAND = 16;
    private static final long BAND_STEP = 16;
    private static final long MAX_BAND = 256;

    private static final long NONE = -1;

    private final Cidr range;
    /** Usable addresses are the offsets 1 to lastUsable; the static band is 1 to staticBand. */
    private final long lastUsable;
    private final int staticBand;
    private final NavigableMap<Long, String> serviceAtOffset = new TreeMap<>();
    private final Map<String, Ipv4Address> addressOfService = new HashMap<>();
    /**
     * Below these offsets every address of the dynamic band, and of the static band, is taken: the search for the
     * lowest free one starts there, so 10,000 allocations do not each walk the ones before them.
     */
    private long dynamicFloor;
    private long staticFloor = 1;

    public ClusterIpAllocator(Cidr serviceRange) {
        this.range = Require.nonNull(serviceRange, "service range");
        if (serviceRange.prefixLength() > 29) {
            throw new IllegalArgumentException("A Service ClusterIP range must hold at least 8 "
                    + "addresses (a /29 or larger): " + serviceRange);
        }
        if (serviceRange.prefixLength() < 12) {
            throw new IllegalArgumentException("A Service ClusterIP range is too large: kube-apiserver takes at most "
                    + "2^20 addresses (a /12 or smaller): " + serviceRange);
        }
        long size = serviceRange.size();
        this.lastUsable = size - 2;
        this.staticBand = size <= MIN_BAND ? 0 : (int) Math.min(Math.max(MIN_BAND, size / BAND_STEP), MAX_BAND);
        this.dynamicFloor = staticBand + 1L;
    }

    public static ClusterIpAllocator defaults() {
        return new ClusterIpAllocator(Cidr.parse("10.96.0.0/12"));
    }

    public Cidr range() {
        return range;
    }

    public int staticBandSize() {
        return staticBand;
    }

    public Ipv4Address kubernetesServiceIp() {
        return range.firstUsable();
    }

    public int allocatedCount() {
        return addressOfService.size();
    }

    public Ipv4Address allocate(String service) {
        checkNewService(service);
        long offset = lowestFree(dynamicFloor, lastUsable);
        if (offset != NONE) {
            dynamicFloor = offset;            // everything below it is taken
        } else {
            offset = lowestFree(staticFloor, staticBand);
            if (offset != NONE) {
                staticFloor = offset;
            }
        }
        if (offset == NONE) {
            throw new IllegalStateException("No free ClusterIP for Service '" + service + "': all " + lastUsable
                    + " usable addresses of " + range + " are allocated");
        }
        return take(service, offset);
    }

    public Ipv4Address allocate(String service, Ipv4Address requested) {
        checkNewService(service);
        Require.nonNull(requested, "requested ClusterIP");
        String refused = "Requested ClusterIP " + requested + " for Service '" + service + "' ";
        if (!range.contains(requested)) {
            throw new IllegalArgumentException(refused + "is outside the Service range " + range);
        }
        long offset = requested.toLong() - range.network().toLong();
        if (offset == 0) {
            throw new IllegalArgumentException(refused + "is the network address of the Service range " + range);
        }
        if (offset > lastUsable) {
            throw new IllegalArgumentException(refused + "is the broadcast address of the Service range " + range);
        }
        String holder = serviceAtOffset.get(offset);
        if (holder != null) {
            throw new IllegalStateException(refused + "is allocated to Service '" + holder + "' already");
        }
        return take(service, offset);
    }

    public void release(Ipv4Address address) {
        Require.nonNull(address, "address");
        String service = range.contains(address)
                ? serviceAtOffset.remove(address.toLong() - range.network().toLong()) : null;
        if (service == null) {
            throw new IllegalArgumentException("Cannot release " + address + ": no Service holds it in " + range);
        }
        addressOfService.remove(service);
        long offset = address.toLong() - range.network().toLong();
        if (offset > staticBand) {
            dynamicFloor = Math.min(dynamicFloor, offset);
        } else {
            staticFloor = Math.min(staticFloor, offset);
        }
    }

    public Optional<String> serviceAt(Ipv4Address address) {
        Require.nonNull(address, "address");
        return Optional.ofNullable(range.contains(address)
                ? serviceAtOffset.get(address.toLong() - range.network().toLong()) : null);
    }

    public Optional<Ipv4Address> addressOf(String service) {
        Require.nonNull(service, "service");
        return Optional.ofNullable(addressOfService.get(service));
    }

    private void checkNewService(String service) {
        Require.nonNull(service, "service");
        if (!RFC_1035_LABEL.matcher(service).matches()) {
            throw new IllegalArgumentException("A Service name is an RFC 1035 label (1-63 of "
                    + "a-z, 0-9 and '-', starting with a letter, ending with a letter or digit): '" + service + "'");
        }
        Ipv4Address held = addressOfService.get(service);
        if (held != null) {
            throw new IllegalStateException("Service '" + service + "' holds the ClusterIP " + held + " already");
        }
    }

    /** The lowest offset in {@code from..to} that no Service holds, or {@link #NONE}. */
    private long lowestFree(long from, long to) {
        long candidate = from;
        for (long used : serviceAtOffset.tailMap(from, true).keySet()) {
            if (used != candidate) {
                break;
            }
            candidate++;
        }
        return candidate <= to ? candidate : NONE;
    }

    private Ipv4Address take(String service, long offset) {
        Ipv4Address address = range.address(offset);
        if (offset == dynamicFloor) {
            dynamicFloor++;
        } else if (offset == staticFloor) {
            staticFloor++;
        }
        serviceAtOffset.put(offset, service);
        addressOfService.put(service, address);
        return address;
    }
}
