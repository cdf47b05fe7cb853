package k8snet.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static k8snet.testkit.Theories.named;
import static k8snet.testkit.Theories.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.quicktheories.generators.Generate;

@DisplayName("Exercise 1.4: a destination")
class DestinationTest {

    private static final long SEED = 0x1_4000_0001L;

    @Nested
    @DisplayName("written as host:port")
    class HostAndPort {

        @ParameterizedTest(name = "\"{0}\" is host {1}, port {2}")
        @CsvSource({
            "db:5432,                 db,              5432",
            "localhost:8080,          localhost,       8080",
            "10.0.0.2:80,             10.0.0.2,        80",
            "127.0.0.1:6379,          127.0.0.1,       6379",
            "Web.Example.COM:443,     web.example.com, 443",
            "web.example.com.:443,    web.example.com, 443",
            "node-1:1,                node-1,          1",
            "svc.ns.svc.cluster.local:65535, svc.ns.svc.cluster.local, 65535",
        })
        void hasHostAndPortButNoSchemeOrPath(String text, String host, int port) {
            Destination d = Destination.parse(text);
            assertThat(d.host()).as("the host of \"%s\", lower case and without a trailing dot", text).isEqualTo(host);
            assertThat(d.port().number()).as("the port of \"%s\"", text).isEqualTo(port);
            assertThat(d.scheme()).as("\"%s\" is not a URL, so it has no scheme", text).isEmpty();
            assertThat(d.path()).as("\"%s\" is not a URL, so its path is empty", text).isEmpty();
        }

        @ParameterizedTest(name = "\"{0}\" is rejected: {2}")
        @CsvSource(delimiter = '|', textBlock = """
            web             | port         | no port: there is no scheme to take a default from
            10.0.0.2        | port         | no port
            web:            | web:         | an empty port
            web:0           | web:0        | port 0 is not usable
            web:65536       | web:65536    | port out of range
            web:http        | web:http     | a service name is not a port number
            web:+80         | web:+80      | a signed port
            :80             | :80          | no host
            web:80:81       | web:80:81    | two ports
            web_1:80        | web_1:80     | an underscore is not allowed in a hostname
            -web:80         | -web:80      | a label cannot start with '-'
            10.0.0.256:80   | 10.0.0.256   | ends in a number but is not an IPv4 address
            10.0.0:80       | 10.0.0       | ends in a number but is not an IPv4 address
            010.0.0.1:80    | 010.0.0.1    | a leading zero in an IPv4 literal
            999:80          | 999          | an all-digit name is not a hostname
            user@web:80     | user@web:80  | user information
            [::1]:80        | [::1]:80     | IPv6 is not modelled
            'web :80'       | 'web :80'    | a space
            web..local:80   | web..local   | an empty label
            """)
        void rejectsMalformedText(String text, String quoted, String why) {
            assertThatIllegalArgumentException()
                    .as("\"%s\" is not a destination: %s", text, why)
                    .isThrownBy(() -> Destination.parse(text))
                    .withMessageContaining(quoted);
        }

        @Test
        @DisplayName("tells a user who forgot the port how to write it")
        void explainsMissingPort() {
            assertThatIllegalArgumentException()
                    .isThrownBy(() -> Destination.parse("web.example.com"))
                    .withMessageContaining("no port: use host:port or a URL")
                    .withMessageContaining("web.example.com");
        }
    }

    @Nested
    @DisplayName("written as a URL")
    class Url {

        @ParameterizedTest(name = "\"{0}\" is {1}://{2}:{3}{4}")
        @CsvSource({
            "http://web,                           http,  web,             80,   /",
            "http://web/,                          http,  web,             80,   /",
            "https://web.example.com,              https, web.example.com, 443,  /",
            "ftp://files.example.com/pub/,         ftp,   files.example.com, 21, /pub/",
            "ssh://node-1,                         ssh,   node-1,          22,   /",
            "HTTP://Web.Example.COM./Index.HTML,   http,  web.example.com, 80,   /Index.HTML",
            "Https://WEB:8443/api/v1,              https, web,             8443, /api/v1",
            "http://10.0.0.2:8080/healthz,         http,  10.0.0.2,        8080, /healthz",
            "http://127.0.0.1,                     http,  127.0.0.1,       80,   /",
            "http://web/search?q=pods,             http,  web,             80,   /search?q=pods",
            "http://web?q=pods,                    http,  web,             80,   /?q=pods",
            "http://web/docs#intro,                http,  web,             80,   /docs",
            "http://web:81#top,                    http,  web,             81,   /",
        })
        void takesSchemeHostPortAndPath(String text, String scheme, String host, int port, String path) {
            Destination d = Destination.parse(text);
            assertThat(d.scheme()).as("the scheme of \"%s\", in lower case", text).contains(scheme);
            assertThat(d.host()).as("the host of \"%s\"", text).isEqualTo(host);
            assertThat(d.port().number())
                    .as("the port of \"%s\": explicit, or the default port of %s", text, scheme).isEqualTo(port);
            assertThat(d.path())
                    .as("the path of \"%s\" (\"/\" when there is none; a query stays, a fragment is never sent)", text)
                    .isEqualTo(path);
        }

