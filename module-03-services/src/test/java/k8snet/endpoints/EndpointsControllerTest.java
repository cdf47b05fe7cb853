package k8snet.endpoints;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static k8snet.testkit.Theories.lines;
import static k8snet.testkit.Theories.named;
import static k8snet.testkit.Theories.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import k8snet.balance.Endpoint;
import k8snet.ip.Ipv4Address;
import k8snet.labels.Labels;
import k8snet.labels.Selector;
import k8snet.transport.Port;
import k8snet.transport.Protocol;
import k8snet.transport.SocketAddress;

@DisplayName("The endpoints controller, which turns a Service's pods into EndpointSlices (exercise 3.2)")
class EndpointsControllerTest {

    private static final EndpointConditions READY = new EndpointConditions(true, true, false);
    private static final EndpointConditions NOT_READY = new EndpointConditions(false, false, false);
    private static final EndpointConditions SERVING_TERMINATING = new EndpointConditions(false, true, true);
    private static final EndpointConditions TERMINATING = new EndpointConditions(false, false, true);

    private static Ipv4Address ip(String text) {
        return Ipv4Address.parse(text);
    }

    /** A pod labelled app=web with no named container ports. */
    private static PodState web(String name, String ip, boolean ready, boolean terminating) {
        return pod(name, Labels.of("app", "web"), ip, ready, terminating, Map.of());
    }

    private static PodState pod(String name, Labels labels, String ip, boolean ready, boolean terminating,
            Map<String, Port> ports) {
        return new PodState(name, labels, Optional.ofNullable(ip).map(Ipv4Address::parse), ready, terminating, ports);
    }

    private static PodState readyWeb(String name, String ip) {
        return web(name, ip, true, false);
    }

    /** Service "web", selector app=web, one unnamed port 80 with no targetPort. */
    private static ServiceSpec webService() {
        return new ServiceSpec("web", Selector.parse("app=web"), List.of(ServicePort.tcp("", 80)));
    }

    private static EndpointsController controllerWith(ServiceSpec service, PodState... pods) {
        EndpointsController controller = new EndpointsController();
        controller.setService(service);
        for (PodState pod : pods) {
            controller.setPod(pod);
        }
        return controller;
    }

    private static Endpoint endpoint(String pod, String ip, int port) {
        return new Endpoint(pod, new SocketAddress(ip(ip), Port.of(port)));
    }

    private static SlicePort tcp(String name, int port) {
        return new SlicePort(name, Protocol.TCP, Port.of(port));
    }

    private static List<String> podsOf(EndpointSlice slice) {
        return slice.endpoints().stream().map(EndpointEntry::pod).toList();
    }

    @Nested
    @DisplayName("is set up with a slice size")
    class Construction {

        @Test
        @DisplayName("of 100 endpoints by default, kube-controller-manager's --max-endpoints-per-slice")
        void defaultSize() {
            assertThat(new EndpointsController().maxPerSlice()).as("the default --max-endpoints-per-slice")
                    .isEqualTo(100).isEqualTo(EndpointsController.DEFAULT_MAX_PER_SLICE);
            assertThat(EndpointsController.MAX_MAX_PER_SLICE).isEqualTo(1000);
        }

        @ParameterizedTest(name = "maxPerSlice {0} is accepted")
        @CsvSource({"1", "2", "100", "999", "1000"})
        void acceptsOneToAThousand(int size) {
            assertThat(new EndpointsController(size).maxPerSlice()).as("slices of at most %d endpoints", size)
                    .isEqualTo(size);
        }

        @ParameterizedTest(name = "maxPerSlice {0} is rejected")
        @CsvSource({"0", "-1", "1001", "-2147483648", "2147483647"})
        void rejectsOthers(int size) {
            assertThatIllegalArgumentException()
                    .as("--max-endpoints-per-slice accepts 1 to 1000, so %d is rejected", size)
                    .isThrownBy(() -> new EndpointsController(size)).withMessageContaining(String.valueOf(size));
        }

