package k8snet.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The scenario runner's command line (not graded: tag {@code ungraded}). */
@Tag("ungraded")
@DisplayName("The scenario runner's command line")
class ScenarioRunnerTest {

    private final ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
    private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();

    private int run(List<Scenario> scenarios, String... args) {
        PrintStream out = new PrintStream(outBytes, true, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(errBytes, true, StandardCharsets.UTF_8);
        return new ScenarioRunner(out, err, scenarios).run(args);
    }

    private int run(String... args) {
        return run(Scenarios.all(), args);
    }

    private String out() {
        return outBytes.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return errBytes.toString(StandardCharsets.UTF_8);
    }

    /** A scenario that fails the way a student's build does, or another way. */
    private static Scenario failing(String name, Throwable e) {
        return new Scenario() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public int figure() {
                return 9;
            }

            @Override
            public String title() {
                return "a scenario that cannot run";
            }

            @Override
            public String narrative() {
                return "It throws.";
            }

            @Override
            public List<Step> run(long seed) {
                if (e instanceof Error error) {
                    throw error;
                }
                throw (RuntimeException) e;
            }
        };
    }

    @Test
    @DisplayName("--list prints every scenario's name, figure and title, in figure order, and runs none")
    void list() {
        assertThat(run("--list")).isEqualTo(ScenarioRunner.OK);
        List<String> lines = out().lines().toList();
        assertThat(lines).hasSize(Scenarios.all().size());
        for (int i = 0; i < lines.size(); i++) {
            Scenario s = Scenarios.all().get(i);
            assertThat(lines.get(i)).startsWith(s.name() + " ").contains(String.format("figure %2d  ", s.figure()))
                    .endsWith(s.title());
        }
        assertThat(err()).isEmpty();
    }

    @Test
    @DisplayName("--help prints the usage and exits 0")
    void help() {
        assertThat(run("--help")).isEqualTo(ScenarioRunner.OK);
        assertThat(out()).startsWith("Usage: ").contains("--list", "--scenario NAME", "--seed N", "--out DIR", "--help");
    }

    @Test
    @DisplayName("--scenario NAME runs that one, with its narrative, each step's trace and outcome")
    void one() {
        assertThat(run("--scenario", "services", "--seed", "3")).isEqualTo(ScenarioRunner.OK);
        Scenario s = Scenarios.named("services").orElseThrow();
        List<Step> steps = s.run(3);
        assertThat(out()).startsWith("=== figure 5, services: " + s.title() + "\n" + s.narrative() + "\n")
                .endsWith("1 of 1 scenarios ran (seed 3)\n")
                .doesNotContain("=== figure 1,");
        for (Step step : steps) {
            assertThat(out()).contains("--- " + step.label() + "\n" + step.delivery().trace().render() + "\n  => "
                    + step.outcome() + "\n");
        }
        assertThat(err()).isEmpty();
    }

    @Test
    @DisplayName("with no options runs every scenario in figure order, seed 1")
    void all() {
        assertThat(run()).isEqualTo(ScenarioRunner.OK);
        int at = -1;
        for (Scenario s : Scenarios.all()) {
            int here = out().indexOf("=== figure " + s.figure() + ", " + s.name() + ": ");
            assertThat(here).as("the header of %s after the one before", s.name()).isGreaterThan(at);
            at = here;
        }
        assertThat(out()).endsWith(Scenarios.all().size() + " of " + Scenarios.all().size() + " scenarios ran (seed 1)\n");
    }

    @Test
    @DisplayName("--seed=N works as --seed N, and the seed reaches the model")
    void seed() {
        assertThat(run("--scenario=load-balancing", "--seed=5")).isEqualTo(ScenarioRunner.OK);
        String withEquals = out();
        outBytes.reset();
        assertThat(run("--scenario", "load-balancing", "--seed", "5")).isEqualTo(ScenarioRunner.OK);
        assertThat(out()).isEqualTo(withEquals);
        assertThat(withEquals).contains(Scenarios.named("load-balancing").orElseThrow().run(5).get(0).label());
    }

