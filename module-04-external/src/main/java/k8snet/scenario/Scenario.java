package k8snet.scenario;

import java.util.List;

/**
 * One figure of the course as a story the model can act out: it builds a fresh network, sends the figure's
 * packets (and their replies), and returns each delivery with its trace. The scenario runner
 * ({@link ScenarioRunner}) prints them and draws them as Mermaid sequence diagrams ({@link SequenceDiagram}).
 *
 * <pre>{@code
 * Scenario s = Scenarios.named("services").orElseThrow();
 * for (Step step : s.run(1)) {
 *     System.out.println(step.label() + ": " + step.outcome());
 *     System.out.println(step.delivery().trace().render());
 * }
 * }</pre>
 *
 * <p>A scenario is stateless: every {@link #run} builds its own model, so two runs with the same seed print
 * the same traces. It uses only the modules' entry points (module 1's {@code Network},
 * {@code PodNetwork}, {@code ServiceNetwork}, {@code Cluster}), so on a student's build it runs as far as
 * the student's code does: a stub that is not written yet throws its {@code "Exercise N.M: ..."}
 * {@link UnsupportedOperationException}, which the runner reports as the exercise the scenario needs.
 *
 * <p>To add a figure, write one class that implements this interface and add an instance to
 * {@link Scenarios#all()}, in figure order.
 */
public interface Scenario {

    /** The name the runner knows it by, a lower-case word or words joined by {@code -}: {@code two-computers}. */
    String name();

    /** The course figure it shows, from 1. */
    int figure();

    /** One line: what the figure shows. */
    String title();

    /** A sentence or two for the reader: the setup, and what to look for in the traces. */
    String narrative();

    /**
     * Builds the scenario's network and sends its packets.
     *
     * @param seed the seed of every random choice in the model (load balancers, kube-proxy's random chains);
     *     scenarios without random choices ignore it
     * @return the deliveries in the order they happened, at least one
     * @throws UnsupportedOperationException when a part of the model it needs is still a student's stub
     */
    List<Step> run(long seed);
}
