package k8snet.grader.engine;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * A single pass over one class file for {@link ClassAbi}: what another compile reads of it (name, flags,
 * superclass, interfaces, non-private members with their descriptors, signatures, exceptions, constant values
 * and annotation defaults; its own nesting, permitted subclasses and record components), as sorted lines of
 * text, with its SourceFile attribute on the side.
 */
final class ClassAbiReader {

    private static final int ACC_PRIVATE = 0x0002;

    private final DataInputStream in;
    private ConstantPool pool;
    private String thisClass;
    private String sourceFile;

    ClassAbiReader(byte[] bytes) {
        this.in = new DataInputStream(new ByteArrayInputStream(bytes));
    }

    /** The class's ABI as text, one line per part, members and attributes sorted; reads the file once. */
    String read() throws IOException {
        if (in.readInt() != 0xCAFEBABE) {
            throw new IOException("no 0xCAFEBABE magic number");
        }
        in.readUnsignedShort();
        in.readUnsignedShort();
        pool = ConstantPool.read(in);
        StringBuilder out = new StringBuilder();
        int access = in.readUnsignedShort();
        thisClass = pool.className(in.readUnsignedShort());
        out.append("class ").append(thisClass).append(" flags ")
                .append(Integer.toHexString(access)).append(" extends ").append(pool.className(in.readUnsignedShort()));
        int interfaces = in.readUnsignedShort();
        for (int i = 0; i < interfaces; i++) {
            out.append(i == 0 ? " implements " : ",").append(pool.className(in.readUnsignedShort()));
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
            String name = pool.utf8(in.readUnsignedShort());
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
        String name = pool.utf8(in.readUnsignedShort());
        String descriptor = pool.utf8(in.readUnsignedShort());
        StringBuilder out = new StringBuilder(kind).append(' ').append(name).append(' ').append(descriptor)
                .append(" flags ").append(Integer.toHexString(access));
        int count = in.readUnsignedShort();
        for (int i = 0; i < count; i++) {
            String attribute = pool.utf8(in.readUnsignedShort());
            DataInputStream body = new DataInputStream(new ByteArrayInputStream(in.readNBytes(in.readInt())));
            switch (attribute) {
                case "ConstantValue" -> out.append(" = ").append(pool.constant(body.readUnsignedShort()));
                case "Signature" -> out.append(" signature ").append(pool.utf8(body.readUnsignedShort()));
                case "Exceptions" -> {
                    int n = body.readUnsignedShort();
                    out.append(" throws");
                    for (int k = 0; k < n; k++) {
                        out.append(' ').append(pool.className(body.readUnsignedShort()));
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
            case "Signature" -> out.append(' ').append(pool.utf8(body.readUnsignedShort()));
            case "SourceFile" -> {
                // Where it was compiled from is no part of the ABI; it is kept for sourcePath().
                sourceFile = pool.utf8(body.readUnsignedShort());
                return null;
            }
            case "InnerClasses" -> {
                // Only this class's own nesting: javac also lists every nested class the code merely uses
                // (MethodHandles$Lookup for a lambda), which says nothing about this class.
                int n = body.readUnsignedShort();
                for (int i = 0; i < n; i++) {
                    String inner = pool.className(body.readUnsignedShort());
                    String outer = pool.className(body.readUnsignedShort());
                    String simple = pool.utf8OrNone(body.readUnsignedShort());
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
                    out.append(' ').append(pool.className(body.readUnsignedShort()));
                }
            }
            case "Record" -> {
                int n = body.readUnsignedShort();
                for (int i = 0; i < n; i++) {
                    out.append(" [").append(pool.utf8(body.readUnsignedShort())).append(' ')
                            .append(pool.utf8(body.readUnsignedShort()));
                    int attributes = body.readUnsignedShort();
                    for (int k = 0; k < attributes; k++) {
                        String attribute = pool.utf8(body.readUnsignedShort());
                        byte[] value = body.readNBytes(body.readInt());
                        if (attribute.equals("Signature")) {
                            int index = ((value[0] & 0xFF) << 8) | (value[1] & 0xFF);
                            out.append(" signature ").append(pool.utf8(index));
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

    /** The class's internal name ({@code k8snet/ip/Ipv4Address$Octets}), once {@link #read} has run. */
    String thisClass() {
        return thisClass;
    }

    /** Its SourceFile attribute, or null when it has none, once {@link #read} has run. */
    String sourceFile() {
        return sourceFile;
    }
}
