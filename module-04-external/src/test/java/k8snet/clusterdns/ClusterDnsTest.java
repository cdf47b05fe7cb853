package k8snet.clusterdns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import k8snet.dns.DnsResult;
import k8snet.dns.DnsZone;
import k8snet.dns.Hostname;
import k8snet.dns.ZoneResolver;
import k8snet.ip.Ipv4Address;
import k8snet.transport.Port;
import k8snet.transport.Protocol;

@DisplayName("The records cluster DNS serves for Services (exercise 4.4, part 1)")
class ClusterDnsTest {

    private static final String VERSION = "dns-version.cluster.local";

    private static Ipv4Address ip(String text) {
        return Ipv4Address.parse(text);
    }

    private static ClusterRecord.A a(String name, String address) {
        return new ClusterRecord.A(name, ip(address));
    }

    private static ClusterRecord.Srv srv(String name, int port, String target) {
        return new ClusterRecord.Srv(name, 0, 100, port, target);
    }

    private static ClusterRecord.Ptr ptr(String name, String target) {
        return new ClusterRecord.Ptr(name, target);
    }

    private static ClusterRecord.Txt version(String zone) {
        return new ClusterRecord.Txt("dns-version." + zone, "1.1.0");
    }

    private static DnsPort udp(String name, int port) {
        return new DnsPort(name, Protocol.UDP, Port.of(port));
    }

    private static DnsEndpoint endpoint(String address, String hostname, boolean ready) {
        return new DnsEndpoint(ip(address), Optional.ofNullable(hostname), ready);
    }

    /** api in shop: ClusterIP 10.96.4.7, named ports http/TCP 80 and dns/UDP 53, and an unnamed TCP 9090. */
    private static final DnsService API = DnsService.clusterIp("shop", "api", "10.96.4.7",
            List.of(DnsPort.tcp("http", 80), udp("dns", 53), DnsPort.tcp("", 9090)));

    /** db in shop, headless: two named ports, one unnamed; two ready endpoints and two that are not. */
    private static final DnsService DB = DnsService.headless("shop", "db",
            List.of(DnsPort.tcp("pg", 5432), DnsPort.tcp("", 9187), udp("repl", 5433)),
            List.of(endpoint("10.244.1.5", null, true),
                    endpoint("10.244.2.9", "db-0", true),
                    endpoint("10.244.3.3", "db-1", false),
                    endpoint("10.244.3.4", null, false)));

    private static final DnsService PAYMENTS = DnsService.externalName("shop", "payments", "API.Payments.Example.COM.");

    @Nested
    @DisplayName("for a ClusterIP Service")
    class ClusterIpService {

        @Test
        @DisplayName("publishes A, PTR, an SRV per named port and the dns-version TXT, and nothing else")
        void exactRecords() {
            Set<ClusterRecord> records = ClusterDns.defaults().records(List.of(API));
            String name = "api.shop.svc.cluster.local";
            assertThat(records).as("records for api.shop (ClusterIP 10.96.4.7; ports http/TCP 80, dns/UDP 53 and "
                    + "an unnamed 9090, which gets no SRV)")
                    .containsExactlyInAnyOrder(
                            version("cluster.local"),
                            a(name, "10.96.4.7"),
                            ptr("7.4.96.10.in-addr.arpa", name),
                            srv("_http._tcp." + name, 80, name),
                            srv("_dns._udp." + name, 53, name));
        }

        @Test
        @DisplayName("an SRV record has priority 0 and weight 100, the port, and the Service name as target")
        void srvFields() {
            Set<ClusterRecord> records = ClusterDns.defaults().records(List.of(
                    DnsService.clusterIp("dev", "web", "10.96.0.20", List.of(DnsPort.tcp("https", 8443)))));
            assertThat(records).filteredOn(r -> r instanceof ClusterRecord.Srv)
                    .as("one named port, one SRV")
                    .containsExactly(new ClusterRecord.Srv("_https._tcp.web.dev.svc.cluster.local",
                            ClusterDns.SRV_PRIORITY, ClusterDns.SRV_WEIGHT, 8443, "web.dev.svc.cluster.local"));
            assertThat(ClusterDns.SRV_PRIORITY).isZero();
            assertThat(ClusterDns.SRV_WEIGHT).isEqualTo(100);
        }

