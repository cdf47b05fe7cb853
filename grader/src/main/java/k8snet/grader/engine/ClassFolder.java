package k8snet.grader.engine;

import java.nio.file.Path;

import k8snet.grader.runner.TreeDigest;

/**
 * A folder on the test JVM's class path with the {@link TreeDigest} its files must have: compiled classes
 * carry the digest recorded when they were built, the kit's resource folders the digest taken when the run
 * began. The runner refuses a folder that no longer matches.
 */
record ClassFolder(Path path, String digest) {

    ClassFolder {
        if (path == null || digest == null || digest.isBlank()) {
            throw new IllegalArgumentException("A class path folder needs a path and a digest: " + path);
        }
    }
}