        @Test
        @DisplayName("rejects null arguments and unknown Services with an IllegalArgumentException")
        void rejectsBadArguments() {
            EndpointsController controller = controllerWith(webService());
            assertThatIllegalArgumentException().as("setService(null)").isThrownBy(() -> controller.setService(null));
            assertThatIllegalArgumentException().as("setPod(null)").isThrownBy(() -> controller.setPod(null));
            assertThatIllegalArgumentException().as("removePod(null)").isThrownBy(() -> controller.removePod(null));
            assertThatIllegalArgumentException().as("removeService(null)")
                    .isThrownBy(() -> controller.removeService(null));
            assertThatIllegalArgumentException().as("slices(null)").isThrownBy(() -> controller.slices(null));
            assertThatIllegalArgumentException().as("usable(null, \"\")")
                    .isThrownBy(() -> controller.usable(null, ""));
            assertThatIllegalArgumentException().as("usable(\"web\", null)")
                    .isThrownBy(() -> controller.usable("web", null));
            assertThatIllegalArgumentException().as("there is no Service \"api\"")
                    .isThrownBy(() -> controller.slices("api")).withMessageContaining("api");
            assertThatIllegalArgumentException().as("there is no Service \"api\"")
                    .isThrownBy(() -> controller.usable("api", "")).withMessageContaining("api");
            assertThatIllegalArgumentException().as("Service web has only its unnamed port, not \"http\"")
                    .isThrownBy(() -> controller.usable("web", "http")).withMessageContaining("http");
        }

        @Test
        @DisplayName("removing an unknown pod or Service does nothing")
        void removeUnknown() {
            EndpointsController controller = controllerWith(webService(), readyWeb("web-1", "10.244.1.2"));
            controller.removePod("web-9");
            controller.removeService("api");
            assertThat(controller.usable("web", "")).containsExactly(endpoint("web-1", "10.244.1.2", 80));
        }
    }

    @Nested
    @DisplayName("gives each endpoint its conditions")
    class Conditions {

        @ParameterizedTest(name = "a pod ready={0}, terminating={1} is ready={2}, serving={3}, terminating={4}")
        @CsvSource({
            "true,  false, true,  true,  false",
            "false, false, false, false, false",
            "true,  true,  false, true,  true",
            "false, true,  false, false, true",
        })
        void conditions(boolean ready, boolean terminating, boolean isReady, boolean serving, boolean isTerminating) {
            EndpointsController controller = controllerWith(webService(),
                    web("web-1", "10.244.1.2", ready, terminating));
            assertThat(controller.slices("web")).as("one pod, one slice")
                    .containsExactly(new EndpointSlice("web", List.of(tcp("", 80)),
                            List.of(new EndpointEntry("web-1", ip("10.244.1.2"),
                                    new EndpointConditions(isReady, serving, isTerminating)))));
        }

        @Test
        @DisplayName("a pod without an IP yet is no endpoint, whatever its readiness")
        void noIpNoEndpoint() {
            EndpointsController controller = controllerWith(webService(), web("web-1", null, true, false),
                    web("web-2", null, true, true));
            assertThat(controller.slices("web")).as("pods without an IP have nothing to list").isEmpty();
            assertThat(controller.usable("web", "")).as("nothing to send traffic to").isEmpty();
        }

        @Test
        @DisplayName("a Service without matching pods has no slices")
        void nothingSelected() {
            EndpointsController controller = controllerWith(webService(),
                    pod("db-0", Labels.of("app", "db"), "10.244.1.9", true, false, Map.of()));
            assertThat(controller.slices("web")).as("app=db does not match app=web").isEmpty();
            assertThat(controller.usable("web", "")).isEmpty();
        }

        @Test
        @DisplayName("a Service with an empty selector has no selector: no endpoints and no slices from the controller")
        void emptySelector() {
            EndpointsController controller = controllerWith(
                    new ServiceSpec("manual", Selector.everything(), List.of(ServicePort.tcp("", 8080))),
                    pod("b", Labels.empty(), "10.244.1.3", true, false, Map.of()),
                    pod("a", Labels.of("app", "db"), "10.244.1.2", true, false, Map.of()));
            assertThat(controller.usable("manual", "")).as("an empty selector would match any labels, but a Service "
                    + "without a selector is skipped by the controller: its endpoints are written by hand")
                    .isEmpty();
            assertThat(controller.slices("manual")).as("nor does the controller write slices for it").isEmpty();
        }
    }

    @Nested
    @DisplayName("tells kube-proxy which endpoints to use")
    class Usable {