        @Test
        @DisplayName("unnamed ports get no SRV record")
        void unnamedPorts() {
            Set<ClusterRecord> records = ClusterDns.defaults().records(List.of(
                    DnsService.clusterIp("shop", "web", "10.96.0.30", List.of(DnsPort.tcp("", 80), udp("", 53)))));
            assertThat(records).as("a Service whose only ports are unnamed has no SRV records")
                    .containsExactlyInAnyOrder(version("cluster.local"), a("web.shop.svc.cluster.local", "10.96.0.30"),
                            ptr("30.0.96.10.in-addr.arpa", "web.shop.svc.cluster.local"));
        }

        @Test
        @DisplayName("the dns-version TXT record appears exactly once, whatever the number of Services")
        void versionOnce() {
            DnsService other = DnsService.clusterIp("dev", "api", "10.96.9.9", List.of());
            Set<ClusterRecord> records = ClusterDns.defaults().records(List.of(API, other, DB));
            assertThat(records).filteredOn(r -> r instanceof ClusterRecord.Txt).as("one TXT, at dns-version")
                    .containsExactly(new ClusterRecord.Txt(VERSION, ClusterDns.SCHEMA_VERSION));
            assertThat(ClusterDns.SCHEMA_VERSION).isEqualTo("1.1.0");
            assertThat(ClusterDns.defaults().records(List.of())).as("no Services: only the schema version")
                    .containsExactly(version("cluster.local"));
        }
    }

    @Nested
    @DisplayName("for a headless Service")
    class HeadlessService {

        @Test
        @DisplayName("publishes records for ready endpoints only, named by hostname or dashed address")
        void exactRecords() {
            Set<ClusterRecord> records = ClusterDns.defaults().records(List.of(DB));
            String svc = "db.shop.svc.cluster.local";
            String dashed = "10-244-1-5." + svc;
            String db0 = "db-0." + svc;
            assertThat(records).as("headless db.shop: ready 10.244.1.5 (no hostname) and 10.244.2.9 (hostname db-0); "
                    + "10.244.3.3 and 10.244.3.4 are not ready and get nothing; SRV per ready endpoint and named port")
                    .containsExactlyInAnyOrder(
                            version("cluster.local"),
                            a(svc, "10.244.1.5"),
                            a(svc, "10.244.2.9"),
                            a(dashed, "10.244.1.5"),
                            a(db0, "10.244.2.9"),
                            ptr("5.1.244.10.in-addr.arpa", dashed),
                            ptr("9.2.244.10.in-addr.arpa", db0),
                            srv("_pg._tcp." + svc, 5432, dashed),
                            srv("_pg._tcp." + svc, 5432, db0),
                            srv("_repl._udp." + svc, 5433, dashed),
                            srv("_repl._udp." + svc, 5433, db0));
        }

        @Test
        @DisplayName("not-ready endpoints get no record at all")
        void notReadyExcluded() {
            Set<ClusterRecord> records = ClusterDns.defaults().records(List.of(DB));
            assertThat(records).as("10.244.3.3 (db-1) and 10.244.3.4 are not ready")
                    .noneMatch(r -> r.toString().contains("10.244.3.") || r.toString().contains("db-1")
                            || r.toString().contains("10-244-3-4") || r.name().startsWith("3.3.244.10")
                            || r.name().startsWith("4.3.244.10"));
        }

