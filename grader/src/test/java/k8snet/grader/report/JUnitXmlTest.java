package k8snet.grader.report;

import static k8snet.grader.Fixtures.DNS;
import static k8snet.grader.Fixtures.IPAM;
import static k8snet.grader.Fixtures.IPV4;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.xml.sax.SAXException;

import k8snet.grader.Fixtures;
import k8snet.grader.engine.ExerciseStatus;
import k8snet.grader.engine.TestResult;
import k8snet.grader.engine.TestStatus;

@DisplayName("junit.xml")
class JUnitXmlTest {

    private static final LocalDateTime AT = LocalDateTime.of(2025, 3, 14, 9, 26, 53, 589_000_000);

    private static Document parse(String xml) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    /** Every schema bundled in src/test/resources/junit-schemas (see its README.md). */
    private static List<Path> schemas() throws IOException, URISyntaxException {
        Path dir = Path.of(JUnitXmlTest.class.getResource("/junit-schemas/ant-junit.xsd").toURI()).getParent();
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.toString().endsWith(".xsd")).sorted().toList();
        }
    }

    private static void validate(String xml) throws Exception {
        List<Path> schemas = schemas();
        assertThat(schemas).isNotEmpty();
        for (Path xsd : schemas) {
            SchemaFactory factory = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
            factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            factory.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            Schema schema = factory.newSchema(xsd.toFile());
            schema.newValidator().validate(new StreamSource(new StringReader(xml)));
        }
    }

    /** Every outcome: passed, failed assertion, unexpected exception, timeout, crash, abort, not run, hidden. */
    private static GradedSubmission everything() {
        TestResult withOutput = new TestResult(IPV4.id(), "k8snet.ip.Ipv4AddressTest", "prints its trace",
                "[engine:junit-jupiter]/x", TestStatus.PASSED, "", "host-a eth0: send\n<tcp> & done", 0.004);
        return GradedSubmission.of("alice", Fixtures.report(
                Fixtures.result(IPV4, ExerciseStatus.IN_PROGRESS, Fixtures.passed(IPV4, "parses"), withOutput,
                        Fixtures.withStatus(IPV4, "loops", TestStatus.TIMED_OUT, "timed out after 10 s")
                                .thrown("java.util.concurrent.TimeoutException", false),
                        Fixtures.threw(IPV4, "divides", "java.lang.ArithmeticException", "/ by zero"),
                        Fixtures.withStatus(IPV4, "exits", TestStatus.CRASHED, "the test JVM died: System.exit(1)"),
                        Fixtures.withStatus(IPV4, "later", TestStatus.NOT_RUN, "not run: the deadline passed"),
                        new TestResult(IPV4.id(), "k8snet.ip.Ipv4AddressTest", "only on Linux", "", TestStatus.FAILED,
                                "aborted: Assumption failed", "", 0).thrown("org.opentest4j.TestAbortedException",
                                false)),
                Fixtures.withHidden(DNS, ExerciseStatus.IN_PROGRESS, Set.of("k8snet.dns.SecretTest"), List.of(),
                        Fixtures.failed(DNS, "drops the dot", "expected <example.com> & \"more\" \u0007 bell"),
                        Fixtures.hidden(DNS, "k8snet.dns.SecretTest", "secret", true, "")),
                Fixtures.doesNotCompile(IPAM, List.of("Cidr.java:42: ';' expected"))));
    }

    @Test
    @DisplayName("is valid against the Ant JUnit schema, with every kind of outcome")
    void valid() throws Exception {
        validate(JUnitXml.render(everything(), AT, "grader-host"));
        validate(JUnitXml.render(GradedSubmission.failed("bob", Fixtures.manifest().exercises(), "boom", 0.1), AT,
                "localhost"));
        validate(JUnitXml.render(everything()));
    }

    @Test
    @DisplayName("the schema check does catch a report in the old shape (attributes on testsuites, no timestamp)")
    void schemaCatchesTheOldShape() {
        String old = """
                <?xml version="1.0" encoding="UTF-8"?>
                <testsuites name="alice" tests="1" failures="0" errors="0" time="0.010">
                  <testsuite name="1.1 IPv4 addresses" tests="1" failures="0" errors="0" skipped="0" time="0.010">
                    <testcase classname="k8snet.ip.Ipv4AddressTest" name="parses" time="0.010"/>
                  </testsuite>
                </testsuites>
                """;
        assertThatThrownBy(() -> validate(old)).isInstanceOf(SAXException.class);
    }

    @Test
    @DisplayName("has a suite per exercise with the attributes and properties Jenkins reads")
    void suites() throws Exception {
        Document doc = parse(JUnitXml.render(everything(), AT, "grader-host"));
        Element root = doc.getDocumentElement();
        assertThat(root.getTagName()).isEqualTo("testsuites");
        assertThat(root.getAttributes().getLength()).isZero();
        assertThat(doc.getElementsByTagName("testsuite").getLength()).isEqualTo(3);
        Element ip = (Element) doc.getElementsByTagName("testsuite").item(0);
        assertThat(ip.getAttribute("name")).isEqualTo("1.1 IPv4 addresses");
        assertThat(ip.getAttribute("package")).isEqualTo("module-01-basics");
        assertThat(ip.getAttribute("id")).isEqualTo("0");
        assertThat(ip.getAttribute("timestamp")).isEqualTo("2025-03-14T09:26:53");
        assertThat(ip.getAttribute("hostname")).isEqualTo("grader-host");
        assertThat(ip.getAttribute("tests")).isEqualTo("7");
        assertThat(ip.getAttribute("failures")).isEqualTo("0");
        assertThat(ip.getAttribute("errors")).isEqualTo("4");
        assertThat(ip.getAttribute("skipped")).isEqualTo("1");
        assertThat(((Element) ip.getElementsByTagName("property").item(0)).getAttribute("value")).isEqualTo("alice");
        assertThat(((Element) doc.getElementsByTagName("testsuite").item(1)).getAttribute("id")).isEqualTo("1");
    }

    @Test
    @DisplayName("a failed assertion is a failure; an unexpected exception, a timeout and a crash are errors")
    void failuresAndErrors() throws Exception {
        Document doc = parse(JUnitXml.render(everything(), AT, "h"));
        Element failure = (Element) doc.getElementsByTagName("failure").item(0);
        assertThat(doc.getElementsByTagName("failure").getLength()).isEqualTo(1);
        assertThat(failure.getAttribute("type")).isEqualTo("org.opentest4j.AssertionFailedError");
        assertThat(failure.getTextContent()).isEqualTo("expected <example.com> & \"more\" ? bell");
        assertThat(((Element) failure.getParentNode()).getAttribute("classname")).isEqualTo("k8snet.dns.HostnameTest");
        List<String> errorTypes = java.util.stream.IntStream.range(0, doc.getElementsByTagName("error").getLength())
                .mapToObj(i -> ((Element) doc.getElementsByTagName("error").item(i)).getAttribute("type")).toList();
        assertThat(errorTypes).containsExactly("java.util.concurrent.TimeoutException", "java.lang.ArithmeticException",
                "CRASHED", "NOT_RUN", "DOES_NOT_COMPILE");
        Element skipped = (Element) doc.getElementsByTagName("skipped").item(0);
        assertThat(((Element) skipped.getParentNode()).getAttribute("name")).isEqualTo("only on Linux");
        Element compile = (Element) doc.getElementsByTagName("testsuite").item(2);
        assertThat(compile.getAttribute("errors")).isEqualTo("1");
        assertThat(compile.getElementsByTagName("error").item(0).getTextContent())
                .contains("Cidr.java:42: ';' expected");
    }

    @Test
    @DisplayName("puts captured output in the suite's system-out, under each test's name, and marks hidden tests")
    void output() throws Exception {
        Document doc = parse(JUnitXml.render(everything(), AT, "h"));
        Element ip = (Element) doc.getElementsByTagName("testsuite").item(0);
        assertThat(ip.getElementsByTagName("system-out").item(0).getTextContent())
                .isEqualTo("--- prints its trace ---\nhost-a eth0: send\n<tcp> & done\n");
        Element dns = (Element) doc.getElementsByTagName("testsuite").item(1);
        assertThat(((Element) dns.getElementsByTagName("testcase").item(1)).getAttribute("name"))
                .isEqualTo("[hidden] secret");
    }
}