        @Test
        @DisplayName("selects with set-based requirements too: in, notin and the absence of a key")
        void setBasedSelectors() {
            PodState a = pod("p-a", Labels.of("tier", "a"), "10.244.1.2", true, false, Map.of());
            PodState b = pod("p-b", Labels.of("tier", "b"), "10.244.1.3", true, false, Map.of());
            PodState c = pod("p-c", Labels.of("tier", "c", "canary", "yes"), "10.244.1.4", true, false, Map.of());
            PodState bare = pod("p-d", Labels.empty(), "10.244.1.5", true, false, Map.of());
            for (String[] row : new String[][] {
                    {"tier in (a,b)", "p-a p-b"}, {"tier notin (a)", "p-b p-c p-d"}, {"!canary", "p-a p-b p-d"},
                    {"tier in (b,c),!canary", "p-b"}}) {
                EndpointsController controller = controllerWith(new ServiceSpec("s", Selector.parse(row[0]),
                        List.of(ServicePort.tcp("", 80))), a, b, c, bare);
                assertThat(controller.usable("s", "")).extracting(Endpoint::pod)
                        .as("selector %s picks every pod whose labels satisfy it, in name order", row[0])
                        .containsExactly(row[1].split(" "));
            }
        }

        @Test
        @DisplayName("the ready ones only, sorted by pod name, while any is ready")
        void readyOnly() {
            EndpointsController controller = controllerWith(webService(),
                    readyWeb("web-c", "10.244.2.7"),
                    web("web-b", "10.244.1.5", false, false),
                    web("web-d", "10.244.1.6", true, true),
                    readyWeb("web-a", "10.244.1.4"));
            assertThat(controller.usable("web", ""))
                    .as("web-b is not ready and web-d terminates while web-a and web-c are ready: only those two")
                    .containsExactly(endpoint("web-a", "10.244.1.4", 80), endpoint("web-c", "10.244.2.7", 80));
        }

        @Test
        @DisplayName("falls back to the serving terminating ones when none is ready")
        void fallback() {
            EndpointsController controller = controllerWith(webService(),
                    web("web-3", "10.244.1.4", true, true),
                    web("web-2", "10.244.1.3", false, true),
                    web("web-1", "10.244.1.2", true, true),
                    web("web-4", "10.244.1.5", false, false));
            assertThat(controller.usable("web", ""))
                    .as("no ready endpoint is left: kube-proxy uses those still serving while terminating (web-1 "
                            + "and web-3), not web-2 (terminating, not serving) nor web-4 (not ready)")
                    .containsExactly(endpoint("web-1", "10.244.1.2", 80), endpoint("web-3", "10.244.1.4", 80));
        }

        @Test
        @DisplayName("drops the fallback as soon as one endpoint is ready again")
        void fallbackOnlyWithoutReady() {
            EndpointsController controller = controllerWith(webService(), web("old-1", "10.244.1.2", true, true));
            assertThat(controller.usable("web", "")).as("only old-1, serving while terminating")
                    .containsExactly(endpoint("old-1", "10.244.1.2", 80));
            controller.setPod(web("new-1", "10.244.1.3", false, false));
            assertThat(controller.usable("web", "")).as("new-1 is not ready yet: still the fallback")
                    .containsExactly(endpoint("old-1", "10.244.1.2", 80));
            controller.setPod(readyWeb("new-1", "10.244.1.3"));
            assertThat(controller.usable("web", "")).as("new-1 is ready: the terminating old-1 is no longer used")
                    .containsExactly(endpoint("new-1", "10.244.1.3", 80));
        }

        @Test
        @DisplayName("nothing when no endpoint is ready or serving, though the slices list them")
        void nothing() {
            EndpointsController controller = controllerWith(webService(),
                    web("web-1", "10.244.1.2", false, false), web("web-2", "10.244.1.3", false, true));
            assertThat(controller.usable("web", "")).as("an unready pod and a terminating non-serving pod: "
                    + "kube-proxy has nothing to use and rejects the traffic").isEmpty();
            assertThat(controller.slices("web")).as("the slice still lists both, with their conditions")
                    .containsExactly(new EndpointSlice("web", List.of(tcp("", 80)), List.of(
                            new EndpointEntry("web-1", ip("10.244.1.2"), NOT_READY),
                            new EndpointEntry("web-2", ip("10.244.1.3"), TERMINATING))));
        }
    }

    @Nested
    @DisplayName("resolves each Service port on each pod")
    class Ports {

        @Test
        @DisplayName("without a targetPort, the pods listen on the Service port's number")
        void defaultsToPort() {
            EndpointsController controller = controllerWith(
                    new ServiceSpec("web", Selector.parse("app=web"), List.of(ServicePort.tcp("", 8443))),
                    readyWeb("web-1", "10.244.1.2"));
            assertThat(controller.slices("web")).as("targetPort defaults to port, 8443")
                    .containsExactly(new EndpointSlice("web", List.of(tcp("", 8443)),
                            List.of(new EndpointEntry("web-1", ip("10.244.1.2"), READY))));
            assertThat(controller.usable("web", "")).containsExactly(endpoint("web-1", "10.244.1.2", 8443));
        }