        @Test
        @DisplayName("with no ready endpoint the Service's name has no records, and does not exist")
        void noneReady() {
            DnsService empty = DnsService.headless("shop", "cache", List.of(DnsPort.tcp("redis", 6379)),
                    List.of(endpoint("10.244.5.5", "cache-0", false)));
            Set<ClusterRecord> records = ClusterDns.defaults().records(List.of(empty));
            assertThat(records).as("cache.shop has no ready endpoint: no A, no SRV, no PTR")
                    .containsExactly(version("cluster.local"));
            ClusterDnsServer server = new ClusterDnsServer("cluster.local", records, new ZoneResolver(new DnsZone()));
            assertThat(server.resolve(Hostname.parse("cache.shop.svc.cluster.local")))
                    .as("a headless Service without ready endpoints is NXDOMAIN")
                    .isInstanceOf(DnsResult.NxDomain.class);
        }

        @ParameterizedTest(name = "refuses the endpoint hostname \"{0}\": {1}")
        @CsvSource({
            "db_0, '_' is not allowed in a label",
            "-db, a label starts with a letter or digit",
            "db-, a label ends with a letter or digit",
            "db.0, a dot would make the host name two labels",
            "DB-0, an endpoint's hostname is written in lower case",
            "'', an empty hostname is no label",
            "'db 0', a space is not allowed",
            "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa, 64 characters are too many",
        })
        void invalidHostnames(String bad, String why) {
            DnsService service = DnsService.headless("shop", "db", List.of(DnsPort.tcp("pg", 5432)),
                    List.of(endpoint("10.244.1.5", null, true), endpoint("10.244.2.9", bad, true)));
            assertThatIllegalArgumentException()
                    .as("the records of headless db.shop must be refused when its ready endpoint 10.244.2.9 has the "
                            + "hostname \"%s\": %s. The hostname becomes the first label of "
                            + "<host>.db.shop.svc.cluster.local, so it must be one lower-case RFC 1123 label, and the "
                            + "refusal quotes it", bad, why)
                    .isThrownBy(() -> ClusterDns.defaults().records(List.of(service)))
                    .withMessageContaining("\"" + bad + "\"");
        }

        @Test
        @DisplayName("an endpoint's hostname may start with a digit, as an RFC 1123 label may")
        void hostnameWithALeadingDigit() {
            DnsService service = DnsService.headless("shop", "db", List.of(),
                    List.of(endpoint("10.244.2.9", "0-db", true)));
            String host = "0-db.db.shop.svc.cluster.local";
            assertThat(ClusterDns.defaults().records(List.of(service)))
                    .as("hostname 0-db is a valid RFC 1123 label (unlike a Service name, it may start with a digit)")
                    .containsExactlyInAnyOrder(version("cluster.local"), a("db.shop.svc.cluster.local", "10.244.2.9"),
                            a(host, "10.244.2.9"), ptr("9.2.244.10.in-addr.arpa", host));
        }

        @Test
        @DisplayName("a headless Service without ports has A and PTR records but no SRV")
        void noPorts() {
            DnsService bare = DnsService.headless("dev", "peers", List.of(),
                    List.of(endpoint("10.244.7.1", "peer-a", true)));
            assertThat(ClusterDns.defaults().records(List.of(bare))).containsExactlyInAnyOrder(
                    version("cluster.local"),
                    a("peers.dev.svc.cluster.local", "10.244.7.1"),
                    a("peer-a.peers.dev.svc.cluster.local", "10.244.7.1"),
                    ptr("1.7.244.10.in-addr.arpa", "peer-a.peers.dev.svc.cluster.local"));
        }
    }

    @Nested
    @DisplayName("for an ExternalName Service")
    class ExternalNameService {

        @Test
        @DisplayName("publishes one CNAME, to the external name in lower case without the final dot")
        void cname() {
            assertThat(ClusterDns.defaults().records(List.of(PAYMENTS))).as("payments.shop is an alias of "
                    + "API.Payments.Example.COM., written in lower case without the final dot")
                    .containsExactlyInAnyOrder(version("cluster.local"),
                            new ClusterRecord.Cname("payments.shop.svc.cluster.local", "api.payments.example.com"));
        }

