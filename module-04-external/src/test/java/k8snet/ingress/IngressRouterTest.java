package k8snet.ingress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static k8snet.testkit.Theories.named;
import static k8snet.testkit.Theories.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.quicktheories.core.Gen;

@DisplayName("An ingress controller routing requests by host and path (exercise 4.3)")
class IngressRouterTest {

    private static final IngressBackend FALLBACK = IngressBackend.of("fallback", 8080);

    /** A path whose backend is named after its type and path, so that every path of a test is told apart. */
    private static IngressPath path(String type, String path) {
        return new IngressPath(path, type, IngressBackend.of(("svc-" + type + path.replace('/', '-')).toLowerCase(), 80));
    }

    private static IngressPath path(String type, String path, String service) {
        return new IngressPath(path, type, IngressBackend.of(service, 80));
    }

    private static IngressRule rule(String host, IngressPath... paths) {
        return new IngressRule(host, List.of(paths));
    }

    private static IngressRouter router(IngressRule... rules) {
        return new IngressRouter(new Ingress("test", List.of(rules), Optional.empty()));
    }

    private static IngressRouter routerWithDefault(IngressRule... rules) {
        return new IngressRouter(new Ingress("test", List.of(rules), Optional.of(FALLBACK)));
    }

    /** Parses "Prefix /aaa; Exact /foo" into paths, in that order. */
    private static List<IngressPath> paths(String spec) {
        List<IngressPath> out = new ArrayList<>();
        for (String one : spec.split(";")) {
            String[] parts = one.trim().split(" ");
            out.add(path(parts[0], parts[1]));
        }
        return out;
    }

    private static void assertMatched(IngressRoute route, String rule, IngressPath expected, String why) {
        assertThat(route).as(why).isEqualTo(new IngressRoute.Matched(expected.backend(), rule, expected));
    }

    @Nested
    @DisplayName("matches paths as the Kubernetes docs' examples table says")
    class DocsExamples {

        @ParameterizedTest(name = "[{0}] with a request for {1}: {2}")
        @CsvSource(delimiter = '|', value = {
            // one Prefix "/" takes everything
            "Prefix /                         | /             | Prefix /",
            "Prefix /                         | /foo          | Prefix /",
            "Prefix /                         | /aaa/bbb/     | Prefix /",
            // Exact is the whole path, and a trailing slash is part of it
            "Exact /foo                       | /foo          | Exact /foo",
            "Exact /foo                       | /bar          | none",
            "Exact /foo                       | /foo/         | none",
            "Exact /foo/                      | /foo          | none",
            "Exact /foo/                      | /foo/         | Exact /foo/",
            // Prefix ignores a trailing slash on either side
            "Prefix /foo                      | /foo          | Prefix /foo",
            "Prefix /foo                      | /foo/         | Prefix /foo",
            "Prefix /foo/                     | /foo          | Prefix /foo/",
            "Prefix /foo/                     | /foo/         | Prefix /foo/",
            // Prefix compares whole elements, never parts of one
            "Prefix /aaa/bb                   | /aaa/bbb      | none",
            "Prefix /aaa/bbb                  | /aaa/bbb      | Prefix /aaa/bbb",
            "Prefix /aaa/bbb                  | /aaa/bbb/     | Prefix /aaa/bbb",
            "Prefix /aaa/bbb                  | /aaa/bbb/ccc  | Prefix /aaa/bbb",
            "Prefix /aaa/bbb                  | /aaa/bbbxyz   | none",
            // several matches: the longest path wins
            "Prefix /; Prefix /aaa            | /aaa/ccc      | Prefix /aaa",
            "Prefix /; Prefix /aaa; Prefix /aaa/bbb | /aaa/bbb | Prefix /aaa/bbb",
            "Prefix /aaa/bbb; Prefix /aaa; Prefix / | /aaa/bbb | Prefix /aaa/bbb",
            "Prefix /; Prefix /aaa; Prefix /aaa/bbb | /ccc     | Prefix /",
            "Prefix /aaa                      | /ccc          | none",
            // the same path twice, once Exact and once Prefix: Exact wins wherever it is written
            "Prefix /foo; Exact /foo          | /foo          | Exact /foo",
            "Exact /foo; Prefix /foo          | /foo          | Exact /foo",
            "Prefix /foo; Exact /foo          | /foo/         | Prefix /foo",
            // paths are case-sensitive
            "Prefix /foo                      | /FOO          | none",
            "Exact /foo                       | /Foo          | none",
        })
        void table(String written, String request, String expected) {
            List<IngressPath> paths = paths(written);
            IngressRouter router = new IngressRouter(new Ingress("docs", List.of(new IngressRule("", paths)),
                    Optional.empty()));
            IngressRoute route = router.route("example.com", request);
            if (expected.equals("none")) {
                assertThat(route).as("paths %s, request %s: no path matches, and without a default backend the "
                        + "controller answers 404", paths, request).isEqualTo(new IngressRoute.NotFound());
            } else {
                IngressPath winner = paths(expected).get(0);
                assertMatched(route, "", winner, "paths " + paths + ", request " + request + ": " + winner
                        + " takes it");
            }
        }

