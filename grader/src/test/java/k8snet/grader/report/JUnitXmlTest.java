package k8snet.grader.report;

import static k8snet.grader.Fixtures.DNS;
import static k8snet.grader.Fixtures.IPV4;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

import k8snet.grader.Fixtures;
import k8snet.grader.engine.ExerciseStatus;
import k8snet.grader.engine.TestStatus;

@DisplayName("junit.xml")
class JUnitXmlTest {

    private static Document parse(String xml) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    @DisplayName("has a suite per exercise, a failure per failed assertion and an error per timeout")
    void shape() throws Exception {
        GradedSubmission graded = GradedSubmission.of("alice", Fixtures.report(
                Fixtures.result(IPV4, ExerciseStatus.IN_PROGRESS, Fixtures.passed(IPV4, "parses"),
                        Fixtures.withStatus(IPV4, "loops", TestStatus.TIMED_OUT, "timed out after 10 s")),
                Fixtures.result(DNS, ExerciseStatus.IN_PROGRESS, Fixtures.failed(DNS, "drops the dot",
                        "expected <example.com> & \"more\" \u0007 bell"))));
        Document doc = parse(JUnitXml.render(graded));
        Element root = doc.getDocumentElement();
        assertThat(root.getTagName()).isEqualTo("testsuites");
        assertThat(root.getAttribute("tests")).isEqualTo("3");
        assertThat(root.getAttribute("failures")).isEqualTo("1");
        assertThat(root.getAttribute("errors")).isEqualTo("1");
        assertThat(doc.getElementsByTagName("testsuite").getLength()).isEqualTo(2);
        assertThat(((Element) doc.getElementsByTagName("testsuite").item(0)).getAttribute("name"))
                .isEqualTo("1.1 IPv4 addresses");
        Element error = (Element) doc.getElementsByTagName("error").item(0);
        assertThat(error.getAttribute("type")).isEqualTo("TIMED_OUT");
        Element failure = (Element) doc.getElementsByTagName("failure").item(0);
        assertThat(failure.getTextContent()).isEqualTo("expected <example.com> & \"more\" ? bell");
        assertThat(((Element) failure.getParentNode()).getAttribute("classname")).isEqualTo("k8snet.dns.HostnameTest");
    }

    @Test
    @DisplayName("reports code that does not compile as an error with the compiler's messages")
    void compileError() throws Exception {
        Document doc = parse(JUnitXml.render(GradedSubmission.of("bob", Fixtures.report(
                Fixtures.doesNotCompile(IPV4, List.of("Ipv4Address.java:42: ';' expected"))))));
        Element error = (Element) doc.getElementsByTagName("error").item(0);
        assertThat(error.getAttribute("type")).isEqualTo("DOES_NOT_COMPILE");
        assertThat(error.getTextContent()).contains("Ipv4Address.java:42: ';' expected");
        assertThat(doc.getDocumentElement().getAttribute("errors")).isEqualTo("1");
    }
}