        @Test
        @DisplayName("accepts a one-label target: a valid DNS name needs no dot")
        void oneLabelTarget() {
            assertThat(ClusterDns.defaults().records(List.of(DnsService.externalName("shop", "ledger", "Mainframe."))))
                    .as("the API server checks an ExternalName as an RFC 1123 subdomain, and one label is one; "
                            + "the name is lowered and its final dot dropped as for any other")
                    .containsExactlyInAnyOrder(version("cluster.local"),
                            new ClusterRecord.Cname("ledger.shop.svc.cluster.local", "mainframe"));
        }

        @Test
        @DisplayName("gets no A or SRV record, even with ports and endpoints")
        void nothingElse() {
            DnsService withPorts = new DnsService("shop", "mail", ServiceKind.EXTERNAL_NAME, Optional.empty(),
                    Optional.of("smtp.example.net"), List.of(DnsPort.tcp("smtp", 25)),
                    List.of(endpoint("192.0.2.25", "mx", true)));
            assertThat(ClusterDns.defaults().records(List.of(withPorts)))
                    .as("an ExternalName Service is only an alias: its ports and endpoints publish nothing")
                    .containsExactlyInAnyOrder(version("cluster.local"),
                            new ClusterRecord.Cname("mail.shop.svc.cluster.local", "smtp.example.net"));
        }
    }

    @Nested
    @DisplayName("names everything after its zone")
    class Zone {

        @Test
        @DisplayName("the default zone is cluster.local")
        void defaultZone() {
            assertThat(ClusterDns.defaults().zone()).isEqualTo("cluster.local");
            assertThat(ClusterDns.DEFAULT_ZONE).isEqualTo("cluster.local");
            assertThat(ClusterDns.defaults().serviceName("shop", "api")).isEqualTo("api.shop.svc.cluster.local");
        }

        @Test
        @DisplayName("a custom zone is used in every record")
        void customZone() {
            ClusterDns dns = new ClusterDns("k8s.example");
            assertThat(dns.zone()).isEqualTo("k8s.example");
            assertThat(dns.serviceName("shop", "api")).isEqualTo("api.shop.svc.k8s.example");
            String api = "api.shop.svc.k8s.example";
            String db = "db.shop.svc.k8s.example";
            assertThat(dns.records(List.of(API, DB, PAYMENTS))).as("every name ends in the zone k8s.example")
                    .containsExactlyInAnyOrder(
                            version("k8s.example"),
                            a(api, "10.96.4.7"),
                            ptr("7.4.96.10.in-addr.arpa", api),
                            srv("_http._tcp." + api, 80, api),
                            srv("_dns._udp." + api, 53, api),
                            a(db, "10.244.1.5"),
                            a(db, "10.244.2.9"),
                            a("10-244-1-5." + db, "10.244.1.5"),
                            a("db-0." + db, "10.244.2.9"),
                            ptr("5.1.244.10.in-addr.arpa", "10-244-1-5." + db),
                            ptr("9.2.244.10.in-addr.arpa", "db-0." + db),
                            srv("_pg._tcp." + db, 5432, "10-244-1-5." + db),
                            srv("_pg._tcp." + db, 5432, "db-0." + db),
                            srv("_repl._udp." + db, 5433, "10-244-1-5." + db),
                            srv("_repl._udp." + db, 5433, "db-0." + db),
                            new ClusterRecord.Cname("payments.shop.svc.k8s.example", "api.payments.example.com"));
        }