        @Test
        @DisplayName("a Prefix path's elements are the non-empty parts between slashes")
        void emptyElements() {
            IngressPath foo = path("Prefix", "/foo");
            for (String request : List.of("//foo", "/foo//", "/foo//bar", "//foo/bar")) {
                assertMatched(router(rule("", foo)).route("a.example.com", request), "", foo,
                        "Prefix /foo has the one element foo; " + request + " splits into non-empty elements that "
                                + "start with foo (empty parts between slashes are no elements), so it matches");
            }
            IngressPath ab = path("Prefix", "/a/b");
            assertMatched(router(rule("", ab)).route("a.example.com", "/a//b/c"), "", ab,
                    "/a//b/c has the elements a, b and c, which start with Prefix /a/b's a and b");
            assertThat(router(rule("", ab)).route("a.example.com", "/a//c")).as("/a//c has the elements a and c: "
                    + "b is not among them, so Prefix /a/b does not match").isEqualTo(new IngressRoute.NotFound());
        }
    }

    @Nested
    @DisplayName("picks one path among several matches")
    class Precedence {

        @Test
        @DisplayName("the longest counts characters as written, so Prefix /foo/ beats Exact /foo for /foo")
        void longestInCharacters() {
            IngressPath exact = path("Exact", "/foo");
            IngressPath prefix = path("Prefix", "/foo/");
            assertMatched(router(rule("", exact, prefix)).route("a.example.com", "/foo"), "", prefix,
                    "both match /foo; \"/foo/\" has 5 characters, \"/foo\" 4: the longer one wins before Exact is "
                            + "even considered");
            assertMatched(router(rule("", prefix, exact)).route("a.example.com", "/foo"), "", prefix,
                    "the order they are written in does not matter when the lengths differ");
        }

        @Test
        @DisplayName("on equal length Exact beats Prefix and ImplementationSpecific, in either order")
        void exactWinsTies() {
            IngressPath exact = path("Exact", "/api");
            IngressPath prefix = path("Prefix", "/api");
            IngressPath specific = path("ImplementationSpecific", "/api");
            assertMatched(router(rule("", prefix, specific, exact)).route("a.example.com", "/api"), "", exact,
                    "three paths \"/api\" match /api; the Exact one wins though it is written last");
            assertMatched(router(rule("", exact, prefix)).route("a.example.com", "/api"), "", exact,
                    "the Exact one wins when written first too");
            assertMatched(router(rule("", specific, exact)).route("a.example.com", "/api"), "", exact,
                    "ImplementationSpecific /api and Exact /api tie on length: Exact wins over ImplementationSpecific "
                            + "too, not only over Prefix");
            assertMatched(router(rule("", exact, specific)).route("a.example.com", "/api"), "", exact,
                    "Exact /api, written before ImplementationSpecific /api, wins the tie");
            assertMatched(router(rule("", prefix, specific, exact)).route("a.example.com", "/api/"), "", prefix,
                    "Exact /api does not match /api/, so the first of the two prefix-like paths wins");
        }

