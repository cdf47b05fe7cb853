package k8snet.grader.guard;

import java.util.List;
import java.util.Set;

import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.Opcodes;

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
 * The reading is {@link ClassScan}'s and {@link MethodScan}'s, the judging and placing {@link ClassUses}'s.
 */
public final class BytecodeCheck {

    /** The ASM API level every visitor of the check is written against. */
    static final int API = Opcodes.ASM9;

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
        ClassScan scan = new ClassScan(new ClassUses(allowlist, own));
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

    /** {@code java.lang.Thread$Builder} as a person writes it: {@code java.lang.Thread.Builder}. */
    static String display(String binaryName) {
        return binaryName.replace('$', '.');
    }
}
