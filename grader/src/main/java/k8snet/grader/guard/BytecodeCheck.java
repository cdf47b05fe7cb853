package k8snet.grader.guard;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.objectweb.asm.AnnotationVisitor;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ConstantDynamic;
import org.objectweb.asm.FieldVisitor;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.RecordComponentVisitor;
import org.objectweb.asm.Type;
import org.objectweb.asm.TypePath;

/**
 * Checks one compiled class against an {@link Allowlist}: every class it names (superclass, interfaces,
 * field, method and local variable types, {@code throws} clauses, caught exceptions, {@code new},
 * casts, {@code instanceof}, class constants, annotations and their values), every member it calls or
 * reads (methods, fields, constructors, method handles) and every {@code invokedynamic} bootstrap method
 * with its static arguments. Generic signatures and the {@code InnerClasses} table are not checked: they
 * only describe types, and javac lists {@code MethodHandles$Lookup} there for every lambda.
 *
 * <pre>{@code
 * List<Violation> found = BytecodeCheck.standard().check(classFileBytes, Set.of("k8snet.ip.Ipv4Address"));
 * }</pre>
 *
 * A class compiled together with the checked one (the {@code own} set) is always allowed, and so are its
 * members: a JDK member reached through such a class (a student's subclass of an allowed JDK class) is
 * not resolved further. Constructors of denied members still catch subclasses of {@code Thread}.
 */
public final class BytecodeCheck {

    private static final int API = Opcodes.ASM9;

    /** The two facts of a class file the engine needs before checking it. */
    public record Header(String className, String sourceFile) {
    }

    private final Allowlist allowlist;

    public BytecodeCheck(Allowlist allowlist) {
        if (allowlist == null) {
            throw new IllegalArgumentException("Allowlist must not be null (use Allowlist.standard())");
        }
        this.allowlist = allowlist;
    }

    /** A check against the kit's own {@link Allowlist#standard()} rules. */
    public static BytecodeCheck standard() {
        return new BytecodeCheck(Allowlist.standard());
    }

    public Allowlist allowlist() {
        return allowlist;
    }

    /**
     * The class's binary name and its {@code SourceFile} attribute (empty when it has none).
     *
     * @throws IllegalArgumentException when the bytes are not a class file
     */
    public static Header header(byte[] classFile) {
        String[] out = {null, ""};
        reader(classFile).accept(new ClassVisitor(API) {
            @Override
            public void visit(int version, int access, String name, String signature, String superName,
                              String[] interfaces) {
                out[0] = name.replace('/', '.');
            }

            @Override
            public void visitSource(String source, String debug) {
                out[1] = source == null ? "" : source;
            }
        }, ClassReader.SKIP_CODE | ClassReader.SKIP_FRAMES);
        return new Header(out[0], out[1]);
    }

    /**
     * The uses in {@code classFile} that the allowlist does not allow, in the order they occur, each
     * (place, thing used) once.
     *
     * @param own binary names of the classes compiled with this one, which it may always use
     * @throws IllegalArgumentException when the bytes are not a class file
     */
    public List<Violation> check(byte[] classFile, Set<String> own) {
        if (own == null) {
            throw new IllegalArgumentException("The set of own classes must not be null (use Set.of())");
        }
        ClassScan scan = new ClassScan(own);
        reader(classFile).accept(scan, ClassReader.SKIP_FRAMES);
        return scan.violations();
    }

    private static ClassReader reader(byte[] classFile) {
        if (classFile == null) {
            throw new IllegalArgumentException("Class file bytes must not be null");
        }
        try {
            return new ClassReader(classFile);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("Not a class file (" + classFile.length + " bytes): " + e, e);
        }
    }

    /** A use found while reading, placed once the class's source file and enclosing method are known. */
    private record Found(String member, int line, String used, String reason) {
    }

    private final class ClassScan extends ClassVisitor {
        private final Set<String> own;
        private final List<Found> found = new ArrayList<>();
        private String className = "";
        private String sourceFile = "";
        private String enclosingOwner;
        private String enclosingMethod;

        ClassScan(Set<String> own) {
            super(API);
            this.own = own;
        }