        @Test
        @DisplayName("on a full tie the earlier path wins, within a rule and across rules")
        void earlierWinsFullTies() {
            // The backends are named after the paths' roles here, not after the order they are written in.
            IngressPath first = path("Prefix", "/shop", "shop-a");
            IngressPath second = path("Prefix", "/shop", "shop-b");
            IngressPath specific = path("ImplementationSpecific", "/shop", "shop-specific");
            assertMatched(router(rule("", first, second)).route("a.example.com", "/shop/cart"), "", first,
                    "two Prefix /shop paths in one rule, shop-a's written first: the one written first");
            assertMatched(router(rule("", specific, first)).route("a.example.com", "/shop/cart"), "", specific,
                    "ImplementationSpecific /shop (shop-specific), written before Prefix /shop (shop-a), ties with it "
                            + "(it behaves as Prefix here): the one written first wins");
            assertMatched(router(rule("shop.example.com", second), rule("shop.example.com", first))
                            .route("shop.example.com", "/shop"), "shop.example.com", second,
                    "two rules for one host with the same path, shop-b's rule written first: the earlier rule's path");
            assertMatched(router(rule("", path("Prefix", "/x", "x")), rule("", first), rule("", second))
                            .route("a.example.com", "/shop"), "", first,
                    "rules in order, then their paths in order");
        }
    }

    @Nested
    @DisplayName("treats ImplementationSpecific as Prefix")
    class ImplementationSpecific {

        @ParameterizedTest(name = "ImplementationSpecific {0} with a request for {1}: {2}")
        @CsvSource({
            "/foo, /foo, true",
            "/foo, /foo/, true",
            "/foo, /foo/bar, true",
            "/foo/, /foo, true",
            "/foo, /foobar, false",
            "/foo, /FOO, false",
            "/foo/bar, /foo, false",
            "/, /anything/at/all, true",
        })
        void likePrefix(String written, String request, boolean matches) {
            IngressPath p = path("ImplementationSpecific", written);
            IngressRoute route = router(rule("", p)).route("a.example.com", request);
            if (matches) {
                assertMatched(route, "", p, "ImplementationSpecific " + written + " matches " + request
                        + " element by element, as Prefix would");
            } else {
                assertThat(route).as("ImplementationSpecific %s does not match %s, as Prefix would not", written,
                        request).isEqualTo(new IngressRoute.NotFound());
            }
        }
    }

    @Nested
    @DisplayName("matches hosts")
    class Hosts {

        @ParameterizedTest(name = "rule host \"{0}\", request host {1}: {2}")
        @CsvSource({
            "foo.bar.com, foo.bar.com, true",
            "foo.bar.com, FOO.Bar.COM, true",
            "foo.bar.com, bar.com, false",
            "foo.bar.com, www.foo.bar.com, false",
            "foo.bar.com, foo.bar.co, false",
            "*.foo.com, bar.foo.com, true",
            "*.foo.com, BAR.FOO.com, true",
            "*.foo.com, baz.bar.foo.com, false",
            "*.foo.com, foo.com, false",
            "*.foo.com, .foo.com, false",
            "*.foo.com, xfoo.com, false",
            "*.foo.com, bar.xfoo.com, false",
            "*.foo.com, bar.foo.com.evil.org, false",
            "'', foo.bar.com, true",
            "'', anything.example.org, true",
            "'', localhost, true",
        })
        void hostMatching(String ruleHost, String requestHost, boolean matches) {
            IngressPath p = path("Prefix", "/");
            IngressRoute route = router(rule(ruleHost, p)).route(requestHost, "/index.html");
            String shown = ruleHost.isEmpty() ? "(no host)" : ruleHost;
            if (matches) {
                assertMatched(route, ruleHost, p, "the rule for " + shown + " takes requests for " + requestHost);
            } else {
                assertThat(route).as("the rule for %s does not take requests for %s (a wildcard stands for exactly "
                        + "one label)", shown, requestHost).isEqualTo(new IngressRoute.NotFound());
            }
        }

        @Test
        @DisplayName("an exact host's rules are used alone, even when a host-less rule's path would match")
        void exactHostShadowsHostless() {
            IngressPath any = path("Prefix", "/", "any");
            IngressPath only = path("Exact", "/only", "only");
            IngressRouter r = router(rule("", any), rule("foo.bar.com", only));
            assertMatched(r.route("foo.bar.com", "/only"), "foo.bar.com", only, "the exact host's own path");
            assertThat(r.route("foo.bar.com", "/other"))
                    .as("foo.bar.com has a rule of its own, so the host-less Prefix / is not consulted: 404")
                    .isEqualTo(new IngressRoute.NotFound());
            assertMatched(r.route("other.com", "/other"), "", any, "other.com has no rule: the host-less one");
            IngressRouter withDefault = routerWithDefault(rule("", any), rule("foo.bar.com", only));
            assertThat(withDefault.route("FOO.bar.com", "/other"))
                    .as("no path of foo.bar.com's rules matches: the default backend, not the host-less rule")
                    .isEqualTo(new IngressRoute.Default(FALLBACK));
        }