        @ParameterizedTest(name = "zone \"{0}\" is {1}")
        @CsvSource({
            "Cluster.Local, cluster.local",
            "cluster.local., cluster.local",
            "K8S.Example., k8s.example",
            "local, local",
            "corp-1.example.org, corp-1.example.org",
        })
        void normalised(String written, String zone) {
            ClusterDns dns = new ClusterDns(written);
            assertThat(dns.zone()).as("zone \"%s\" in lower case, without a final dot", written).isEqualTo(zone);
            assertThat(dns.records(List.of())).as("the dns-version record uses the normalised zone")
                    .containsExactly(version(zone));
            assertThat(dns.serviceName("ns", "svc")).isEqualTo("svc.ns.svc." + zone);
        }

        @ParameterizedTest(name = "rejects zone \"{0}\": {1}")
        @CsvSource({
            "'', empty",
            "., only a dot",
            "cluster..local, an empty label",
            ".cluster.local, an empty first label",
            "cluster.local.., two final dots",
            "-cluster.local, a label starts with a letter or digit",
            "cluster-.local, a label ends with a letter or digit",
            "cluster_local, '_' is not allowed",
            "'cluster local', a space is not allowed",
            "*.local, '*' is not allowed",
            "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.local, a 64-character label",
        })
        void invalidZones(String zone, String why) {
            assertThatIllegalArgumentException().as("zone \"%s\": %s; the message quotes it", zone, why)
                    .isThrownBy(() -> new ClusterDns(zone))
                    .withMessageContaining("\"" + zone + "\"");
        }

        @Test
        @DisplayName("a zone label may have 63 characters and the zone 253, not more")
        void zoneLengths() {
            String label63 = "z".repeat(63);
            assertThat(new ClusterDns(label63 + ".local").zone()).isEqualTo(label63 + ".local");
            String zone253 = "a".repeat(63) + "." + "b".repeat(63) + "." + "c".repeat(63) + "." + "d".repeat(61);
            assertThat(new ClusterDns(zone253).zone()).as("253 characters are allowed").isEqualTo(zone253);
            assertThat(new ClusterDns(zone253 + ".").zone()).as("a final dot is not counted").isEqualTo(zone253);
            assertThatIllegalArgumentException().as("254 characters are too many")
                    .isThrownBy(() -> new ClusterDns(zone253 + "d")).withMessageContaining(zone253 + "d");
            assertThatIllegalArgumentException().isThrownBy(() -> new ClusterDns(null)).withMessageContaining("null");
        }

        @ParameterizedTest(name = "reverseName({0}) = {1}")
        @CsvSource({
            "10.96.4.7, 7.4.96.10.in-addr.arpa",
            "192.168.0.1, 1.0.168.192.in-addr.arpa",
            "10.244.12.130, 130.12.244.10.in-addr.arpa",
            "0.0.0.0, 0.0.0.0.in-addr.arpa",
            "255.254.253.252, 252.253.254.255.in-addr.arpa",
            "1.2.3.4, 4.3.2.1.in-addr.arpa",
        })
        void reverseNames(String address, String reverse) {
            assertThat(ClusterDns.reverseName(ip(address)))
                    .as("RFC 1035 3.5: the four numbers of %s in reverse, then in-addr.arpa", address)
                    .isEqualTo(reverse);
        }

        @Test
        @DisplayName("reverseName(null) is rejected")
        void reverseNull() {
            assertThatIllegalArgumentException().isThrownBy(() -> ClusterDns.reverseName(null))
                    .withMessageContaining("null");
        }
    }

    @Nested
    @DisplayName("rejects invalid Service names")
    class Names {