        @Test
        @DisplayName("a numeric targetPort is used as it is, whatever the pods call their ports")
        void numericTarget() {
            EndpointsController controller = controllerWith(
                    new ServiceSpec("web", Selector.parse("app=web"),
                            List.of(ServicePort.tcp("", 80, TargetPort.number(9376)))),
                    pod("web-1", Labels.of("app", "web"), "10.244.1.2", true, false, Map.of("http", Port.of(8080))));
            assertThat(controller.usable("web", "")).as("port 80 goes to 9376 on the pod")
                    .containsExactly(endpoint("web-1", "10.244.1.2", 9376));
            assertThat(controller.slices("web").get(0).ports()).containsExactly(tcp("", 9376));
        }

        @Test
        @DisplayName("a named targetPort is looked up on each pod: two numbers make two slices")
        void namedPerPod() {
            ServiceSpec service = new ServiceSpec("web", Selector.parse("app=web"),
                    List.of(ServicePort.tcp("", 80, TargetPort.named("http"))));
            EndpointsController controller = controllerWith(service,
                    pod("web-c", Labels.of("app", "web"), "10.244.1.4", true, false, Map.of("http", Port.of(8080))),
                    pod("web-b", Labels.of("app", "web"), "10.244.1.3", true, false, Map.of("http", Port.of(9090))),
                    pod("web-a", Labels.of("app", "web"), "10.244.1.2", true, false,
                            Map.of("http", Port.of(8080), "admin", Port.of(9090))));
            assertThat(controller.slices("web"))
                    .as("web-a and web-c call 8080 \"http\", web-b calls 9090 so: one slice per number, the slices "
                            + "in the order of their first pod (web-a, then web-b)")
                    .containsExactly(
                            new EndpointSlice("web", List.of(tcp("", 8080)), List.of(
                                    new EndpointEntry("web-a", ip("10.244.1.2"), READY),
                                    new EndpointEntry("web-c", ip("10.244.1.4"), READY))),
                            new EndpointSlice("web", List.of(tcp("", 9090)), List.of(
                                    new EndpointEntry("web-b", ip("10.244.1.3"), READY))));
            assertThat(controller.usable("web", "")).as("each pod at its own number, never at the Service's 80")
                    .containsExactly(endpoint("web-a", "10.244.1.2", 8080), endpoint("web-b", "10.244.1.3", 9090),
                            endpoint("web-c", "10.244.1.4", 8080));
        }

        @Test
        @DisplayName("a pod without the named port is left out of that port, but serves the others")
        void missingNamedPort() {
            ServiceSpec service = new ServiceSpec("web", Selector.parse("app=web"), List.of(
                    ServicePort.tcp("http", 80, TargetPort.named("http")),
                    ServicePort.tcp("metrics", 9100),
                    new ServicePort("dns", Protocol.UDP, Port.of(53), Optional.of(TargetPort.named("dns")))));
            EndpointsController controller = controllerWith(service,
                    pod("web-1", Labels.of("app", "web"), "10.244.1.2", true, false, Map.of("http", Port.of(8080))),
                    pod("web-2", Labels.of("app", "web"), "10.244.1.3", true, false, Map.of()));
            assertThat(controller.usable("web", "http")).as("web-2 has no container port named http")
                    .containsExactly(endpoint("web-1", "10.244.1.2", 8080));
            assertThat(controller.usable("web", "metrics")).as("metrics is port 9100 on every pod")
                    .containsExactly(endpoint("web-1", "10.244.1.2", 9100), endpoint("web-2", "10.244.1.3", 9100));
            assertThat(controller.usable("web", "dns")).as("no pod names a port dns").isEmpty();
            assertThat(controller.slices("web")).as("web-1 serves http and metrics, web-2 metrics only; the ports "
                    + "in the Service's order, with their protocol")
                    .containsExactly(
                            new EndpointSlice("web", List.of(tcp("http", 8080), tcp("metrics", 9100)), List.of(
                                    new EndpointEntry("web-1", ip("10.244.1.2"), READY))),
                            new EndpointSlice("web", List.of(tcp("metrics", 9100)), List.of(
                                    new EndpointEntry("web-2", ip("10.244.1.3"), READY))));
        }