        @Test
        @DisplayName("a more specific host wins even over a longer path of a less specific one")
        void specificityBeforeLength() {
            IngressPath shortExact = path("Prefix", "/", "exact-host");
            IngressPath longAny = path("Prefix", "/api/v1", "any-host");
            IngressPath longWild = path("Prefix", "/api/v1/users", "wildcard");
            IngressRouter r = router(rule("", longAny), rule("*.bar.com", longWild), rule("foo.bar.com", shortExact));
            assertMatched(r.route("foo.bar.com", "/api/v1/users"), "foo.bar.com", shortExact,
                    "foo.bar.com's rule is used alone: its Prefix / wins though the other rules' paths are longer");
            assertMatched(r.route("baz.bar.com", "/api/v1/users"), "*.bar.com", longWild,
                    "baz.bar.com matches the wildcard");
            assertMatched(r.route("example.org", "/api/v1/users"), "", longAny, "example.org only the host-less rule");
        }

        @Test
        @DisplayName("a matching wildcard's rules are used alone, before the host-less ones")
        void wildcardShadowsHostless() {
            IngressPath any = path("Prefix", "/", "any");
            IngressPath x = path("Exact", "/x", "x");
            IngressRouter r = router(rule("", any), rule("*.foo.com", x));
            assertMatched(r.route("bar.foo.com", "/x"), "*.foo.com", x, "bar.foo.com matches *.foo.com");
            assertThat(r.route("bar.foo.com", "/y"))
                    .as("bar.foo.com matches the wildcard rule, whose paths do not match /y: 404, not the "
                            + "host-less Prefix /")
                    .isEqualTo(new IngressRoute.NotFound());
            assertMatched(r.route("foo.com", "/y"), "", any, "foo.com does not match *.foo.com: the host-less rule");
            assertMatched(r.route("baz.bar.foo.com", "/x"), "", any,
                    "baz.bar.foo.com has two labels in front of foo.com: not the wildcard's, so the host-less rule");
        }

        @Test
        @DisplayName("an exact host's rules are used before a matching wildcard")
        void exactShadowsWildcard() {
            IngressPath wild = path("Prefix", "/", "wild");
            IngressPath exact = path("Exact", "/x", "exact");
            IngressRouter r = router(rule("*.foo.com", wild), rule("bar.foo.com", exact));
            assertThat(r.route("bar.foo.com", "/y")).as("bar.foo.com has an exact rule, whose paths do not match /y")
                    .isEqualTo(new IngressRoute.NotFound());
            assertMatched(r.route("Bar.Foo.Com", "/x"), "bar.foo.com", exact, "the exact rule, case aside");
            assertMatched(r.route("baz.foo.com", "/y"), "*.foo.com", wild, "baz.foo.com only matches the wildcard");
        }

        @Test
        @DisplayName("the paths of several rules for one host are pooled")
        void pooled() {
            IngressPath web = path("Prefix", "/", "web");
            IngressPath api = path("Prefix", "/api", "api");
            IngressPath other = path("Prefix", "/api/v2", "other-host");
            IngressRouter r = router(rule("shop.example.com", web), rule("other.example.com", other),
                    rule("shop.example.com", api));
            assertMatched(r.route("shop.example.com", "/api/orders"), "shop.example.com", api,
                    "the second rule for shop.example.com has the longest matching path");
            assertMatched(r.route("shop.example.com", "/apiary"), "shop.example.com", web,
                    "/apiary is not under the element \"api\": the first rule's Prefix /");
            assertMatched(r.route("shop.example.com", "/api/v2/x"), "shop.example.com", api,
                    "other.example.com's longer /api/v2 is not pooled with shop.example.com's paths");

            IngressPath wildA = path("Prefix", "/a", "wild-a");
            IngressPath wildB = path("Prefix", "/a/b", "wild-b");
            IngressRouter w = router(rule("*.example.com", wildA), rule("*.example.com", wildB));
            assertMatched(w.route("x.example.com", "/a/b/c"), "*.example.com", wildB,
                    "two wildcard rules for one domain are pooled too");
            IngressPath anyA = path("Prefix", "/a", "any-a");
            IngressPath anyB = path("Exact", "/a/b", "any-b");
            IngressRouter h = router(rule("", anyA), rule("", anyB));
            assertMatched(h.route("x.example.com", "/a/b"), "", anyB, "and so are host-less rules");
        }
    }

