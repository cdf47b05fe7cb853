package k8snet.grader.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.stream.Stream;

/**
 * The application binary interface of a folder of compiled classes: everything javac reads from a class
 * file when it compiles <em>other</em> code against it, and nothing else. Two folders with the same digest
 * can stand in for each other on a compile's class path: code compiled against one is binary compatible
 * with the other and would have compiled the same way. So a body-only edit to a student file (the usual
 * edit) leaves the graded tests and the later modules, compiled against that module, cached.
 *
 * <p>What counts, per class file (every class file, nested and anonymous ones included): the name, access
 * flags, superclass, interfaces and generic signature; every field and method that is not private, with its
 * flags, descriptor, generic signature, thrown exceptions, constant value (javac inlines constants into the
 * code that uses them) and annotation default; the class's own entries of the InnerClasses attribute, the
 * PermittedSubclasses and the Record attributes.
 * Method bodies, private members, line numbers, debug information and the constant pool's order do not.
 * The digest errs on the safe side: a change it cannot rule out (a reordered member, a new anonymous class)
 * changes it, and costs only a recompile. Reading a class file is {@link ClassAbiReader}'s job, its constant
 * pool {@link ConstantPool}'s.
 */
final class ClassAbi {

    private ClassAbi() {
    }

    /** The digest of every class file under {@code classes} (hex SHA-256), or {@code "none"} without the folder. */
    static String digest(Path classes) {
        if (!Files.isDirectory(classes)) {
            return "none";
        }
        try (Stream<Path> walk = Files.walk(classes)) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            for (Path p : walk.filter(f -> f.getFileName().toString().endsWith(".class")).sorted().toList()) {
                md.update(Compiler.slash(classes.relativize(p)).getBytes(StandardCharsets.UTF_8));
                md.update((byte) 0);
                md.update(describe(Files.readAllBytes(p)).getBytes(StandardCharsets.UTF_8));
                md.update((byte) 0);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the compiled classes in " + classes, e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }

    /**
     * The ABI of one class file as text, one line per part, members sorted.
     *
     * @throws IllegalArgumentException when the bytes are not a class file
     */
    static String describe(byte[] classFile) {
        try {
            return new ClassAbiReader(classFile).read();
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("Not a readable class file (" + classFile.length + " bytes): " + e, e);
        }
    }

    /**
     * The source file a class file was compiled from, as a path in its package's folder (such as
     * {@code k8snet/ip/Ipv4Address.java} for {@code k8snet.ip.Ipv4Address$Octets}), from its SourceFile
     * attribute; empty when the class file has none.
     *
     * @throws IllegalArgumentException when the bytes are not a class file
     */
    static java.util.Optional<String> sourcePath(byte[] classFile) {
        try {
            ClassAbiReader reader = new ClassAbiReader(classFile);
            reader.read();
            if (reader.sourceFile() == null) {
                return java.util.Optional.empty();
            }
            String thisClass = reader.thisClass();
            int slash = thisClass.lastIndexOf('/');
            return java.util.Optional.of((slash < 0 ? "" : thisClass.substring(0, slash + 1)) + reader.sourceFile());
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("Not a readable class file (" + classFile.length + " bytes): " + e, e);
        }
    }
}
