package k8snet.grader.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import k8snet.grader.runner.TreeDigest;

@DisplayName("A compile cache entry")
class CacheEntryTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Compiler.Source MINE = new Compiler.Source("k8snet/ip/Ipv4Address.java", new byte[0],
            "module-01-basics/src/main/java/k8snet/ip/Ipv4Address.java", "1.1");

    @TempDir
    Path cache;

    private final CacheIndex index = new CacheIndex();

    /** Builds and places entry {@code key}: one class file, and a result that names {@code errors}. */
    private CacheEntry built(String key, boolean ok, String... errorRels) throws IOException {
        CacheEntry entry = new CacheEntry(cache, index, key, JSON, DigestMemo.OFF);
        Path tmp = entry.newTemp();
        Files.createDirectories(tmp.resolve("classes/k8snet/ip"));
        Files.write(tmp.resolve("classes/k8snet/ip/Ipv4Address.class"), new byte[] {1, 2, 3});
        ObjectNode result = JSON.createObjectNode();
        ArrayNode errors = result.putArray("errors");
        for (String rel : errorRels) {
            errors.addObject().put("rel", rel).put("line", 4).put("column", 17)
                    .put("code", "    int bits = 0").put("text", "';' expected");
        }
        result.putArray("removed").add("k8snet.testkit.Fake");
        result.put("ok", ok);
        entry.seal(tmp, result);
        entry.moveIntoPlace(tmp, true);
        assertThat(tmp).doesNotExist();
        return entry;
    }

    @Test
    @DisplayName("reads back what was sealed: outcome, classes, removed classes and the classes' digest")
    void roundTrip() throws IOException {
        CacheEntry entry = built("main-abc", true);
        assertThat(entry.exists()).isTrue();
        Compiler.Result r = entry.read(List.of(MINE), List.of(), true);
        assertThat(r.ok()).isTrue();
        assertThat(r.cached()).isTrue();
        assertThat(r.classes()).isEqualTo(cache.resolve("main-abc/classes"));
        assertThat(r.removed()).containsExactly("k8snet.testkit.Fake");
        assertThat(r.errors()).isEmpty();
        assertThat(r.digest()).isEqualTo(TreeDigest.of(cache.resolve("main-abc/classes")));
        assertThat(entry.read(List.of(), List.of(), false).cached()).isFalse();
    }

    @Test
    @DisplayName("maps each error to its source, a support file's to the support source, an unknown one to its path")
    void errors() throws IOException {
        Compiler.Source support = new Compiler.Source("k8snet/testkit/Net.java", new byte[0], "testkit/Net.java", null);
        Compiler.Result r = built("main-err", false, "k8snet/ip/Ipv4Address.java", "support:k8snet/testkit/Net.java",
                "other:k8snet/Gone.java", "").read(List.of(MINE), List.of(support), true);
        assertThat(r.ok()).isFalse();
        assertThat(r.errors()).extracting(e -> e.source() == null ? null : e.source().display())
                .containsExactly(MINE.display(), "testkit/Net.java", "k8snet/Gone.java", null);
        assertThat(r.errors().get(0)).satisfies(e -> {
            assertThat(e.source()).isSameAs(MINE);
            assertThat(e.line()).isEqualTo(4);
            assertThat(e.column()).isEqualTo(17);
            assertThat(e.code()).isEqualTo("    int bits = 0");
            assertThat(e.text()).isEqualTo("';' expected");
        });
    }

    @Nested
    @DisplayName("is not used")
    class Refused {

        @Test
        @DisplayName("when a class in it was rewritten")
        void classChanged() throws IOException {
            CacheEntry entry = built("main-abc", true);
            Files.write(cache.resolve("main-abc/classes/k8snet/ip/Ipv4Address.class"), new byte[] {1, 2, 4});
            assertThat(entry.read(List.of(), List.of(), true)).isNull();
        }

        @Test
        @DisplayName("when a class was added to it")
        void classAdded() throws IOException {
            CacheEntry entry = built("main-abc", true);
            Files.write(cache.resolve("main-abc/classes/k8snet/ip/Extra.class"), new byte[] {9});
            assertThat(entry.read(List.of(), List.of(), true)).isNull();
        }

        @Test
        @DisplayName("when its result file was rewritten")
        void resultChanged() throws IOException {
            CacheEntry entry = built("main-err", false, "k8snet/ip/Ipv4Address.java");
            Path result = cache.resolve("main-err/result.json");
            Files.writeString(result, Files.readString(result).replace("\"ok\":false", "\"ok\":true"));
            assertThat(entry.read(List.of(MINE), List.of(), true)).isNull();
        }

        @Test
        @DisplayName("when no digest was recorded for it, in this process or on disk")
        void noDigest() throws IOException {
            built("main-abc", true);
            Files.delete(cache.resolve("digests/main-abc"));
            CacheEntry fresh = new CacheEntry(cache, new CacheIndex(), "main-abc", JSON, DigestMemo.OFF);
            assertThat(fresh.exists()).isTrue();
            assertThat(fresh.read(List.of(), List.of(), true)).isNull();
        }

        @Test
        @DisplayName("once discarded: the entry and its digest are gone")
        void discarded() throws IOException {
            CacheEntry entry = built("main-abc", true);
            entry.discard();
            assertThat(entry.exists()).isFalse();
            assertThat(cache.resolve("main-abc")).doesNotExist();
            assertThat(cache.resolve("digests/main-abc")).doesNotExist();
            assertThat(index.digest(cache, "main-abc")).isEmpty();
        }
    }

    @Test
    @DisplayName("keeps the first build when a second one of the same key is moved into place")
    void secondBuildLoses() throws IOException {
        CacheEntry entry = built("main-abc", true);
        Path tmp = entry.newTemp();
        Files.createDirectories(tmp.resolve("classes"));
        Files.writeString(tmp.resolve("result.json"), "{}", StandardCharsets.UTF_8);
        entry.moveIntoPlace(tmp, true);
        assertThat(tmp).doesNotExist();
        assertThat(cache.resolve("main-abc/classes/k8snet/ip/Ipv4Address.class")).hasBinaryContent(new byte[] {1, 2, 3});
        assertThat(entry.read(List.of(), List.of(), true)).isNotNull();
    }
}