    @Nested
    @DisplayName("sends unmatched requests to the default backend, or answers 404")
    class Fallback {

        @Test
        @DisplayName("the default backend takes what no path matches")
        void defaultBackend() {
            IngressPath api = path("Prefix", "/api", "api");
            IngressRouter r = routerWithDefault(rule("shop.example.com", api));
            assertMatched(r.route("shop.example.com", "/api"), "shop.example.com", api, "a path matches");
            assertThat(r.route("shop.example.com", "/web")).as("no path matches /web")
                    .isEqualTo(new IngressRoute.Default(FALLBACK));
            assertThat(r.route("other.example.com", "/api")).as("no rule is for other.example.com")
                    .isEqualTo(new IngressRoute.Default(FALLBACK));
        }

        @Test
        @DisplayName("an Ingress with only a default backend sends it everything")
        void onlyDefault() {
            IngressRouter r = new IngressRouter(new Ingress("catch-all", List.of(), Optional.of(FALLBACK)));
            assertThat(r.route("anything.example.com", "/")).isEqualTo(new IngressRoute.Default(FALLBACK));
            assertThat(r.route("x", "/a/b/c")).isEqualTo(new IngressRoute.Default(FALLBACK));
        }

        @Test
        @DisplayName("without a default backend the answer is 404")
        void notFound() {
            IngressRouter r = router(rule("shop.example.com", path("Exact", "/")));
            assertThat(r.route("shop.example.com", "/missing")).as("no path matches and there is no default backend")
                    .isEqualTo(new IngressRoute.NotFound());
            assertThat(r.route("nobody.example.com", "/")).isEqualTo(new IngressRoute.NotFound());
        }

        @Test
        @DisplayName("the router keeps the Ingress it was given")
        void keepsTheIngress() {
            Ingress ingress = new Ingress("shop", List.of(rule("shop.example.com", path("Prefix", "/"))),
                    Optional.of(FALLBACK));
            assertThat(new IngressRouter(ingress).ingress()).isSameAs(ingress);
        }
    }

    @Nested
    @DisplayName("checks the Ingress as the API server would")
    class Validation {

        private void rejectedHost(String host, String why) {
            Ingress ingress = new Ingress("bad", List.of(rule(host, path("Prefix", "/"))), Optional.of(FALLBACK));
            assertThatIllegalArgumentException().as("host \"%s\": %s; the message quotes the host", host, why)
                    .isThrownBy(() -> new IngressRouter(ingress))
                    .withMessageContaining(host);
        }

        private IngressRouter accepted(String host, IngressPath... paths) {
            IngressPath[] used = paths.length == 0 ? new IngressPath[] {path("Prefix", "/")} : paths;
            return new IngressRouter(new Ingress("good", List.of(rule(host, used)), Optional.empty()));
        }

        @Test
        @DisplayName("an Ingress needs rules or a default backend")
        void emptyIngress() {
            assertThatIllegalArgumentException()
                    .as("Ingress \"empty\" has neither rules nor a default backend; the message names it")
                    .isThrownBy(() -> new IngressRouter(new Ingress("empty", List.of(), Optional.empty())))
                    .withMessageContaining("empty");
            assertThatIllegalArgumentException().as("new IngressRouter(null)")
                    .isThrownBy(() -> new IngressRouter(null)).withMessageContaining("null");
        }

        @ParameterizedTest(name = "rejects host \"{0}\": {1}")
        @CsvSource({
            "*, a bare * is not a host",
            "foo.*.com, * only as the whole first label",
            "*foo.com, * only as the whole first label",
            "*.*.foo.com, one wildcard at most",
            "foo.com.*, * only as the first label",
            "10.0.0.1, an IP address is not a host",
            "203.0.113.7, an IP address is not a host",
            "010.0.0.01, an IP address with leading zeros (the API server reads it as 10.0.0.1)",
            "255.255.255.255, the largest IP address is not a host either",
            "Foo.bar.com, hosts are written in lower case",
            "FOO.BAR.COM, hosts are written in lower case",
            "*.Foo.com, lower case after the wildcard too",
            "foo_bar.com, '_' is not allowed",
            "-foo.com, a label starts with a letter or digit",
            "foo-.com, a label ends with a letter or digit",
            "foo..com, an empty label",
            "foo.com., no final dot",
            ".foo.com, an empty first label",
            "foo.com:8080, no port",
            "'foo bar.com', no spaces",
        })
        void badHosts(String host, String why) {
            rejectedHost(host, why);
        }