        @Override
        public void visit(int version, int access, String name, String signature, String superName,
                          String[] interfaces) {
            className = name.replace('/', '.');
            if (superName != null) {
                type(superName, null, 0);
            }
            for (String i : interfaces) {
                type(i, null, 0);
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
            return annotation(descriptor, null, new int[1]);
        }

        @Override
        public AnnotationVisitor visitTypeAnnotation(int typeRef, TypePath typePath, String descriptor,
                                                     boolean visible) {
            return annotation(descriptor, null, new int[1]);
        }

        @Override
        public RecordComponentVisitor visitRecordComponent(String name, String descriptor, String signature) {
            descriptor(descriptor, "the record component " + name, 0);
            return new RecordComponentVisitor(API) {
                @Override
                public AnnotationVisitor visitAnnotation(String d, boolean visible) {
                    return annotation(d, "the record component " + name, new int[1]);
                }
            };
        }

        @Override
        public FieldVisitor visitField(int access, String name, String descriptor, String signature, Object value) {
            String member = "the field " + name;
            descriptor(descriptor, member, 0);
            return new FieldVisitor(API) {
                @Override
                public AnnotationVisitor visitAnnotation(String d, boolean visible) {
                    return annotation(d, member, new int[1]);
                }

                @Override
                public AnnotationVisitor visitTypeAnnotation(int typeRef, TypePath typePath, String d,
                                                             boolean visible) {
                    return annotation(d, member, new int[1]);
                }
            };
        }

        @Override
        public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                                         String[] exceptions) {
            int[] line = new int[1];
            int first = found.size();
            descriptor(descriptor, name, 0);
            if (exceptions != null) {
                for (String e : exceptions) {
                    type(e, name, 0);
                }
            }
            return new MethodScan(name, line, first);
        }

        private final class MethodScan extends MethodVisitor {
            private final String name;
            private final int[] line;
            private final int first;
            private int firstLine;

            MethodScan(String name, int[] line, int first) {
                super(API);
                this.name = name;
                this.line = line;
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
                type(type, name, line[0]);
            }

            @Override
            public void visitFieldInsn(int opcode, String owner, String field, String descriptor) {
                member(owner, field, descriptor, name, line[0]);
            }

            @Override
            public void visitMethodInsn(int opcode, String owner, String method, String descriptor,
                                        boolean isInterface) {
                member(owner, method, descriptor, name, line[0]);
            }

            @Override
            public void visitInvokeDynamicInsn(String indyName, String descriptor, Handle bootstrap,
                                               Object... arguments) {
                bootstrap(bootstrap, arguments, name, line[0]);
                descriptor(descriptor, name, line[0]);
            }

            @Override
            public void visitLdcInsn(Object value) {
                constant(value, name, line[0]);
            }

            @Override
            public void visitMultiANewArrayInsn(String descriptor, int dimensions) {
                descriptor(descriptor, name, line[0]);
            }

            @Override
            public void visitTryCatchBlock(Label start, Label end, Label handler, String type) {
                if (type != null) {
                    type(type, name, line[0]);
                }
            }

            @Override
            public void visitLocalVariable(String local, String descriptor, String signature, Label start,
                                           Label end, int index) {
                descriptor(descriptor, name, 0);
            }

            @Override
            public AnnotationVisitor visitAnnotation(String descriptor, boolean visible) {
                return annotation(descriptor, name, line);
            }

            @Override
            public AnnotationVisitor visitParameterAnnotation(int parameter, String descriptor, boolean visible) {
                return annotation(descriptor, name, line);
            }

            @Override
            public AnnotationVisitor visitTypeAnnotation(int typeRef, TypePath typePath, String descriptor,
                                                         boolean visible) {
                return annotation(descriptor, name, line);
            }

            @Override
            public AnnotationVisitor visitInsnAnnotation(int typeRef, TypePath typePath, String descriptor,
                                                         boolean visible) {
                return annotation(descriptor, name, line);
            }

            @Override
            public AnnotationVisitor visitLocalVariableAnnotation(int typeRef, TypePath typePath, Label[] start,
                                                                  Label[] end, int[] index, String descriptor,
                                                                  boolean visible) {
                return annotation(descriptor, name, line);
            }

            @Override
            public AnnotationVisitor visitTryCatchAnnotation(int typeRef, TypePath typePath, String descriptor,
                                                             boolean visible) {
                return annotation(descriptor, name, line);
            }