        @ParameterizedTest(name = "rejects \"{0}\" as a namespace or Service name: {1}")
        @CsvSource({
            "Shop, upper case is rejected, not folded",
            "shop.prod, a dot makes it more than one label",
            "-shop, starts with '-'",
            "shop-, ends with '-'",
            "my_ns, '_' is not allowed",
            "'', empty",
            "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa, 64 characters",
        })
        void invalidLabels(String bad, String why) {
            ClusterDns dns = ClusterDns.defaults();
            assertThatIllegalArgumentException().as("namespace \"%s\": %s; the message quotes it", bad, why)
                    .isThrownBy(() -> dns.serviceName(bad, "api")).withMessageContaining("\"" + bad + "\"");
            assertThatIllegalArgumentException().as("Service name \"%s\": %s; the message quotes it", bad, why)
                    .isThrownBy(() -> dns.serviceName("shop", bad)).withMessageContaining("\"" + bad + "\"");
            assertThatIllegalArgumentException().as("a ClusterIP Service in namespace \"%s\"", bad)
                    .isThrownBy(() -> dns.records(List.of(DnsService.clusterIp(bad, "api", "10.96.0.5", List.of()))))
                    .withMessageContaining("\"" + bad + "\"");
            assertThatIllegalArgumentException().as("a headless Service named \"%s\"", bad)
                    .isThrownBy(() -> dns.records(List.of(DnsService.headless("shop", bad, List.of(), List.of()))))
                    .withMessageContaining("\"" + bad + "\"");
            assertThatIllegalArgumentException().as("an ExternalName Service named \"%s\"", bad)
                    .isThrownBy(() -> dns.records(List.of(DnsService.externalName("shop", bad, "example.com"))))
                    .withMessageContaining("\"" + bad + "\"");
        }

        @ParameterizedTest(name = "rejects the Service name \"{0}\": an RFC 1035 label starts with a letter")
        @CsvSource({"9api", "1web", "0", "42", "3-tier"})
        void serviceNameStartsWithALetter(String bad) {
            ClusterDns dns = ClusterDns.defaults();
            String rule = "a Service name is an RFC 1035 label, which starts with a letter (a namespace, an RFC 1123 "
                    + "label, may start with a digit); the refusal names that rule (RFC 1035, or a letter first) and "
                    + "quotes the name";
            assertThatIllegalArgumentException().as("serviceName(\"shop\", \"%s\") must be refused: %s", bad, rule)
                    .isThrownBy(() -> dns.serviceName("shop", bad))
                    .withMessageContaining("\"" + bad + "\"")
                    .withMessageMatching("(?is).*(1035|letter).*");
            assertThatIllegalArgumentException().as("a ClusterIP Service named \"%s\" must be refused: %s", bad, rule)
                    .isThrownBy(() -> dns.records(List.of(DnsService.clusterIp("shop", bad, "10.96.0.5", List.of()))))
                    .withMessageContaining("\"" + bad + "\"");
            assertThatIllegalArgumentException().as("a headless Service named \"%s\" must be refused: %s", bad, rule)
                    .isThrownBy(() -> dns.records(List.of(DnsService.headless("shop", bad, List.of(),
                            List.of(endpoint("10.244.1.5", null, true))))))
                    .withMessageContaining("\"" + bad + "\"");
            assertThatIllegalArgumentException().as("an ExternalName Service named \"%s\" must be refused: %s", bad, rule)
                    .isThrownBy(() -> dns.records(List.of(DnsService.externalName("shop", bad, "example.com"))))
                    .withMessageContaining("\"" + bad + "\"");
        }

        @ParameterizedTest(name = "accepts the namespace \"{0}\": an RFC 1123 label may start with a digit")
        @CsvSource({"9api", "1web", "0", "42", "3-tier"})
        void namespaceMayStartWithADigit(String namespace) {
            ClusterDns dns = ClusterDns.defaults();
            assertThat(dns.serviceName(namespace, "api"))
                    .as("namespace \"%s\": namespaces are RFC 1123 labels, so a leading digit is fine (only the "
                            + "Service name must start with a letter)", namespace)
                    .isEqualTo("api." + namespace + ".svc.cluster.local");
            String name = "web." + namespace + ".svc.cluster.local";
            assertThat(dns.records(List.of(DnsService.clusterIp(namespace, "web", "10.96.0.5", List.of()))))
                    .as("a ClusterIP Service web in namespace \"%s\" gets its records", namespace)
                    .containsExactlyInAnyOrder(version("cluster.local"), a(name, "10.96.0.5"),
                            ptr("5.0.96.10.in-addr.arpa", name));
        }

