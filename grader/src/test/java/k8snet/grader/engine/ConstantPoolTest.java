package k8snet.grader.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIOException;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("A class file's constant pool")
class ConstantPoolTest {

    /**
     * 1 "k8snet/ip/Ipv4Address", 2 class -> 1, 3 long 7 (takes 3 and 4), 5 string -> 1, 6 int -3,
     * 7 a field reference (read past), 8 a method handle (read past), then the byte 0x2A after the pool.
     */
    private static DataInputStream pool() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeShort(9);
        out.writeByte(1);
        out.writeUTF("k8snet/ip/Ipv4Address");
        out.writeByte(7);
        out.writeShort(1);
        out.writeByte(5);
        out.writeLong(7);
        out.writeByte(8);
        out.writeShort(1);
        out.writeByte(3);
        out.writeInt(-3);
        out.writeByte(9);
        out.writeShort(2);
        out.writeShort(1);
        out.writeByte(15);
        out.writeByte(6);
        out.writeShort(7);
        out.writeByte(0x2A);
        return new DataInputStream(new ByteArrayInputStream(bytes.toByteArray()));
    }

    @Test
    @DisplayName("reads texts, classes and constants by index, a long taking two, and stops right after the pool")
    void reads() throws IOException {
        DataInputStream in = pool();
        ConstantPool pool = ConstantPool.read(in);
        assertThat(in.readUnsignedByte()).isEqualTo(0x2A);
        assertThat(pool.utf8(1)).isEqualTo("k8snet/ip/Ipv4Address");
        assertThat(pool.className(2)).isEqualTo("k8snet/ip/Ipv4Address");
        assertThat(pool.constant(3)).isEqualTo("long 7");
        assertThat(pool.constant(5)).isEqualTo("string k8snet/ip/Ipv4Address");
        assertThat(pool.constant(6)).isEqualTo("int -3");
        assertThat(pool.className(0)).isEqualTo("-");
        assertThat(pool.utf8OrNone(0)).isEqualTo("-");
        assertThat(pool.utf8OrNone(1)).isEqualTo("k8snet/ip/Ipv4Address");
    }

    @Test
    @DisplayName("refuses an index of the wrong kind or out of range, naming it")
    void wrongKind() throws IOException {
        ConstantPool pool = ConstantPool.read(pool());
        assertThatIOException().isThrownBy(() -> pool.utf8(2)).withMessage("constant pool entry 2 is not text");
        assertThatIOException().isThrownBy(() -> pool.utf8(0)).withMessage("constant pool entry 0 is not text");
        assertThatIOException().isThrownBy(() -> pool.className(1)).withMessage("constant pool entry 1 is not a class");
        assertThatIOException().isThrownBy(() -> pool.className(9)).withMessage("constant pool entry 9 is not a class");
        assertThatIOException().isThrownBy(() -> pool.constant(4)).withMessage("constant pool entry 4 is not a constant");
        assertThatIOException().isThrownBy(() -> pool.constant(2)).withMessage("constant pool entry 2 is not a constant");
        assertThatIOException().isThrownBy(() -> pool.constant(7)).withMessage("constant pool entry 7 is not a constant");
    }

    @Test
    @DisplayName("refuses an unknown tag, naming it and its entry")
    void unknownTag() {
        byte[] bytes = {0, 2, 42};
        assertThatIOException().isThrownBy(() -> ConstantPool.read(new DataInputStream(new ByteArrayInputStream(bytes))))
                .withMessage("unknown constant pool tag 42 at entry 1");
    }
}
