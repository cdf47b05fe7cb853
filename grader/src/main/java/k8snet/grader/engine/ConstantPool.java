package k8snet.grader.engine;

import java.io.DataInputStream;
import java.io.IOException;

/**
 * The constant pool of one class file, as far as {@link ClassAbiReader} needs it: texts, class references
 * and constant values by their index; every other kind of entry is read past. A reference to an entry of
 * the wrong kind is an {@link IOException}, as for any class file that cannot be read.
 */
final class ConstantPool {

    /** A numeric constant of the pool, as text with its type. */
    private record Number(String text) {
    }

    /** By index: a String (UTF-8 entry), a Number, {@code int[] {tag, index}} (class, string and the like), or null. */
    private final Object[] entries;

    private ConstantPool(Object[] entries) {
        this.entries = entries;
    }

    /** Reads the pool's count and entries from {@code in}, positioned just after the class file's version. */
    static ConstantPool read(DataInputStream in) throws IOException {
        int count = in.readUnsignedShort();
        Object[] pool = new Object[count];
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
        return new ConstantPool(pool);
    }

    /** The text of UTF-8 entry {@code index}. */
    String utf8(int index) throws IOException {
        if (index <= 0 || index >= entries.length || !(entries[index] instanceof String s)) {
            throw new IOException("constant pool entry " + index + " is not text");
        }
        return s;
    }

    /** {@link #utf8}, or "-" for index 0 (no name, as an anonymous class's simple name). */
    String utf8OrNone(int index) throws IOException {
        return index == 0 ? "-" : utf8(index);
    }

    /** The internal name of class entry {@code index}, or "-" for index 0 (no class, as {@code Object}'s superclass). */
    String className(int index) throws IOException {
        if (index == 0) {
            return "-";
        }
        if (index >= entries.length || !(entries[index] instanceof int[] ref) || ref[0] != 7) {
            throw new IOException("constant pool entry " + index + " is not a class");
        }
        return utf8(ref[1]);
    }

    /** A field's constant value as text with its type: {@code int 42}, {@code string abc}. */
    String constant(int index) throws IOException {
        if (index <= 0 || index >= entries.length || entries[index] == null) {
            throw new IOException("constant pool entry " + index + " is not a constant");
        }
        if (entries[index] instanceof int[] ref && ref[0] == 8) {
            return "string " + utf8(ref[1]);
        }
        if (entries[index] instanceof Number n) {
            return n.text();
        }
        throw new IOException("constant pool entry " + index + " is not a constant");
    }
}