    @Test
    @DisplayName("--out DIR writes one NAME.md per scenario, each a Mermaid sequence diagram that passes the check")
    void out(@TempDir Path dir) throws IOException {
        Path figures = dir.resolve("figures");
        assertThat(run("--out", figures.toString())).isEqualTo(ScenarioRunner.OK);
        try (Stream<Path> files = Files.list(figures)) {
            assertThat(files.map(p -> p.getFileName().toString()).sorted())
                    .containsExactlyElementsOf(Scenarios.names().stream().map(n -> n + ".md").sorted().toList());
        }
        for (Scenario s : Scenarios.all()) {
            String md = Files.readString(figures.resolve(s.name() + ".md"));
            String diagram = md.substring(md.indexOf("```mermaid\n") + "```mermaid\n".length(), md.indexOf("```\n",
                    md.indexOf("```mermaid\n")));
            assertThat(diagram).isEqualTo(SequenceDiagram.of(s.run(1)));
            assertThat(SequenceDiagramTest.MermaidCheck.problems(diagram)).as(s.name()).isEmpty();
            assertThat(out()).contains("wrote " + figures.resolve(s.name() + ".md"));
        }
    }

    @Test
    @DisplayName("--out with one scenario writes only its file")
    void outOne(@TempDir Path dir) throws IOException {
        assertThat(run("--scenario", "vxlan", "--out", dir.toString())).isEqualTo(ScenarioRunner.OK);
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("vxlan.md");
        }
    }

    @Test
    @DisplayName("--out on a path that is a file says so in one line and exits 1")
    void outNotADirectory(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("taken"), "x");
        assertThat(run("--scenario", "vxlan", "--out", file.toString())).isEqualTo(ScenarioRunner.INCOMPLETE);
        assertThat(out()).contains("scenario vxlan: cannot write " + file.resolve("vxlan.md") + ": ")
                .endsWith("0 of 1 scenarios ran (seed 1); not: vxlan\n");
    }

    @Nested
    @DisplayName("a bad command line: one line naming the problem, the usage, exit code 2, nothing run")
    class Bad {

        @ParameterizedTest(name = "{0}")
        @CsvSource(delimiter = '|', value = {
            "--bogus                     | error: unknown option \"--bogus\"",
            "services                    | error: unexpected argument \"services\" (a scenario is chosen with --scenario NAME)",
            "--scenario nope             | error: unknown scenario \"nope\" (known: two-computers, same-node, host-gw, vxlan, services, load-balancing, public-name, ingress, application, node-crash)",
            "--scenario                  | error: --scenario needs a value: --scenario NAME",
            "--seed abc                  | error: --seed needs a whole number, got \"abc\"",
            "--seed 1.5                  | error: --seed needs a whole number, got \"1.5\"",
            "--seed                      | error: --seed needs a value: --seed N",
            "--seed --list               | error: --seed needs a value: --seed N",
            "--seed 1 --seed 2           | error: --seed is given twice",
            "--out                       | error: --out needs a value: --out DIR",
            "--list=yes                  | error: --list takes no value, got \"yes\"",
        })
        void bad(String args, String error) {
            assertThat(run(args.trim().split(" +"))).isEqualTo(ScenarioRunner.USAGE);
            List<String> lines = err().lines().toList();
            assertThat(lines.get(0)).isEqualTo(error);
            assertThat(err()).contains(RunnerOptions.USAGE);
            assertThat(out()).isEmpty();
        }

        @Test
        @DisplayName("an empty --scenario= or --out= value")
        void empty() {
            assertThat(run("--scenario=")).isEqualTo(ScenarioRunner.USAGE);
            assertThat(run("--out=")).isEqualTo(ScenarioRunner.USAGE);
            assertThat(err()).contains("error: --scenario needs a scenario name, got an empty one")
                    .contains("error: --out needs a directory, got an empty one");
        }
    }

    @Nested
    @DisplayName("a scenario that cannot run")
    class CannotRun {

        @Test
        @DisplayName("on a stub: names the exercise it needs, goes on with the next scenario, exits 1, no stack trace")
        void stub() {
            Scenario stub = failing("services", new UnsupportedOperationException(
                    "Exercise 3.5: implement Conntrack.lookup"));
            int code = run(List.of(stub, Scenarios.named("two-computers").orElseThrow()));
            assertThat(code).isEqualTo(ScenarioRunner.INCOMPLETE);
            assertThat(out()).contains("\nscenario services needs exercise 3.5: Exercise 3.5: implement Conntrack.lookup\n")
                    .contains("=== figure 1, two-computers: ")
                    .contains("  => delivered to nginx on server")
                    .endsWith("1 of 2 scenarios ran (seed 1); not: services\n")
                    .doesNotContain("\tat ").doesNotContain("Exception:");
            assertThat(err()).isEmpty();
        }

        @Test
        @DisplayName("on a stub met deeper down: the exercise is found among the causes")
        void wrapped() {
            RuntimeException e = new IllegalStateException("hook failed",
                    new UnsupportedOperationException("Exercise 4.2: implement NodeBalancer.pick"));
            assertThat(ScenarioRunner.problem(failing("public-name", e), e))
                    .isEqualTo("scenario public-name needs exercise 4.2: Exercise 4.2: implement NodeBalancer.pick");
        }

        @Test
        @DisplayName("on a stub met in a static initializer, and on the class it left unusable")
        void staticInitializer() {
            Error init = new ExceptionInInitializerError(new UnsupportedOperationException(
                    "Exercise 2.1: implement Cidr.parse"));
            Error later = new NoClassDefFoundError("Could not initialize class k8snet.ipam.Cidr");
            int code = run(List.of(failing("same-node", init), failing("host-gw", later),
                    failing("vxlan", new StackOverflowError())));
            assertThat(code).isEqualTo(ScenarioRunner.INCOMPLETE);
            assertThat(out()).contains("\nscenario same-node needs exercise 2.1: Exercise 2.1: implement Cidr.parse\n")
                    .contains("\nscenario host-gw failed: NoClassDefFoundError: Could not initialize class k8snet.ipam.Cidr\n")
                    .contains("\nscenario vxlan failed: StackOverflowError\n")
                    .endsWith("0 of 3 scenarios ran (seed 1); not: same-node, host-gw, vxlan\n");
        }

        @Test
        @DisplayName("for another reason: one line with the scenario, the exception and its message")
        void other() {
            int code = run(List.of(failing("broken", new IllegalStateException("no route\nat all"))));
            assertThat(code).isEqualTo(ScenarioRunner.INCOMPLETE);
            assertThat(out()).contains("\nscenario broken failed: IllegalStateException: no route at all\n")
                    .doesNotContain("\tat ");
            RuntimeException plain = new UnsupportedOperationException("not an exercise");
            assertThat(ScenarioRunner.problem(failing("x", plain), plain))
                    .isEqualTo("scenario x failed: UnsupportedOperationException: not an exercise");
            RuntimeException silent = new NullPointerException();
            assertThat(ScenarioRunner.problem(failing("x", silent), silent))
                    .isEqualTo("scenario x failed: NullPointerException");
        }
    }

    @Test
    @DisplayName("refuses null arguments with IllegalArgumentException")
    void nulls() {
        assertThatIllegalArgumentException().isThrownBy(() -> run((String[]) null));
        assertThatIllegalArgumentException().isThrownBy(() -> run("--list", null));
        assertThatIllegalArgumentException().isThrownBy(() -> new ScenarioRunner(null, System.err));
    }
}
