package k8snet.grader.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import k8snet.grader.Fixtures;
import k8snet.grader.guard.BytecodeCheck;
import k8snet.grader.manifest.CourseModule;
import k8snet.grader.manifest.Exercise;
import k8snet.grader.manifest.KitLayout;
import k8snet.grader.manifest.Manifest;

/**
 * The kit's reference solutions use only what the allowlist allows: each module's main sources are
 * compiled as the engine compiles them (provided code from the kit, every exercise's files from
 * solutions/, against the modules before it) and put through the engine's {@link AllowlistGate}.
 */
@DisplayName("The reference solutions of every module")
class ReferenceAllowlistTest {

    @TempDir
    Path work;

    @Test
    @DisplayName("pass the bytecode allowlist check")
    void passAllowlist() throws Exception {
        Path kit = Fixtures.realKit();
        Manifest manifest = Manifest.load(kit);
        Compiler compiler = new Compiler(work.resolve("cache"), new CacheIndex());
        AllowlistGate gate = new AllowlistGate(BytecodeCheck.standard());
        List<Path> classpath = new ArrayList<>();
        int studentFiles = 0;
        long gateNanos = 0;
        for (CourseModule m : manifest.modules()) {
            Map<String, String> owner = new HashMap<>();
            for (Exercise e : manifest.exercisesOf(m.id())) {
                e.files().forEach(f -> owner.put(f, e.id()));
            }
            Path main = KitLayout.mainSources(kit, m.id());
            List<Compiler.Source> sources = new ArrayList<>();
            for (Path file : KitLayout.javaFiles(main)) {
                String rel = Compiler.slash(main.relativize(file));
                String id = owner.get(rel);
                Path from = id == null ? file : KitLayout.solutionSources(kit, m.id()).resolve(rel);
                sources.add(new Compiler.Source(rel, Files.readAllBytes(from), m.id() + "/" + rel, id));
                studentFiles += id == null ? 0 : 1;
            }
            Compiler.Result compiled = compiler.compile("main-" + m.id(), work.resolve("layout-" + m.id()), sources,
                    List.of(), List.copyOf(classpath), name -> false, "");
            assertThat(compiled.ok()).as("the reference of %s compiles: %s", m.id(), compiled.errors()).isTrue();
            long start = System.nanoTime();
            Compiler.Result checked = gate.apply(compiled, sources);
            gateNanos += System.nanoTime() - start;
            assertThat(checked.errors()).as("allowlist violations in the reference of %s", m.id())
                    .extracting(Compiler.Error::format).isEmpty();
            assertThat(checked.ok()).isTrue();
            classpath.add(compiled.classes());
        }
        assertThat(studentFiles).as("solution files checked").isEqualTo(manifest.exercises().stream()
                .mapToInt(e -> e.files().size()).sum()).isGreaterThan(20);
        try (Stream<Path> classes = classpath.stream().flatMap(ReferenceAllowlistTest::classFiles)) {
            System.out.printf("allowlist check of the reference: %d modules, %d class files, %.1f ms%n",
                    classpath.size(), classes.count(), gateNanos / 1e6);
        }
    }

    private static Stream<Path> classFiles(Path dir) {
        try {
            return Files.walk(dir).filter(p -> p.toString().endsWith(".class")).toList().stream();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
