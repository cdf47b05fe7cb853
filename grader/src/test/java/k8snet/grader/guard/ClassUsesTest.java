package k8snet.grader.guard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.util.Set;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

@DisplayName("The uses of one class")
class ClassUsesTest {

    private static final String CLASS = "k8snet.ip.Ipv4Address";
    private static final Allowlist RULES = Allowlist.parse("""
            allow package java.lang
            allow package java.util
            deny class java.lang.Runtime -- no processes
            deny class java.lang.Thread$Builder -- no threads
            deny member java.lang.System.exit -- no exiting
            deny member java.util.Formatter.<init> -- no files
            bootstrap java.lang.invoke.LambdaMetafactory.metafactory
            """);

    private final ClassUses uses = new ClassUses(RULES, Set.of(CLASS));

    private java.util.List<Violation> violations() {
        return uses.violations(CLASS, "Ipv4Address.java", null, null);
    }

    @Nested
    @DisplayName("names what a descriptor holds")
    class Descriptors {

        @Test
        @DisplayName("every denied argument, array element and return type, in order, with each one's reason")
        void method() {
            uses.descriptor("([Ljava/lang/Runtime;ILjava/nio/file/Path;)Ljava/lang/Thread$Builder;", "parse", 7);
            assertThat(violations()).extracting(Violation::where, Violation::line, Violation::used, Violation::reason)
                    .containsExactly(
                            tuple("parse", 7, "java.lang.Runtime", "no processes"),
                            tuple("parse", 7, "java.nio.file.Path", Allowlist.DEFAULT_REASON),
                            tuple("parse", 7, "java.lang.Thread.Builder", "no threads"));
        }

        @Test
        @DisplayName("nothing for allowed, primitive and own types")
        void allowed() {
            uses.descriptor("(Ljava/lang/String;J[[I)Lk8snet/ip/Ipv4Address;", "parse", 7);
            uses.type("[[Ljava/util/List;", "parse", 7);
            assertThat(violations()).isEmpty();
        }
    }

    @Nested
    @DisplayName("names a member")
    class Members {

        @Test
        @DisplayName("as Class.member, a constructor as new Class")
        void denied() {
            uses.member("java/lang/System", "exit", "(I)V", "parse", 3);
            uses.member("java/util/Formatter", "<init>", "()V", "the constructor", 4);
            assertThat(violations()).extracting(Violation::where, Violation::used)
                    .containsExactly(tuple("parse", "java.lang.System.exit"),
                            tuple("the constructor", "new java.util.Formatter"));
        }

        @Test
        @DisplayName("by its class alone when the class is denied, and not at all on an own class")
        void deniedClassAndOwn() {
            uses.member("java/lang/Runtime", "getRuntime", "()Ljava/lang/Runtime;", "parse", 3);
            uses.member("k8snet/ip/Ipv4Address", "exit", "()V", "parse", 4);
            uses.member("java/lang/System", "nanoTime", "()J", "parse", 5);
            assertThat(violations()).extracting(Violation::used, Violation::line)
                    .containsExactly(tuple("java.lang.Runtime", 3));
        }
    }

    @Nested
    @DisplayName("names a bootstrap method")
    class Bootstraps {

        private final Handle concat = new Handle(Opcodes.H_INVOKESTATIC, "java/lang/invoke/StringConcatFactory",
                "makeConcat", "()V", false);
        private final Handle lambda = new Handle(Opcodes.H_INVOKESTATIC, "java/lang/invoke/LambdaMetafactory",
                "metafactory", "()V", false);

        @Test
        @DisplayName("that is not listed, and the denied constants it is given")
        void notListed() {
            uses.bootstrap(concat, new Object[] {Type.getType("Ljava/lang/Runtime;"), "text"}, "parse", 9);
            assertThat(violations()).extracting(Violation::used).containsExactly(
                    "java.lang.invoke.StringConcatFactory.makeConcat (an invokedynamic bootstrap method)",
                    "java.lang.Runtime");
        }

        @Test
        @DisplayName("not when listed, but a method handle argument still counts as a use")
        void listed() {
            Handle exit = new Handle(Opcodes.H_INVOKESTATIC, "java/lang/System", "exit", "(I)V", false);
            uses.bootstrap(lambda, new Object[] {Type.getMethodType("()V"), exit}, "parse", 9);
            assertThat(violations()).extracting(Violation::used).containsExactly("java.lang.System.exit");
        }
    }

    @Test
    @DisplayName("keeps each (place, thing used) once, with the line of its first use")
    void once() {
        uses.member("java/lang/System", "exit", "(I)V", "parse", 3);
        uses.member("java/lang/System", "exit", "(I)V", "parse", 8);
        uses.member("java/lang/System", "exit", "(I)V", "format", 12);
        assertThat(violations()).extracting(Violation::where, Violation::line)
                .containsExactly(tuple("parse", 3), tuple("format", 12));
    }

    @Test
    @DisplayName("gives a declaration's unlined uses the method's first line, only from the mark and only in that method")
    void lineUnlined() {
        uses.type("java/lang/Runtime", "parse", 0);
        int mark = uses.count();
        uses.type("java/nio/file/Path", "parse", 0);
        uses.type("java/nio/file/Files", "format", 0);
        uses.member("java/lang/System", "exit", "(I)V", "parse", 6);
        uses.lineUnlined(mark, "parse", 5);
        assertThat(mark).isEqualTo(1);
        assertThat(violations()).extracting(Violation::where, Violation::line, Violation::used).containsExactly(
                tuple("parse", 0, "java.lang.Runtime"),
                tuple("parse", 5, "java.nio.file.Path"),
                tuple("format", 0, "java.nio.file.Files"),
                tuple("parse", 6, "java.lang.System.exit"));
    }
}
