package k8snet.grader.guard;

import org.objectweb.asm.AnnotationVisitor;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.TypePath;

/**
 * Reads one method's code for {@link ClassUses}: the types, members, constants and bootstrap methods its
 * instructions use, its caught exceptions, local variables and annotations, each at the source line the
 * line table gives at that point.
 */
final class MethodScan extends MethodVisitor {

    private final ClassUses uses;
    private final String name;
    private final int first;
    /** The current source line, shared with the annotation visitors this scan starts. */
    private final int[] line = new int[1];
    private int firstLine;

    /**
     * @param first {@link ClassUses#count()} before the method's declaration was read, so that the uses
     *     found in it get the method's first line at the end
     */
    MethodScan(ClassUses uses, String name, int first) {
        super(BytecodeCheck.API);
        this.uses = uses;
        this.name = name;
        this.first = first;
    }

    @Override
    public void visitLineNumber(int number, Label start) {
        line[0] = number;
        if (firstLine == 0) {
            firstLine = number;
        }
    }

    @Override
    public void visitTypeInsn(int opcode, String type) {
        uses.type(type, name, line[0]);
    }

    @Override
    public void visitFieldInsn(int opcode, String owner, String field, String descriptor) {
        uses.member(owner, field, descriptor, name, line[0]);
    }

    @Override
    public void visitMethodInsn(int opcode, String owner, String method, String descriptor, boolean isInterface) {
        uses.member(owner, method, descriptor, name, line[0]);
    }

    @Override
    public void visitInvokeDynamicInsn(String indyName, String descriptor, Handle bootstrap, Object... arguments) {
        uses.bootstrap(bootstrap, arguments, name, line[0]);
        uses.descriptor(descriptor, name, line[0]);
    }

    @Override
    public void visitLdcInsn(Object value) {
        uses.constant(value, name, line[0]);
    }

    @Override
    public void visitMultiANewArrayInsn(String descriptor, int dimensions) {
        uses.descriptor(descriptor, name, line[0]);
    }

    @Override
    public void visitTryCatchBlock(Label start, Label end, Label handler, String type) {
        if (type != null) {
            uses.type(type, name, line[0]);
        }
    }

    @Override
    public void visitLocalVariable(String local, String descriptor, String signature, Label start, Label end,
                                   int index) {
        uses.descriptor(descriptor, name, 0);
    }

    @Override
    public AnnotationVisitor visitAnnotation(String descriptor, boolean visible) {
        return AnnotationScan.of(uses, descriptor, name, line);
    }

    @Override
    public AnnotationVisitor visitParameterAnnotation(int parameter, String descriptor, boolean visible) {
        return AnnotationScan.of(uses, descriptor, name, line);
    }

    @Override
    public AnnotationVisitor visitTypeAnnotation(int typeRef, TypePath typePath, String descriptor, boolean visible) {
        return AnnotationScan.of(uses, descriptor, name, line);
    }

    @Override
    public AnnotationVisitor visitInsnAnnotation(int typeRef, TypePath typePath, String descriptor, boolean visible) {
        return AnnotationScan.of(uses, descriptor, name, line);
    }

    @Override
    public AnnotationVisitor visitLocalVariableAnnotation(int typeRef, TypePath typePath, Label[] start, Label[] end,
                                                          int[] index, String descriptor, boolean visible) {
        return AnnotationScan.of(uses, descriptor, name, line);
    }

    @Override
    public AnnotationVisitor visitTryCatchAnnotation(int typeRef, TypePath typePath, String descriptor,
                                                     boolean visible) {
        return AnnotationScan.of(uses, descriptor, name, line);
    }

    @Override
    public void visitEnd() {
        // Uses in the method's declaration have no line of their own: give them the method's first.
        uses.lineUnlined(first, name, firstLine);
    }
}