        @Test
        @DisplayName("a label has 63 characters at most, a host 253, a wildcard's *. included")
        void lengths() {
            String label63 = "a".repeat(62) + "z";
            assertThat(accepted(label63 + ".example.com").route(label63 + ".EXAMPLE.com", "/"))
                    .as("a 63-character label is valid").isInstanceOf(IngressRoute.Matched.class);
            assertThat(accepted("*." + label63 + ".com").ingress().rules()).hasSize(1);
            rejectedHost("a" + label63 + ".example.com", "a 64-character label");
            rejectedHost("*.a" + label63 + ".com", "a 64-character label after the wildcard");

            String host253 = "a".repeat(63) + "." + "b".repeat(63) + "." + "c".repeat(63) + "." + "d".repeat(61);
            assertThat(host253).hasSize(253);
            assertThat(accepted(host253).route(host253, "/x")).as("253 characters are the most, and allowed")
                    .isInstanceOf(IngressRoute.Matched.class);
            String host254 = host253 + "d";
            assertThat(host254).hasSize(254);
            rejectedHost(host254, "254 characters, one too many");

            String wildcard253 = "*." + "a".repeat(63) + "." + "b".repeat(63) + "." + "c".repeat(63) + "."
                    + "d".repeat(59);
            assertThat(wildcard253).hasSize(253);
            assertThat(accepted(wildcard253).ingress().rules()).as("*. and a 251-character name: 253 in all, allowed")
                    .hasSize(1);
            rejectedHost(wildcard253 + "d", "*. and a 252-character name are 254 characters: the API server counts "
                    + "the *. towards the 253 as well");
        }

        @Test
        @DisplayName("valid hosts and paths are accepted")
        void validEdgeCases() {
            assertThat(accepted("*.com", path("Prefix", "/")).route("example.com", "/")).as("*.com is a valid wildcard")
                    .isInstanceOf(IngressRoute.Matched.class);
            assertThat(accepted("", path("Exact", "/"), path("ImplementationSpecific", "/a")).route("x.org", "/a/b"))
                    .as("a host-less rule with paths").isInstanceOf(IngressRoute.Matched.class);
            assertThat(accepted("a-1.b2.example.com", path("Prefix", "/")).ingress().rules()).hasSize(1);
            assertThat(accepted("1a.example.com", path("Prefix", "/")).ingress().rules())
                    .as("RFC 1123 labels may start with a digit").hasSize(1);
            assertThat(accepted("localhost", path("Prefix", "/")).ingress().rules()).hasSize(1);
            assertThat(accepted("256.0.0.1", path("Prefix", "/")).ingress().rules())
                    .as("256.0.0.1 is no IPv4 address (256 is over 255), so its four digit labels are a DNS name")
                    .hasSize(1);
            assertThat(accepted("*.10.0.0.1", path("Prefix", "/")).route("7.10.0.0.1", "/"))
                    .as("*.10.0.0.1 is no address either: the API server tries the whole host as one, wildcard "
                            + "included, and the rest is a valid wildcard name")
                    .isInstanceOf(IngressRoute.Matched.class);
            assertThat(new IngressRouter(new Ingress("shop", List.of(rule("shop.example.com", path("Prefix", "/"))),
                    Optional.empty())).ingress().defaultBackend()).as("rules without a default backend are fine")
                    .isEmpty();
        }

        @ParameterizedTest(name = "rejects pathType \"{0}\"")
        @CsvSource({"prefix", "Regex", "exact", "PREFIX", "implementationSpecific", "'Prefix '"})
        void unknownPathType(String type) {
            Ingress ingress = new Ingress("bad", List.of(rule("shop.example.com",
                    new IngressPath("/api", type, IngressBackend.of("api", 80)))), Optional.empty());
            assertThatIllegalArgumentException()
                    .as("pathType \"%s\" is none of Exact, Prefix, ImplementationSpecific (case matters); the "
                            + "message quotes it", type)
                    .isThrownBy(() -> new IngressRouter(ingress))
                    .withMessageContaining("\"" + type + "\"");
        }

