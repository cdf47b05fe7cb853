package k8snet.grader.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import k8snet.grader.manifest.KitLayout;
import k8snet.grader.manifest.Manifest;
import k8snet.grader.selfcheck.SelfCheck;

/**
 * The self-check that {@link StubBlobs#FILE} lists exactly the stubs in the working tree: one line for each file
 * students edit, in manifest order, with the blob id {@code git hash-object} gives that file now, and none that
 * is its reference solution. {@link #write} rewrites the list, refusing a solved file.
 */
final class StubBlobsCheck {

    static final String NAME = "stub blobs";

    private StubBlobsCheck() {
    }

    /** The check's outcome for {@code kit}; outside a git checkout there is nothing to compare with, and it says so. */
    static SelfCheck.Check run(Path kit, Manifest manifest) {
        List<String> files = KitLayout.studentFiles(manifest);
        if (StubBlobs.prefix(kit).isEmpty()) {
            return new SelfCheck.Check(NAME, true, "not checked: " + kit + " is not a git checkout", List.of());
        }
        Optional<Map<String, String>> listed;
        try {
            listed = StubBlobs.read(kit);
        } catch (CourseException e) {
            return new SelfCheck.Check(NAME, false, StubBlobs.FILE + " cannot be read", List.of(e.getMessage()));
        }
        if (listed.isEmpty()) {
            return new SelfCheck.Check(NAME, false, StubBlobs.FILE + " is missing",
                    List.of("write it with " + StubBlobs.WRITE + " and commit it"));
        }
        Map<String, String> now = StubBlobs.hash(kit, files)
                .orElseThrow(() -> new IllegalStateException("git hash-object failed in " + kit));
        List<String> problems = new ArrayList<>();
        for (String f : files) {
            String want = now.get(f);
            String have = listed.get().get(f);
            if (want == null) {
                problems.add(f + ": the stub is missing");
            } else if (have == null) {
                problems.add(f + ": not listed");
            } else if (!have.equals(want)) {
                problems.add(f + ": listed as blob " + have + ", but the stub is now " + want);
            }
            if (want != null && StubCheck.sameAsSolution(kit, f)) {
                problems.add(f + ": the stub is byte for byte its reference solution");
            }
        }
        listed.get().keySet().stream().filter(p -> !files.contains(p))
                .forEach(p -> problems.add(p + ": listed, but no exercise has this file"));
        if (problems.isEmpty() && !List.copyOf(listed.get().keySet()).equals(files)) {
            problems.add("the files are not listed in course.yaml's order");
        }
        if (!problems.isEmpty()) {
            problems.add("after changing a stub, rewrite the list with " + StubBlobs.WRITE + " and commit it");
            return new SelfCheck.Check(NAME, false, StubBlobs.FILE + " does not match the stubs", problems);
        }
        return new SelfCheck.Check(NAME, true, StubBlobs.FILE + " lists the " + files.size() + " stubs as they are",
                List.of());
    }

    /**
     * Writes {@link StubBlobs#FILE} for the stubs in the working tree and returns how many it lists.
     *
     * @throws CourseException (exit code 1) when a student file is missing or is its reference solution, or git
     *         cannot hash the files
     */
    static int write(Path kit, Manifest manifest) {
        List<String> files = KitLayout.studentFiles(manifest);
        if (StubBlobs.prefix(kit).isEmpty()) {
            throw new CourseException(1, "cannot write " + StubBlobs.FILE + ": " + kit + " is not a git checkout");
        }
        Map<String, String> now = StubBlobs.hash(kit, files)
                .orElseThrow(() -> new CourseException(1, "cannot write " + StubBlobs.FILE + ": git hash-object failed"));
        Map<String, String> blobs = new LinkedHashMap<>();
        for (String f : files) {
            if (!now.containsKey(f)) {
                throw new CourseException(1, "cannot write " + StubBlobs.FILE + ": the stub " + f + " is missing");
            }
            if (StubCheck.sameAsSolution(kit, f)) {
                throw new CourseException(1, "cannot write " + StubBlobs.FILE + ": " + f + " is its reference "
                        + "solution, not a stub (restore the stub first)");
            }
            blobs.put(f, now.get(f));
        }
        try {
            Files.writeString(kit.resolve(StubBlobs.FILE), StubBlobs.text(blobs), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + kit.resolve(StubBlobs.FILE), e);
        }
        return blobs.size();
    }
}
