package k8snet.grader.guard;

import java.util.List;

import org.objectweb.asm.AnnotationVisitor;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.FieldVisitor;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.RecordComponentVisitor;
import org.objectweb.asm.TypePath;

/**
 * Reads one class file's declarations for {@link ClassUses}: superclass, interfaces, annotations, record
 * components, fields, method signatures and {@code throws} clauses; each method's code goes to a
 * {@link MethodScan}. It also remembers what places a use in the source: the class's name, its
 * {@code SourceFile} and, for an anonymous or local class, the method it is written in.
 */
final class ClassScan extends ClassVisitor {

    private final ClassUses uses;
    private String className = "";
    private String sourceFile = "";
    private String enclosingOwner;
    private String enclosingMethod;

    ClassScan(ClassUses uses) {
        super(BytecodeCheck.API);
        this.uses = uses;
    }

    @Override
    public void visit(int version, int access, String name, String signature, String superName,
                      String[] interfaces) {
        className = name.replace('/', '.');
        if (superName != null) {
            uses.type(superName, null, 0);
        }
        for (String i : interfaces) {
            uses.type(i, null, 0);
        }
    }

    @Override
    public void visitSource(String source, String debug) {
        sourceFile = source == null ? "" : source;
    }

    @Override
    public void visitOuterClass(String owner, String name, String descriptor) {
        enclosingOwner = owner.replace('/', '.');
        enclosingMethod = name;
    }

    @Override
    public AnnotationVisitor visitAnnotation(String descriptor, boolean visible) {
        return AnnotationScan.of(uses, descriptor, null, new int[1]);
    }

    @Override
    public AnnotationVisitor visitTypeAnnotation(int typeRef, TypePath typePath, String descriptor, boolean visible) {
        return AnnotationScan.of(uses, descriptor, null, new int[1]);
    }

    @Override
    public RecordComponentVisitor visitRecordComponent(String name, String descriptor, String signature) {
        String member = "the record component " + name;
        uses.descriptor(descriptor, member, 0);
        return new RecordComponentVisitor(BytecodeCheck.API) {
            @Override
            public AnnotationVisitor visitAnnotation(String d, boolean visible) {
                return AnnotationScan.of(uses, d, member, new int[1]);
            }
        };
    }

    @Override
    public FieldVisitor visitField(int access, String name, String descriptor, String signature, Object value) {
        String member = "the field " + name;
        uses.descriptor(descriptor, member, 0);
        return new FieldVisitor(BytecodeCheck.API) {
            @Override
            public AnnotationVisitor visitAnnotation(String d, boolean visible) {
                return AnnotationScan.of(uses, d, member, new int[1]);
            }

            @Override
            public AnnotationVisitor visitTypeAnnotation(int typeRef, TypePath typePath, String d, boolean visible) {
                return AnnotationScan.of(uses, d, member, new int[1]);
            }
        };
    }

    @Override
    public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                                     String[] exceptions) {
        int first = uses.count();
        uses.descriptor(descriptor, name, 0);
        if (exceptions != null) {
            for (String e : exceptions) {
                uses.type(e, name, 0);
            }
        }
        return new MethodScan(uses, name, first);
    }

    /** The violations found, once the whole class has been read. */
    List<Violation> violations() {
        return uses.violations(className, sourceFile, enclosingOwner, enclosingMethod);
    }
}