        @Test
        @DisplayName("valid labels, including 63 characters and a namespace with a leading digit, are accepted")
        void validLabels() {
            String label63 = "a".repeat(62) + "9";
            assertThat(ClusterDns.defaults().serviceName("9-team", label63))
                    .isEqualTo(label63 + ".9-team.svc.cluster.local");
            assertThat(ClusterDns.defaults().serviceName(label63, "a--b"))
                    .isEqualTo("a--b." + label63 + ".svc.cluster.local");
        }

        @ParameterizedTest(name = "rejects external name \"{0}\"")
        @CsvSource({"'not a name'", "a..b.com", "''", "web_1.example.com", "-x.example.com", "."})
        void invalidExternalNames(String bad) {
            assertThatIllegalArgumentException().as("external name \"%s\" is not a valid DNS name; the message "
                    + "quotes it", bad)
                    .isThrownBy(() -> ClusterDns.defaults().records(List.of(DnsService.externalName("shop", "ext", bad))))
                    .withMessageContaining("\"" + bad + "\"");
        }

        @Test
        @DisplayName("null arguments and elements are rejected")
        void nulls() {
            ClusterDns dns = ClusterDns.defaults();
            assertThatIllegalArgumentException().isThrownBy(() -> dns.records(null)).withMessageContaining("null");
            assertThatIllegalArgumentException().isThrownBy(() -> dns.records(Arrays.asList(API, null)))
                    .withMessageContaining("null");
            assertThatIllegalArgumentException().isThrownBy(() -> dns.serviceName(null, "api"))
                    .withMessageContaining("null");
            assertThatIllegalArgumentException().isThrownBy(() -> dns.serviceName("shop", null))
                    .withMessageContaining("null");
        }
    }

    @Nested
    @DisplayName("forms a set of records")
    class Duplicates {

        @Test
        @DisplayName("a record produced twice appears once")
        void duplicatesMerged() {
            DnsService twinPorts = DnsService.clusterIp("shop", "api", "10.96.4.7",
                    List.of(DnsPort.tcp("http", 80), DnsPort.tcp("http", 80)));
            DnsService twinEndpoints = DnsService.headless("shop", "db", List.of(DnsPort.tcp("pg", 5432)),
                    List.of(endpoint("10.244.1.5", null, true), endpoint("10.244.1.5", null, true)));
            Set<ClusterRecord> records = ClusterDns.defaults().records(List.of(twinPorts, twinEndpoints, twinPorts));
            String api = "api.shop.svc.cluster.local";
            String db = "db.shop.svc.cluster.local";
            assertThat(records).as("the same Service twice, a port listed twice, an endpoint listed twice: each "
                    + "record once")
                    .hasSize(8)
                    .containsExactlyInAnyOrder(version("cluster.local"), a(api, "10.96.4.7"),
                            ptr("7.4.96.10.in-addr.arpa", api), srv("_http._tcp." + api, 80, api),
                            a(db, "10.244.1.5"), a("10-244-1-5." + db, "10.244.1.5"),
                            ptr("5.1.244.10.in-addr.arpa", "10-244-1-5." + db),
                            srv("_pg._tcp." + db, 5432, "10-244-1-5." + db));
        }
    }

    @Nested
    @DisplayName("answers through the cluster DNS server")
    class ThroughTheServer {

        private ClusterDnsServer server() {
            DnsZone internet = new DnsZone();
            internet.addA("api.payments.example.com", "203.0.113.10", Duration.ofMinutes(5));
            internet.addA("www.example.com", "203.0.113.80", Duration.ofMinutes(10));
            return new ClusterDnsServer("cluster.local", ClusterDns.defaults().records(List.of(API, DB, PAYMENTS)),
                    new ZoneResolver(internet));
        }

