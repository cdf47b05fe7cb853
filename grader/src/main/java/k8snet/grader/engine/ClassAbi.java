package k8snet.grader.engine;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
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
 * changes it, and costs only a recompile.
 */
final class ClassAbi {

    private static final int ACC_PRIVATE = 0x0002;

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
            return new Reader(classFile).read();
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
            Reader reader = new Reader(classFile);
            reader.read();
            if (reader.sourceFile == null) {
                return java.util.Optional.empty();
            }
            int slash = reader.thisClass.lastIndexOf('/');
            return java.util.Optional.of((slash < 0 ? "" : reader.thisClass.substring(0, slash + 1)) + reader.sourceFile);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("Not a readable class file (" + classFile.length + " bytes): " + e, e);
        }
    }

    /** A numeric constant of the pool, as text with its type. */
    private record Number(String text) {
    }

    /** A single pass over one class file. */
    private static final class Reader {
        private final DataInputStream in;
        private Object[] pool;
        private String thisClass;
        private String sourceFile;

        Reader(byte[] bytes) {
            this.in = new DataInputStream(new ByteArrayInputStream(bytes));
        }

        String read() throws IOException {
            if (in.readInt() != 0xCAFEBABE) {
                throw new IOException("no 0xCAFEBABE magic number");
            }
            in.readUnsignedShort();
            in.readUnsignedShort();
            readPool();
            StringBuilder out = new StringBuilder();
            int access = in.readUnsignedShort();
            thisClass = className(in.readUnsignedShort());
            out.append("class ").append(thisClass).append(" flags ")
                    .append(Integer.toHexString(access)).append(" extends ").append(className(in.readUnsignedShort()));
            int interfaces = in.readUnsignedShort();
            for (int i = 0; i < interfaces; i++) {
                out.append(i == 0 ? " implements " : ",").append(className(in.readUnsignedShort()));
            }
            out.append('\n');
            List<String> members = new ArrayList<>();
            for (String kind : List.of("field", "method")) {
                int count = in.readUnsignedShort();
                for (int i = 0; i < count; i++) {
                    String member = member(kind);
                    if (member != null) {
                        members.add(member);
                    }
                }
            }
            members.sort(null);
            members.forEach(m -> out.append(m).append('\n'));
            List<String> attributes = new ArrayList<>();
            int count = in.readUnsignedShort();
            for (int i = 0; i < count; i++) {
                String name = utf8(in.readUnsignedShort());
                byte[] body = in.readNBytes(in.readInt());
                String described = classAttribute(name, new DataInputStream(new ByteArrayInputStream(body)));
                if (described != null) {
                    attributes.add(described);
                }
            }
            attributes.sort(null);
            attributes.forEach(a -> out.append(a).append('\n'));
            return out.toString();
        }

        private String member(String kind) throws IOException {
            int access = in.readUnsignedShort();
            String name = utf8(in.readUnsignedShort());
            String descriptor = utf8(in.readUnsignedShort());
            StringBuilder out = new StringBuilder(kind).append(' ').append(name).append(' ').append(descriptor)
                    .append(" flags ").append(Integer.toHexString(access));
            int count = in.readUnsignedShort();
            for (int i = 0; i < count; i++) {
                String attribute = utf8(in.readUnsignedShort());
                DataInputStream body = new DataInputStream(new ByteArrayInputStream(in.readNBytes(in.readInt())));
                switch (attribute) {
                    case "ConstantValue" -> out.append(" = ").append(constant(body.readUnsignedShort()));
                    case "Signature" -> out.append(" signature ").append(utf8(body.readUnsignedShort()));
                    case "Exceptions" -> {
                        int n = body.readUnsignedShort();
                        out.append(" throws");
                        for (int k = 0; k < n; k++) {
                            out.append(' ').append(className(body.readUnsignedShort()));
                        }
                    }
                    // Its element values point into the constant pool; their raw bytes are enough to notice a change.
                    case "AnnotationDefault" -> out.append(" default ").append(HexFormat.of().formatHex(body.readAllBytes()));
                    default -> {
                        // Code, line numbers, annotations, parameter names: not what a compile against it reads.
                    }
                }
            }
            return (access & ACC_PRIVATE) != 0 ? null : out.toString();
        }

        private String classAttribute(String name, DataInputStream body) throws IOException {
            StringBuilder out = new StringBuilder(name);
            switch (name) {
                case "Signature" -> out.append(' ').append(utf8(body.readUnsignedShort()));
                case "SourceFile" -> {
                    // Where it was compiled from is no part of the ABI; it is kept for sourcePath().
                    sourceFile = utf8(body.readUnsignedShort());
                    return null;
                }
                case "InnerClasses" -> {
                    // Only this class's own nesting: javac also lists every nested class the code merely uses
                    // (MethodHandles$Lookup for a lambda), which says nothing about this class.
                    int n = body.readUnsignedShort();
                    for (int i = 0; i < n; i++) {
                        String inner = className(body.readUnsignedShort());
                        String outer = className(body.readUnsignedShort());
                        String simple = utf8OrNone(body.readUnsignedShort());
                        int flags = body.readUnsignedShort();
                        if (inner.equals(thisClass) || outer.equals(thisClass) || inner.startsWith(thisClass + "$")) {
                            out.append(" [").append(inner).append(" in ").append(outer).append(" as ").append(simple)
                                    .append(" flags ").append(Integer.toHexString(flags)).append(']');
                        }
                    }
                    if (out.length() == name.length()) {
                        return null;
                    }
                }
                case "PermittedSubclasses" -> {
                    int n = body.readUnsignedShort();
                    for (int i = 0; i < n; i++) {
                        out.append(' ').append(className(body.readUnsignedShort()));
                    }
                }
                case "Record" -> {
                    int n = body.readUnsignedShort();
                    for (int i = 0; i < n; i++) {
                        out.append(" [").append(utf8(body.readUnsignedShort())).append(' ')
                                .append(utf8(body.readUnsignedShort()));
                        int attributes = body.readUnsignedShort();
                        for (int k = 0; k < attributes; k++) {
                            String attribute = utf8(body.readUnsignedShort());
                            byte[] value = body.readNBytes(body.readInt());
                            if (attribute.equals("Signature")) {
                                int index = ((value[0] & 0xFF) << 8) | (value[1] & 0xFF);
                                out.append(" signature ").append(utf8(index));
                            }
                        }
                        out.append(']');
                    }
                }
                default -> {
                    return null;
                }
            }
            return out.toString();
        }

        private void readPool() throws IOException {
            int count = in.readUnsignedShort();
            pool = new Object[count];
            for (int i = 1; i < count; i++) {
                int tag = in.readUnsignedByte();
                switch (tag) {
                    case 1 -> pool[i] = in.readUTF();
                    case 3 -> pool[i] = new Number("int " + in.readInt());
                    case 4 -> pool[i] = new Number("float " + Float.floatToRawIntBits(in.readFloat()));
                    case 5 -> {
                        pool[i] = new Number("long " + in.readLong());
                        i++;
                    }
                    case 6 -> {
                        pool[i] = new Number("double " + Double.doubleToRawLongBits(in.readDouble()));
                        i++;
                    }
                    case 7, 8, 16, 19, 20 -> pool[i] = new int[] {tag, in.readUnsignedShort()};
                    case 9, 10, 11, 12, 17, 18 -> {
                        in.readUnsignedShort();
                        in.readUnsignedShort();
                    }
                    case 15 -> {
                        in.readUnsignedByte();
                        in.readUnsignedShort();
                    }
                    default -> throw new IOException("unknown constant pool tag " + tag + " at entry " + i);
                }
            }
        }

        private String utf8(int index) throws IOException {
            if (index <= 0 || index >= pool.length || !(pool[index] instanceof String s)) {
                throw new IOException("constant pool entry " + index + " is not text");
            }
            return s;
        }

        private String utf8OrNone(int index) throws IOException {
            return index == 0 ? "-" : utf8(index);
        }

        private String className(int index) throws IOException {
            if (index == 0) {
                return "-";
            }
            if (index >= pool.length || !(pool[index] instanceof int[] ref) || ref[0] != 7) {
                throw new IOException("constant pool entry " + index + " is not a class");
            }
            return utf8(ref[1]);
        }

        private String constant(int index) throws IOException {
            if (index <= 0 || index >= pool.length || pool[index] == null) {
                throw new IOException("constant pool entry " + index + " is not a constant");
            }
            if (pool[index] instanceof int[] ref && ref[0] == 8) {
                return "string " + utf8(ref[1]);
            }
            if (pool[index] instanceof Number n) {
                return n.text();
            }
            throw new IOException("constant pool entry " + index + " is not a constant");
        }
    }
}