        @Test
        @DisplayName("a slice's ports are (name, protocol, number): two names on one number are two slices")
        void namesAndProtocolsSplitSlices() {
            ServiceSpec service = new ServiceSpec("web", Selector.parse("app=web"), List.of(
                    ServicePort.tcp("http", 80, TargetPort.named("http")),
                    ServicePort.tcp("metrics", 81, TargetPort.named("metrics"))));
            EndpointsController controller = controllerWith(service,
                    pod("web-a", Labels.of("app", "web"), "10.244.1.2", true, false, Map.of("http", Port.of(8080))),
                    pod("web-b", Labels.of("app", "web"), "10.244.1.3", true, false, Map.of("metrics", Port.of(8080))));
            assertThat(controller.slices("web")).as("web-a serves http on 8080 and web-b metrics on 8080: the same "
                    + "number, but a slice's endpoints share its named ports, so they cannot share a slice")
                    .containsExactly(
                            new EndpointSlice("web", List.of(tcp("http", 8080)), List.of(
                                    new EndpointEntry("web-a", ip("10.244.1.2"), READY))),
                            new EndpointSlice("web", List.of(tcp("metrics", 8080)), List.of(
                                    new EndpointEntry("web-b", ip("10.244.1.3"), READY))));

            ServiceSpec dns = new ServiceSpec("dns", Selector.parse("app=dns"), List.of(
                    ServicePort.tcp("web", 80),
                    new ServicePort("dns", Protocol.UDP, Port.of(53), Optional.of(TargetPort.named("dns"))),
                    ServicePort.tcp("admin", 81)));
            EndpointsController both = controllerWith(dns,
                    pod("dns-1", Labels.of("app", "dns"), "10.244.2.2", true, false, Map.of("dns", Port.of(5353))));
            assertThat(both.slices("dns")).as("the ports keep the Service's order (web, dns, admin; not sorted by "
                    + "name or number) and each its own protocol: dns is UDP")
                    .containsExactly(new EndpointSlice("dns", List.of(tcp("web", 80),
                            new SlicePort("dns", Protocol.UDP, Port.of(5353)), tcp("admin", 81)),
                            List.of(new EndpointEntry("dns-1", ip("10.244.2.2"), READY))));
        }

        @Test
        @DisplayName("a pod that resolves none of the ports is no endpoint at all")
        void resolvesNothing() {
            ServiceSpec service = new ServiceSpec("web", Selector.parse("app=web"),
                    List.of(ServicePort.tcp("", 80, TargetPort.named("http"))));
            EndpointsController controller = controllerWith(service,
                    pod("web-1", Labels.of("app", "web"), "10.244.1.2", true, false, Map.of("https", Port.of(8443))));
            assertThat(controller.slices("web")).as("web-1 has no port named http, so no slice lists it").isEmpty();
            assertThat(controller.usable("web", "")).isEmpty();
        }
    }

    @Nested
    @DisplayName("cuts the endpoints into slices")
    class Slicing {

        private EndpointsController withPods(int maxPerSlice, int count) {
            EndpointsController controller = new EndpointsController(maxPerSlice);
            controller.setService(webService());
            // Added from the last name to the first: the slices must sort them, not keep the arrival order.
            for (int i = count - 1; i >= 0; i--) {
                controller.setPod(readyWeb(String.format("web-%03d", i), "10.244." + (i / 200) + "." + (i % 200 + 2)));
            }
            return controller;
        }

        @Test
        @DisplayName("250 pods make slices of 100, 100 and 50, in pod-name order")
        void twoHundredFifty() {
            List<EndpointSlice> slices = withPods(100, 250).slices("web");
            assertThat(slices).as("at most 100 endpoints per slice by default").hasSize(3);
            assertThat(slices).extracting(s -> s.endpoints().size()).containsExactly(100, 100, 50);
            List<String> names = new ArrayList<>();
            slices.forEach(s -> names.addAll(podsOf(s)));
            List<String> expected = new ArrayList<>();
            for (int i = 0; i < 250; i++) {
                expected.add(String.format("web-%03d", i));
            }
            assertThat(names).as("the endpoints in pod-name order across the slices").isEqualTo(expected);
            assertThat(slices).allSatisfy(s -> {
                assertThat(s.service()).isEqualTo("web");
                assertThat(s.ports()).containsExactly(tcp("", 80));
            });
            assertThat(withPods(100, 250).usable("web", "")).as("kube-proxy sees all 250").hasSize(250);
        }

        @ParameterizedTest(name = "{1} pods in slices of at most {0}: sizes {2}")
        @CsvSource({
            "100, 100, '100'",
            "100, 101, '100,1'",
            "100, 99, '99'",
            "3, 7, '3,3,1'",
            "3, 6, '3,3'",
            "1, 3, '1,1,1'",
            "1000, 250, '250'",
        })
        void sizes(int maxPerSlice, int count, String sizes) {
            List<Integer> expected = new ArrayList<>();
            for (String size : sizes.split(",")) {
                expected.add(Integer.parseInt(size));
            }
            assertThat(withPods(maxPerSlice, count).slices("web")).extracting(s -> s.endpoints().size())
                    .as("%d endpoints, at most %d per slice", count, maxPerSlice).isEqualTo(expected);
        }