        private static Hostname host(String name) {
            return Hostname.parse(name);
        }

        @Test
        @DisplayName("a ClusterIP Service's name, in any case, is its ClusterIP")
        void clusterIpAnswer() {
            Hostname q = host("API.Shop.SVC.Cluster.Local");
            assertThat(server().resolve(q)).as("names compare without regard to case")
                    .isEqualTo(new DnsResult.Answer(q, List.of(host("api.shop.svc.cluster.local")),
                            List.of(ip("10.96.4.7")), ClusterDnsServer.TTL));
        }

        @Test
        @DisplayName("a headless Service's name gives every ready endpoint, a host name gives one")
        void headlessAnswers() {
            DnsResult all = server().resolve(host("db.shop.svc.cluster.local"));
            assertThat(all).isInstanceOf(DnsResult.Answer.class);
            assertThat(((DnsResult.Answer) all).addresses()).as("the ready endpoints' addresses")
                    .containsExactlyInAnyOrder(ip("10.244.1.5"), ip("10.244.2.9"));
            assertThat(server().resolve(host("db-0.db.shop.svc.cluster.local")))
                    .as("db-0's own name").isInstanceOf(DnsResult.Answer.class)
                    .extracting(r -> ((DnsResult.Answer) r).addresses()).isEqualTo(List.of(ip("10.244.2.9")));
            assertThat(server().resolve(host("10-244-1-5.db.shop.svc.cluster.local")))
                    .as("the endpoint without a hostname, by its dashed address")
                    .extracting(r -> ((DnsResult.Answer) r).addresses()).isEqualTo(List.of(ip("10.244.1.5")));
            assertThat(server().resolve(host("db-1.db.shop.svc.cluster.local")))
                    .as("db-1 is not ready: its name does not exist").isInstanceOf(DnsResult.NxDomain.class);
        }

        @Test
        @DisplayName("dns-version exists but has no address: NODATA")
        void noData() {
            Hostname q = host("dns-version.cluster.local");
            assertThat(server().resolve(q)).as("dns-version.cluster.local has only a TXT record")
                    .isEqualTo(new DnsResult.NoData(q, List.of(q)));
        }

        @Test
        @DisplayName("an unknown name in the zone does not exist: NXDOMAIN")
        void nxDomain() {
            Hostname q = host("nope.shop.svc.cluster.local");
            assertThat(server().resolve(q)).isEqualTo(new DnsResult.NxDomain(q, List.of(q)));
        }

        @Test
        @DisplayName("an ExternalName is followed upstream, and the chain shows both names")
        void externalNameChain() {
            Hostname q = host("payments.shop.svc.cluster.local");
            assertThat(server().resolve(q)).as("payments.shop is a CNAME to api.payments.example.com, answered "
                    + "upstream; the answer's TTL is the smaller one, 5 s")
                    .isEqualTo(new DnsResult.Answer(q, List.of(q, host("api.payments.example.com")),
                            List.of(ip("203.0.113.10")), ClusterDnsServer.TTL));
        }

        @Test
        @DisplayName("a name outside the zone is asked upstream")
        void upstream() {
            Hostname q = host("www.example.com");
            assertThat(server().resolve(q)).isEqualTo(new DnsResult.Answer(q, List.of(q), List.of(ip("203.0.113.80")),
                    Duration.ofMinutes(10)));
        }

        @Test
        @DisplayName("SRV and PTR records are found by their names")
        void srvAndPtr() {
            assertThat(server().records("_HTTP._tcp.api.shop.svc.cluster.local"))
                    .containsExactly(srv("_http._tcp.api.shop.svc.cluster.local", 80, "api.shop.svc.cluster.local"));
            assertThat(server().records("7.4.96.10.in-addr.arpa"))
                    .containsExactly(ptr("7.4.96.10.in-addr.arpa", "api.shop.svc.cluster.local"));
        }
    }
}