        @Test
        @DisplayName("pathType is required")
        void missingPathType() {
            Ingress ingress = new Ingress("bad", List.of(rule("shop.example.com", path("Prefix", "/"),
                    new IngressPath("/orders", "", IngressBackend.of("api", 80)))), Optional.empty());
            assertThatIllegalArgumentException()
                    .as("path /orders has no pathType; the message names the path it is missing for")
                    .isThrownBy(() -> new IngressRouter(ingress))
                    .withMessageContaining("/orders");
        }

        @ParameterizedTest(name = "rejects path \"{0}\"")
        @CsvSource({"''", "foo", "foo/bar", "' /foo'", "*"})
        void pathWithoutSlash(String bad) {
            Ingress ingress = new Ingress("bad", List.of(rule("", path("Prefix", "/"), path("Exact", bad))),
                    Optional.empty());
            assertThatIllegalArgumentException().as("path \"%s\" does not start with /; the message quotes it", bad)
                    .isThrownBy(() -> new IngressRouter(ingress))
                    .withMessageContaining("\"" + bad + "\"");
        }

        @ParameterizedTest(name = "rejects {0} path \"{1}\": {2}")
        @CsvSource({
            "Prefix, /a//b, '//' inside",
            "Exact, //a, '//' at the start",
            "Prefix, /a/./b, '/./' inside",
            "Exact, /a/../b, '/../' inside",
            "Prefix, /a/%2Fb, an encoded slash %2F",
            "Exact, /a%2fb, an encoded slash %2f",
            "Prefix, /a/.., ending with /..",
            "Exact, /a/., ending with /.",
            "Prefix, /., ending with /.",
        })
        void ambiguousPaths(String type, String bad, String why) {
            Ingress ingress = new Ingress("bad", List.of(rule("", path("Prefix", "/"), path(type, bad))),
                    Optional.empty());
            assertThatIllegalArgumentException()
                    .as("%s path \"%s\" (%s) could name one resource two ways, so the API server refuses it; the "
                            + "message quotes it", type, bad, why)
                    .isThrownBy(() -> new IngressRouter(ingress))
                    .withMessageContaining("\"" + bad + "\"");
        }

        @Test
        @DisplayName("an ImplementationSpecific path needs only to be absolute, or empty, and an empty one matches all")
        void implementationSpecificPaths() {
            for (String odd : List.of("/a//b", "/a/../b", "/a/%2Fb", "/a/.")) {
                assertThat(accepted("", path("ImplementationSpecific", odd)).ingress().rules())
                        .as("ImplementationSpecific %s: the API server leaves such a path to the controller", odd)
                        .hasSize(1);
            }
            IngressPath empty = path("ImplementationSpecific", "");
            assertMatched(accepted("", empty).route("a.example.com", "/any/thing"), "", empty,
                    "an empty ImplementationSpecific path is allowed, and, with no elements, matches every path");
            Ingress relative = new Ingress("bad", List.of(rule("", path("ImplementationSpecific", "a/b"))),
                    Optional.empty());
            assertThatIllegalArgumentException().as("ImplementationSpecific a/b is not empty, so it must start with /")
                    .isThrownBy(() -> new IngressRouter(relative)).withMessageContaining("\"a/b\"");
        }

        @Test
        @DisplayName("every rule is checked, not only the first")
        void laterRulesChecked() {
            Ingress ingress = new Ingress("bad", List.of(rule("ok.example.com", path("Prefix", "/")),
                    rule("Bad.example.com", path("Prefix", "/"))), Optional.empty());
            assertThatIllegalArgumentException().isThrownBy(() -> new IngressRouter(ingress))
                    .withMessageContaining("Bad.example.com");
            Ingress laterPath = new Ingress("bad", List.of(rule("ok.example.com", path("Prefix", "/"),
                    path("Prefix", "/a"), path("Prefix", "b"))), Optional.empty());
            assertThatIllegalArgumentException().isThrownBy(() -> new IngressRouter(laterPath))
                    .withMessageContaining("\"b\"");
        }
    }

    @Nested
    @DisplayName("checks each request's arguments")
    class RouteArguments {

        private final IngressRouter router = router(rule("", path("Prefix", "/")));