            @Override
            public void visitEnd() {
                // Uses in the method's declaration have no line of their own: give them the method's first.
                for (int i = first; i < found.size(); i++) {
                    Found f = found.get(i);
                    if (f.line == 0 && name.equals(f.member)) {
                        found.set(i, new Found(f.member, firstLine, f.used, f.reason));
                    }
                }
            }
        }

        private AnnotationVisitor annotation(String descriptor, String member, int[] line) {
            descriptor(descriptor, member, line[0]);
            return new AnnotationVisitor(API) {
                @Override
                public void visit(String name, Object value) {
                    if (value instanceof Type t) {
                        descriptor(t.getDescriptor(), member, line[0]);
                    }
                }

                @Override
                public void visitEnum(String name, String d, String value) {
                    descriptor(d, member, line[0]);
                }

                @Override
                public AnnotationVisitor visitAnnotation(String name, String d) {
                    return annotation(d, member, line);
                }

                @Override
                public AnnotationVisitor visitArray(String name) {
                    return this;
                }
            };
        }

        private void bootstrap(Handle bootstrap, Object[] arguments, String member, int line) {
            String owner = bootstrap.getOwner().replace('/', '.');
            if (!allowlist.isBootstrap(owner, bootstrap.getName())) {
                add(member, line, display(owner) + "." + bootstrap.getName() + " (an invokedynamic bootstrap method)",
                        Allowlist.DEFAULT_REASON);
            }
            for (Object a : arguments) {
                constant(a, member, line);
            }
        }

        private void constant(Object value, String member, int line) {
            if (value instanceof Type t) {
                descriptor(t.getDescriptor(), member, line);
            } else if (value instanceof Handle h) {
                String name = h.getTag() == Opcodes.H_NEWINVOKESPECIAL ? "<init>" : h.getName();
                member(h.getOwner(), name, h.getDesc(), member, line);
            } else if (value instanceof ConstantDynamic c) {
                Object[] args = new Object[c.getBootstrapMethodArgumentCount()];
                for (int i = 0; i < args.length; i++) {
                    args[i] = c.getBootstrapMethodArgument(i);
                }
                bootstrap(c.getBootstrapMethod(), args, member, line);
                descriptor(c.getDescriptor(), member, line);
            }
        }

        private void member(String owner, String name, String descriptor, String member, int line) {
            descriptor(descriptor, member, line);
            if (owner.startsWith("[")) {
                descriptor(owner, member, line);
                return;
            }
            String binary = owner.replace('/', '.');
            if (own.contains(binary)) {
                return;
            }
            Optional<String> type = allowlist.typeDenial(binary);
            if (type.isPresent()) {
                add(member, line, display(binary), type.get());
                return;
            }
            allowlist.memberDenial(binary, name).ifPresent(reason -> add(member, line,
                    name.equals("<init>") ? "new " + display(binary) : display(binary) + "." + name, reason));
        }

        private void descriptor(String descriptor, String member, int line) {
            Type t = Type.getType(descriptor);
            if (t.getSort() == Type.METHOD) {
                for (Type a : t.getArgumentTypes()) {
                    descriptor(a.getDescriptor(), member, line);
                }
                descriptor(t.getReturnType().getDescriptor(), member, line);
            } else if (t.getSort() == Type.ARRAY) {
                descriptor(t.getElementType().getDescriptor(), member, line);
            } else if (t.getSort() == Type.OBJECT) {
                type(t.getInternalName(), member, line);
            }
        }

        private void type(String internalName, String member, int line) {
            if (internalName.startsWith("[")) {
                descriptor(internalName, member, line);
                return;
            }
            String binary = internalName.replace('/', '.');
            if (!own.contains(binary)) {
                allowlist.typeDenial(binary).ifPresent(reason -> add(member, line, display(binary), reason));
            }
        }

        private void add(String member, int line, String used, String reason) {
            found.add(new Found(member, line, used, reason));
        }

        List<Violation> violations() {
            Map<String, Violation> out = new LinkedHashMap<>();
            for (Found f : found) {
                String where = Places.where(className, sourceFile, enclosingOwner, enclosingMethod, f.member);
                out.putIfAbsent(where + "\n" + f.used, new Violation(className, sourceFile, where, f.line, f.used,
                        f.reason));
            }
            return List.copyOf(out.values());
        }
    }

    /** {@code java.lang.Thread$Builder} as a person writes it: {@code java.lang.Thread.Builder}. */
    static String display(String binaryName) {
        return binaryName.replace('$', '.');
    }
}
