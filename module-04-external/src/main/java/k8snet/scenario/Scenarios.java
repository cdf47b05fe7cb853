package k8snet.scenario;

import java.util.List;
import java.util.Optional;

import k8snet.Require;

/**
 * The registry of scenarios, one per course figure, in figure order. This list is the one place a new
 * scenario is added: write its class, then add an instance here.
 */
public final class Scenarios {

    private Scenarios() {
    }

    /** Every scenario, in figure order. */
    public static List<Scenario> all() {
        return List.of(
                new TwoComputers(),
                new SameNodePods(),
                new HostGwPods(),
                new VxlanPods(),
                new ServiceClusterIp(),
                new ServiceReplicas(),
                new PublicName(),
                new IngressByHostAndPath(),
                new ShopApplicationScenario(),
                new NodeCrash());
    }

    /**
     * The scenario with this name.
     *
     * @throws IllegalArgumentException if {@code name} is null
     */
    public static Optional<Scenario> named(String name) {
        Require.nonNull(name, "name");
        return all().stream().filter(s -> s.name().equals(name)).findFirst();
    }

    /** The names, in figure order. */
    public static List<String> names() {
        return all().stream().map(Scenario::name).toList();
    }
}
