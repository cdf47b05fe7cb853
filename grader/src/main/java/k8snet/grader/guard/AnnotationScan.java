package k8snet.grader.guard;

import org.objectweb.asm.AnnotationVisitor;
import org.objectweb.asm.Type;

/**
 * Reads one annotation for {@link ClassUses}: its type, the classes and enum types of its values, and
 * nested annotations, all placed at {@code member} and the line {@code line[0]} holds when each is read.
 */
final class AnnotationScan extends AnnotationVisitor {

    private final ClassUses uses;
    private final String member;
    private final int[] line;

    private AnnotationScan(ClassUses uses, String member, int[] line) {
        super(BytecodeCheck.API);
        this.uses = uses;
        this.member = member;
        this.line = line;
    }

    /** Records the annotation's own type and returns the visitor of its values. */
    static AnnotationVisitor of(ClassUses uses, String descriptor, String member, int[] line) {
        uses.descriptor(descriptor, member, line[0]);
        return new AnnotationScan(uses, member, line);
    }

    @Override
    public void visit(String name, Object value) {
        if (value instanceof Type t) {
            uses.descriptor(t.getDescriptor(), member, line[0]);
        }
    }

    @Override
    public void visitEnum(String name, String descriptor, String value) {
        uses.descriptor(descriptor, member, line[0]);
    }

    @Override
    public AnnotationVisitor visitAnnotation(String name, String descriptor) {
        return of(uses, descriptor, member, line);
    }

    @Override
    public AnnotationVisitor visitArray(String name) {
        return this;
    }
}