        @Test
        @DisplayName("each group of ports is cut on its own")
        void groupsCutSeparately() {
            ServiceSpec service = new ServiceSpec("web", Selector.parse("app=web"),
                    List.of(ServicePort.tcp("", 80, TargetPort.named("http"))));
            EndpointsController controller = new EndpointsController(2);
            controller.setService(service);
            String[] names = {"a", "b", "c", "d", "e"};
            int[] ports = {8080, 9090, 8080, 8080, 9090};
            for (int i = 0; i < names.length; i++) {
                controller.setPod(pod(names[i], Labels.of("app", "web"), "10.244.1." + (i + 2), true, false,
                        Map.of("http", Port.of(ports[i]))));
            }
            List<EndpointSlice> slices = controller.slices("web");
            assertThat(slices).extracting(EndpointsControllerTest::podsOf)
                    .as("8080: a, c, d in slices of 2; 9090: b, e; groups in the order of their first pod")
                    .containsExactly(List.of("a", "c"), List.of("d"), List.of("b", "e"));
            assertThat(slices).extracting(EndpointSlice::ports).containsExactly(List.of(tcp("", 8080)),
                    List.of(tcp("", 8080)), List.of(tcp("", 9090)));
        }

        /**
         * Service web with one port whose targetPort is named http, and the pods web-a to web-d calling http the
         * given numbers. The pods arrive in neither name nor number order.
         */
        private EndpointsController namedHttp(int webA, int webB, int webC, int webD) {
            ServiceSpec service = new ServiceSpec("web", Selector.parse("app=web"),
                    List.of(ServicePort.tcp("", 80, TargetPort.named("http"))));
            return controllerWith(service,
                    pod("web-d", Labels.of("app", "web"), "10.244.1.5", true, false, Map.of("http", Port.of(webD))),
                    pod("web-b", Labels.of("app", "web"), "10.244.1.3", true, false, Map.of("http", Port.of(webB))),
                    pod("web-c", Labels.of("app", "web"), "10.244.1.4", true, false, Map.of("http", Port.of(webC))),
                    pod("web-a", Labels.of("app", "web"), "10.244.1.2", true, false, Map.of("http", Port.of(webA))));
        }

        @Test
        @DisplayName("the groups come in the order of their first pod's name, whatever their port numbers")
        void groupsInFirstPodOrder() {
            List<EndpointSlice> slices = namedHttp(9090, 8080, 9090, 7070).slices("web");
            assertThat(slices).extracting(slice -> slice.ports().get(0).port().number())
                    .as("the port numbers of the slices, in order: web-a and web-c call 9090 \"http\", web-b 8080 "
                            + "and web-d 7070, so the 9090 group comes first (its first pod, web-a, is first by "
                            + "name), then 8080 (web-b), then 7070 (web-d), though the numbers go down")
                    .containsExactly(9090, 8080, 7070);
            assertThat(slices).as("the slices, each with its pods sorted by name")
                    .containsExactly(
                            new EndpointSlice("web", List.of(tcp("", 9090)), List.of(
                                    new EndpointEntry("web-a", ip("10.244.1.2"), READY),
                                    new EndpointEntry("web-c", ip("10.244.1.4"), READY))),
                            new EndpointSlice("web", List.of(tcp("", 8080)), List.of(
                                    new EndpointEntry("web-b", ip("10.244.1.3"), READY))),
                            new EndpointSlice("web", List.of(tcp("", 7070)), List.of(
                                    new EndpointEntry("web-d", ip("10.244.1.5"), READY))));
            assertThat(namedHttp(7070, 8080, 7070, 9090).slices("web"))
                    .extracting(slice -> slice.ports().get(0).port().number())
                    .as("the same pods with 7070 and 9090 swapped: web-a and web-c call 7070, web-b 8080, web-d 9090, "
                            + "so now 7070 comes first (web-a), then 8080 (web-b), then 9090 (web-d): the order "
                            + "follows the pods' names, not the numbers")
                    .containsExactly(7070, 8080, 9090);
        }
    }

    @Nested
    @DisplayName("follows changes to pods and Services")
    class Changes {