        @Test
        @DisplayName("null host or path, or a path without a leading /, is rejected")
        void badArguments() {
            assertThatIllegalArgumentException().as("route(null, \"/\")")
                    .isThrownBy(() -> router.route(null, "/")).withMessageContaining("null");
            assertThatIllegalArgumentException().as("route(\"a.example.com\", null)")
                    .isThrownBy(() -> router.route("a.example.com", null)).withMessageContaining("null");
            for (String bad : List.of("", "index.html", "api/")) {
                assertThatIllegalArgumentException().as("a request path starts with /; \"%s\" does not", bad)
                        .isThrownBy(() -> router.route("a.example.com", bad))
                        .withMessageContaining("\"" + bad + "\"");
            }
        }
    }

    @Nested
    @DisplayName("on random path sets (property)")
    class Properties {

        private static final long SEED = 0x4_3000_0043L;
        private static final List<String> ELEMENTS = List.of("a", "b", "ab");

        /** A path from a code: 0 to 3 elements of the vocabulary, maybe a trailing slash. */
        private static String decodePath(int code) {
            int count = code % 4;
            boolean trailing = (code / 4) % 2 == 1;
            int rest = code / 8;
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < count; i++) {
                sb.append('/').append(ELEMENTS.get(rest % 3));
                rest /= 3;
            }
            if (trailing || count == 0) {
                sb.append('/');
            }
            return sb.toString();
        }

        private static List<String> elements(String path) {
            return Arrays.stream(path.split("/")).filter(e -> !e.isEmpty()).toList();
        }

        private static boolean bruteMatch(IngressPath p, String request) {
            if (p.pathType().equals("Exact")) {
                return p.path().equals(request);
            }
            List<String> want = elements(p.path());
            List<String> got = elements(request);
            if (want.size() > got.size()) {
                return false;
            }
            for (int i = 0; i < want.size(); i++) {
                if (!want.get(i).equals(got.get(i))) {
                    return false;
                }
            }
            return true;
        }

        /** 1 to 8 paths, each Prefix or Exact, with backends b0, b1, ... in the order written. */
        private static final Gen<List<IngressPath>> PATH_SETS = lists().of(integers().between(0, 8 * 27 * 2 - 1))
                .ofSizeBetween(1, 8).map(codes -> {
                    List<IngressPath> all = new ArrayList<>();
                    for (int i = 0; i < codes.size(); i++) {
                        int code = codes.get(i);
                        all.add(new IngressPath(decodePath(code / 2), code % 2 == 0 ? "Prefix" : "Exact",
                                IngressBackend.of("b" + i, 80)));
                    }
                    return all;
                });

        private static final Gen<String> REQUESTS = integers().between(0, 8 * 27 - 1).map(Properties::decodePath);

        @Test
        @DisplayName("the chosen path is the longest match, Exact on ties, then the first one written")
        void bruteForce() {
            qt(SEED).withExamples(600)
                    .forAll(named("paths", PATH_SETS), named("request path", REQUESTS, r -> "\"" + r + "\""),
                            named("rules", integers().between(1, 3)))
                    .checkAssert((all, request, ruleCount) -> {
                // split the paths over up to three rules of the same host, in order
                List<IngressRule> rules = new ArrayList<>();
                int per = (all.size() + ruleCount - 1) / ruleCount;
                for (int from = 0; from < all.size(); from += per) {
                    rules.add(new IngressRule("shop.example.com", all.subList(from, Math.min(all.size(), from + per))));
                }
                IngressRoute route = new IngressRouter(new Ingress("p", rules, Optional.empty()))
                        .route("shop.example.com", request);
                Optional<IngressPath> expected = all.stream().filter(p -> bruteMatch(p, request))
                        .min(Comparator.<IngressPath>comparingInt(p -> -p.path().length())
                                .thenComparing(p -> p.pathType().equals("Exact") ? 0 : 1)
                                .thenComparing(all::indexOf));
                if (expected.isEmpty()) {
                    assertThat(route).as("rules %s, request %s: no path matches (seed %d)", rules, request, SEED)
                            .isEqualTo(new IngressRoute.NotFound());
                } else {
                    assertThat(route).as("rules %s, request %s: the longest matching path, Exact on a tie, then "
                            + "the first written (seed %d)", rules, request, SEED)
                            .isEqualTo(new IngressRoute.Matched(expected.get().backend(), "shop.example.com",
                                    expected.get()));
                }
            });
        }
    }
}
