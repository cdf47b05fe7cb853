package k8snet.grader.guard;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.objectweb.asm.ConstantDynamic;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * The uses one class file makes that its {@link Allowlist} denies, collected as the scan reads them
 * (a type, a member, a constant, a bootstrap method) and turned into {@link Violation}s once the class's
 * source file and enclosing method are known. Classes in the {@code own} set, and their members, are
 * always allowed.
 */
final class ClassUses {

    /** A use found while reading, placed once the class's source file and enclosing method are known. */
    private record Found(String member, int line, String used, String reason) {
    }

    private final Allowlist allowlist;
    private final Set<String> own;
    private final List<Found> found = new ArrayList<>();

    ClassUses(Allowlist allowlist, Set<String> own) {
        this.allowlist = allowlist;
        this.own = own;
    }

    /** How many uses were found so far: a mark for {@link #lineUnlined}. */
    int count() {
        return found.size();
    }

    /**
     * Gives the uses found since {@code from} in {@code member}'s declaration, which have no line of their
     * own (line 0), the line {@code line}.
     */
    void lineUnlined(int from, String member, int line) {
        for (int i = from; i < found.size(); i++) {
            Found f = found.get(i);
            if (f.line == 0 && member.equals(f.member)) {
                found.set(i, new Found(f.member, line, f.used, f.reason));
            }
        }
    }

    /** An {@code invokedynamic} (or dynamic constant) bootstrap method and its static arguments. */
    void bootstrap(Handle bootstrap, Object[] arguments, String member, int line) {
        String owner = bootstrap.getOwner().replace('/', '.');
        if (!allowlist.isBootstrap(owner, bootstrap.getName())) {
            add(member, line, BytecodeCheck.display(owner) + "." + bootstrap.getName()
                    + " (an invokedynamic bootstrap method)", Allowlist.DEFAULT_REASON);
        }
        for (Object a : arguments) {
            constant(a, member, line);
        }
    }

    /** A constant loaded by {@code ldc} or passed to a bootstrap method: a type, a method handle, a dynamic constant. */
    void constant(Object value, String member, int line) {
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

    /** A field or method (or constructor, {@code <init>}) of {@code owner}, and the types of its descriptor. */
    void member(String owner, String name, String descriptor, String member, int line) {
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
            add(member, line, BytecodeCheck.display(binary), type.get());
            return;
        }
        allowlist.memberDenial(binary, name).ifPresent(reason -> add(member, line,
                name.equals("<init>") ? "new " + BytecodeCheck.display(binary)
                        : BytecodeCheck.display(binary) + "." + name, reason));
    }

    /** Every class a field or method descriptor names. */
    void descriptor(String descriptor, String member, int line) {
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

    /** A class by its internal name ({@code java/nio/file/Files}) or an array descriptor. */
    void type(String internalName, String member, int line) {
        if (internalName.startsWith("[")) {
            descriptor(internalName, member, line);
            return;
        }
        String binary = internalName.replace('/', '.');
        if (!own.contains(binary)) {
            allowlist.typeDenial(binary).ifPresent(reason -> add(member, line, BytecodeCheck.display(binary), reason));
        }
    }

    private void add(String member, int line, String used, String reason) {
        found.add(new Found(member, line, used, reason));
    }

    /** The uses found, in the order they occur, each (place, thing used) once. */
    List<Violation> violations(String className, String sourceFile, String enclosingOwner, String enclosingMethod) {
        Map<String, Violation> out = new LinkedHashMap<>();
        for (Found f : found) {
            String where = Places.where(className, sourceFile, enclosingOwner, enclosingMethod, f.member);
            out.putIfAbsent(where + "\n" + f.used, new Violation(className, sourceFile, where, f.line, f.used,
                    f.reason));
        }
        return List.copyOf(out.values());
    }
}