        @Test
        @DisplayName("a pod whose labels change leaves the Service")
        void labelChange() {
            EndpointsController controller = controllerWith(webService(), readyWeb("web-1", "10.244.1.2"),
                    readyWeb("web-2", "10.244.1.3"));
            controller.setPod(pod("web-1", Labels.of("app", "web-debug"), "10.244.1.2", true, false, Map.of()));
            assertThat(controller.usable("web", "")).as("web-1 now has app=web-debug")
                    .containsExactly(endpoint("web-2", "10.244.1.3", 80));
            assertThat(controller.slices("web")).extracting(EndpointsControllerTest::podsOf)
                    .containsExactly(List.of("web-2"));
            controller.setPod(readyWeb("web-1", "10.244.1.2"));
            assertThat(controller.usable("web", "")).as("web-1 is back to app=web")
                    .containsExactly(endpoint("web-1", "10.244.1.2", 80), endpoint("web-2", "10.244.1.3", 80));
        }

        @Test
        @DisplayName("a pod replaced with a new IP is listed at the new one only")
        void newIp() {
            EndpointsController controller = controllerWith(webService(), readyWeb("web-1", "10.244.1.2"));
            controller.setPod(readyWeb("web-1", "10.244.3.9"));
            assertThat(controller.usable("web", "")).as("the pod was recreated on another node")
                    .containsExactly(endpoint("web-1", "10.244.3.9", 80));
            assertThat(controller.slices("web")).containsExactly(new EndpointSlice("web", List.of(tcp("", 80)),
                    List.of(new EndpointEntry("web-1", ip("10.244.3.9"), READY))));
        }

        @Test
        @DisplayName("a removed pod is no endpoint any more")
        void removePod() {
            EndpointsController controller = controllerWith(webService(), readyWeb("web-1", "10.244.1.2"),
                    readyWeb("web-2", "10.244.1.3"));
            controller.removePod("web-1");
            assertThat(controller.usable("web", "")).containsExactly(endpoint("web-2", "10.244.1.3", 80));
            controller.removePod("web-2");
            assertThat(controller.usable("web", "")).isEmpty();
            assertThat(controller.slices("web")).isEmpty();
        }

        @Test
        @DisplayName("a removed Service is unknown; another one keeps its endpoints")
        void removeService() {
            EndpointsController controller = controllerWith(webService(), readyWeb("web-1", "10.244.1.2"));
            controller.setService(new ServiceSpec("web-alt", Selector.parse("app=web"),
                    List.of(ServicePort.tcp("", 8080))));
            controller.removeService("web");
            assertThatIllegalArgumentException().as("Service web was deleted")
                    .isThrownBy(() -> controller.slices("web")).withMessageContaining("web");
            assertThatIllegalArgumentException().as("Service web was deleted")
                    .isThrownBy(() -> controller.usable("web", "")).withMessageContaining("web");
            assertThat(controller.usable("web-alt", "")).containsExactly(endpoint("web-1", "10.244.1.2", 8080));
        }

        @Test
        @DisplayName("a Service set again with another selector and port is used as it is now")
        void replaceService() {
            EndpointsController controller = controllerWith(webService(), readyWeb("web-1", "10.244.1.2"),
                    pod("db-0", Labels.of("app", "db"), "10.244.1.9", true, false, Map.of()));
            controller.setService(new ServiceSpec("web", Selector.parse("app=db"),
                    List.of(ServicePort.tcp("pg", 5432))));
            assertThat(controller.usable("web", "pg")).containsExactly(endpoint("db-0", "10.244.1.9", 5432));
            assertThatIllegalArgumentException().as("the unnamed port is gone")
                    .isThrownBy(() -> controller.usable("web", ""));
        }
    }

    @Nested
    @DisplayName("under any sequence of pod changes")
    class Properties {

        private static final long SEED = 0x3_2000_0002L;
        private static final int EXAMPLES = 200;
        private static final int SHRINKS = 200;
        private static final String[] APPS = {"web", "db", "web"};

        /** Service web: app=web, port "http" -> the pods' container port http, port "metrics" -> 9100. */
        private final ServiceSpec service = new ServiceSpec("web", Selector.parse("app=web"), List.of(
                ServicePort.tcp("http", 80, TargetPort.named("http")), ServicePort.tcp("metrics", 9100)));