        @ParameterizedTest(name = "\"{0}\" is rejected: {2}")
        @CsvSource(delimiter = '|', textBlock = """
            gopher://web/            | gopher           | an unknown scheme
            mailto://web             | mailto           | an unknown scheme
            ://web/                  | ://web/          | an empty scheme
            http:///path             | http:///path     | no host
            http://                  | http://          | no host
            http://web:/             | http://web:/     | an empty port
            http://web:0/            | http://web:0/    | port 0
            http://web:99999/        | 99999            | port out of range
            http://user@web/         | http://user@web/ | user information
            http://user:pw@web/      | http://user:pw@web/ | user information
            http://[::1]:80/         | http://[::1]:80/ | IPv6 is not modelled
            http://web_1/            | web_1            | an underscore
            http://10.0.0.300/       | 10.0.0.300       | not an IPv4 address
            'http://web/a b'         | 'http://web/a b' | a space
            """)
        void rejectsMalformedUrls(String text, String quoted, String why) {
            assertThatIllegalArgumentException()
                    .as("\"%s\" is not a destination: %s", text, why)
                    .isThrownBy(() -> Destination.parse(text))
                    .withMessageContaining(quoted);
        }

        @ParameterizedTest(name = "{0} means port {1}")
        @CsvSource({"http, 80", "https, 443", "ftp, 21", "ssh, 22", "HTTP, 80", "hTTpS, 443"})
        void knowsTheDefaultPorts(String scheme, int port) {
            assertThat(Destination.parse(scheme + "://server").port().number())
                    .as("the default port of %s (its IANA well-known port)", scheme)
                    .isEqualTo(port);
        }

        @Test
        @DisplayName("an explicit port overrides the scheme's default")
        void explicitPortWins() {
            assertThat(Destination.parse("http://web:8080/").port().number()).isEqualTo(8080);
            assertThat(Destination.parse("https://web:80/").port().number())
                    .as("https on port 80 is unusual but explicit").isEqualTo(80);
        }
    }

    @Nested
    @DisplayName("compared and printed")
    class Values {

        @Test
        @DisplayName("are equal when they normalise to the same parts")
        void equalAfterNormalising() {
            assertThat(Destination.parse("HTTP://Web.Example.COM."))
                    .isEqualTo(Destination.parse("http://web.example.com:80/"))
                    .isNotEqualTo(Destination.parse("web.example.com:80"));
            assertThat(Destination.parse("WEB:80")).isEqualTo(Destination.parse("web.:80"))
                    .hasSameHashCodeAs(Destination.parse("web.:80"));
        }

        @ParameterizedTest(name = "\"{0}\" prints as \"{1}\"")
        @CsvSource({
            "web:80,                 web:80",
            "http://Web,             http://web:80/",
            "https://web:8443/a?b=c, https://web:8443/a?b=c",
        })
        void printsNormalised(String text, String printed) {
            assertThat(Destination.parse(text)).hasToString(printed);
        }

        @Test
        @DisplayName("rejects null, empty and blank text with IllegalArgumentException")
        void rejectsNullAndBlank() {
            assertThatIllegalArgumentException().isThrownBy(() -> Destination.parse(null)).withMessageContaining("null");
            assertThatIllegalArgumentException().isThrownBy(() -> Destination.parse("")).withMessageContaining("\"\"");
            assertThatIllegalArgumentException().isThrownBy(() -> Destination.parse("   ")).withMessageContaining("\"   \"");
        }

        @Test
        @DisplayName("reads any host and port back from host:port and from a URL (property)")
        void roundTrip() {
            List<String> hosts = List.of("web", "db.internal", "api.default.svc.cluster.local", "10.0.0.2",
                    "127.0.0.1", "node-7", "192.168.255.254");
            List<String> schemes = List.of("http", "https", "ftp", "ssh");
            qt(SEED)
                    .forAll(named("host", Generate.pick(hosts)), named("port", integers().between(1, 65535)),
                            named("scheme", Generate.pick(schemes)))
                    .checkAssert((host, port, scheme) -> {
                        Destination plain = Destination.parse(host + ":" + port);
                        assertThat(plain.host()).as("host of %s:%d", host, port).isEqualTo(host);
                        assertThat(plain.port().number()).as("port of %s:%d", host, port).isEqualTo(port);
                        String upper = host.toUpperCase(Locale.ROOT);
                        Destination url = Destination.parse(scheme + "://" + upper + ":" + port + "/x");
                        assertThat(url.host()).as("host of the URL, lower case").isEqualTo(host);
                        assertThat(url.port().number()).isEqualTo(port);
                        assertThat(url.scheme()).contains(scheme);
                        assertThat(url.path()).isEqualTo("/x");
                        assertThat(Destination.parse(url.toString())).as("parsing toString() of %s", url).isEqualTo(url);
                    });
        }
    }
}