        /**
         * One pod change of a run: remove pod-0 to pod-7, or set it with the label app, an IP (or none yet),
         * readiness, termination and a container port http (or none).
         */
        private record Change(String pod, boolean remove, String app, String address, boolean ready,
                boolean terminating, Integer http) {

            /** Decodes one random step into a change. */
            static Change decode(int step) {
                int index = step % 8;
                String pod = "pod-" + index;
                int v = step / 8;
                if (v % 5 == 0) {
                    return new Change(pod, true, null, null, false, false, null);
                }
                v /= 5;
                String app = APPS[v % 3];
                v /= 3;
                boolean ready = v % 2 == 0;
                v /= 2;
                boolean terminating = v % 3 == 0;
                v /= 3;
                String address = v % 4 == 0 ? null : "10.244." + (v % 4) + "." + (index + 2);
                v /= 4;
                Integer http = switch (v % 3) {
                    case 0 -> null;
                    case 1 -> 8080;
                    default -> 8081;
                };
                return new Change(pod, false, app, address, ready, terminating, http);
            }

            /** The pod this change sets; only for a change that does not remove one. */
            PodState state() {
                return EndpointsControllerTest.pod(pod, Labels.of("app", app), address, ready, terminating,
                        http == null ? Map.of() : Map.of("http", Port.of(http)));
            }

            /** The change in words, as a student would make it by hand. */
            String words() {
                if (remove) {
                    return "remove " + pod;
                }
                return "set " + pod + " (app=" + app + ", " + (address == null ? "no IP yet" : "IP " + address)
                        + ", " + (ready ? "ready" : "not ready") + (terminating ? ", terminating" : "")
                        + ", " + (http == null ? "no container port http" : "container port http " + http) + ")";
            }
        }

        /** The steps of a run as the pod changes they make, one per line. */
        private static String describe(List<Integer> steps) {
            return lines(steps, step -> Change.decode(step).words());
        }

        private static List<Endpoint> bruteForce(Map<String, PodState> pods, String portName) {
            List<Endpoint> ready = new ArrayList<>();
            List<Endpoint> fallback = new ArrayList<>();
            for (PodState pod : new TreeMap<>(pods).values()) {
                if (pod.ip().isEmpty() || !pod.labels().get("app").equals(Optional.of("web"))) {
                    continue;
                }
                Port port = portName.equals("metrics") ? Port.of(9100) : pod.containerPorts().get("http");
                if (port == null) {
                    continue;
                }
                Endpoint endpoint = new Endpoint(pod.name(), new SocketAddress(pod.ip().get(), port));
                if (pod.ready() && !pod.terminating()) {
                    ready.add(endpoint);
                } else if (pod.ready()) {
                    fallback.add(endpoint);
                }
            }
            return ready.isEmpty() ? fallback : ready;
        }

        @Test
        @DisplayName("usable matches a brute-force count of the pods, and no slice is over its size")
        void matchesBruteForce() {
            qt(SEED).withExamples(EXAMPLES).withShrinkCycles(SHRINKS)
                    .forAll(named("max endpoints per slice", integers().between(1, 4)),
                            named("pod changes, in order", lists().of(integers().between(0, Integer.MAX_VALUE))
                                    .ofSizeBetween(1, 40), Properties::describe))
                    .checkAssert((maxPerSlice, steps) -> {
                EndpointsController controller = new EndpointsController(maxPerSlice);
                controller.setService(service);
                Map<String, PodState> pods = new HashMap<>();
                List<String> history = new ArrayList<>();
                for (int step : steps) {
                    Change change = Change.decode(step);
                    if (change.remove()) {
                        controller.removePod(change.pod());
                        pods.remove(change.pod());
                    } else {
                        PodState pod = change.state();
                        controller.setPod(pod);
                        pods.put(pod.name(), pod);
                    }
                    history.add(change.words());
                    for (String port : List.of("http", "metrics")) {
                        assertThat(controller.usable("web", port))
                                .as("port %s after %s: the ready app=web pods with an IP and that port, or if none "
                                        + "the serving terminating ones, by pod name (seed %d)", port, history, SEED)
                                .isEqualTo(bruteForce(pods, port));
                    }
                    List<EndpointSlice> slices = controller.slices("web");
                    int listed = 0;
                    for (EndpointSlice slice : slices) {
                        assertThat(slice.endpoints().size())
                                .as("a slice after %s holds 1 to maxPerSlice %d endpoints (seed %d)", history,
                                        maxPerSlice, SEED)
                                .isBetween(1, maxPerSlice);
                        listed += slice.endpoints().size();
                    }
                    long expected = pods.values().stream().filter(p -> p.ip().isPresent()
                            && p.labels().get("app").equals(Optional.of("web"))).count();
                    assertThat(listed).as("every app=web pod with an IP serves metrics, so is listed once, after %s "
                            + "(seed %d)", history, SEED).isEqualTo(expected);
                }
            });
        }
    }
}
