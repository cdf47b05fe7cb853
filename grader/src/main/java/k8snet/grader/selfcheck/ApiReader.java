package k8snet.grader.selfcheck;

import java.io.File;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;

import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.TypeParameterElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.JavacTask;
import com.sun.source.util.TreePath;
import com.sun.source.util.Trees;

/**
 * Reads the public API of source files with the JDK's compiler: the files are parsed and attributed
 * (types resolved against a source path, nothing generated), and the declared types are described from
 * their {@code javax.lang.model} elements, so two spellings of one type ({@code List} and
 * {@code java.util.List}) compare equal.
 */
public final class ApiReader {

    /** What was read: an API per file (by the name it was given), and the compiler's errors. */
    public record Result(Map<String, Api> apis, List<String> errors) {
    }

    private ApiReader() {
    }

    /**
     * Attributes {@code files} (name to path) with {@code sourcePath} searched, in order, for the types they
     * use, and describes the API of each.
     */
    public static Result read(Map<String, Path> files, List<Path> sourcePath) {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        if (javac == null) {
            throw new IllegalStateException("No Java compiler: the self-check needs a JDK, not only a JRE");
        }
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager fm = javac.getStandardFileManager(diagnostics, Locale.ROOT,
                StandardCharsets.UTF_8)) {
            Map<String, String> nameByUri = new LinkedHashMap<>();
            List<File> sources = new ArrayList<>();
            files.forEach((name, path) -> {
                sources.add(path.toFile());
                nameByUri.put(path.toAbsolutePath().normalize().toUri().toString(), name);
            });
            Iterable<? extends JavaFileObject> units = fm.getJavaFileObjectsFromFiles(sources);
            List<String> options = List.of("-proc:none", "-implicit:none", "-Xlint:none",
                    "-sourcepath",
                    sourcePath.stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator)));
            JavacTask task = (JavacTask) javac.getTask(new StringWriter(), fm, diagnostics, options, null, units);
            Iterable<? extends CompilationUnitTree> trees = task.parse();
            task.analyze();
            Trees treeUtil = Trees.instance(task);
            Map<String, Api> apis = new TreeMap<>();
            for (CompilationUnitTree cu : trees) {
                String name = nameByUri.getOrDefault(Path.of(cu.getSourceFile().toUri()).toAbsolutePath().normalize()
                        .toUri().toString(), cu.getSourceFile().getName());
                SortedMap<String, SortedMap<String, String>> types = new TreeMap<>();
                for (Tree decl : cu.getTypeDecls()) {
                    Element element = treeUtil.getElement(TreePath.getPath(cu, decl));
                    // A package-private top-level helper is the file's business, not its API.
                    if (element instanceof TypeElement type && type.getModifiers().contains(Modifier.PUBLIC)) {
                        describe(type, type.getSimpleName().toString(), types);
                    }
                }
                apis.put(name, new Api(types));
            }
            List<String> errors = diagnostics.getDiagnostics().stream()
                    .filter(d -> d.getKind() == Diagnostic.Kind.ERROR)
                    .map(ApiReader::format)
                    .toList();
            return new Result(apis, errors);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String format(Diagnostic<? extends JavaFileObject> d) {
        String file = d.getSource() == null ? ""
                : Path.of(d.getSource().toUri()).getFileName() + ":" + d.getLineNumber() + ": ";
        return file + d.getMessage(Locale.ROOT);
    }

    private static void describe(TypeElement type, String name, SortedMap<String, SortedMap<String, String>> out) {
        SortedMap<String, String> members = new TreeMap<>();
        members.put(Api.DECLARATION, declaration(type));
        boolean inInterface = type.getKind().isInterface();
        for (Element member : type.getEnclosedElements()) {
            Set<Modifier> mods = member.getModifiers();
            boolean visible = mods.contains(Modifier.PUBLIC) || mods.contains(Modifier.PROTECTED)
                    || (inInterface && !mods.contains(Modifier.PRIVATE));
            if (!visible) {
                continue;
            }
            switch (member.getKind()) {
                case METHOD -> {
                    ExecutableElement m = (ExecutableElement) member;
                    members.put("method " + m.getSimpleName() + params(m), method(m));
                }
                case CONSTRUCTOR -> {
                    ExecutableElement c = (ExecutableElement) member;
                    members.put("constructor " + type.getSimpleName() + params(c), constructor(c, type));
                }
                case FIELD, ENUM_CONSTANT -> {
                    VariableElement f = (VariableElement) member;
                    members.put((member.getKind() == ElementKind.ENUM_CONSTANT ? "enum constant " : "field ")
                            + f.getSimpleName(), modifiers(f) + type(f.asType()) + " " + f.getSimpleName());
                }
                case CLASS, INTERFACE, ENUM, RECORD, ANNOTATION_TYPE ->
                        describe((TypeElement) member, name + "." + member.getSimpleName(), out);
                default -> {
                    // Static and instance initialisers are not API.
                }
            }
        }
        out.put(name, members);
    }

    private static String declaration(TypeElement type) {
        StringBuilder s = new StringBuilder(modifiers(type));
        s.append(switch (type.getKind()) {
            case INTERFACE -> "interface";
            case ENUM -> "enum";
            case RECORD -> "record";
            case ANNOTATION_TYPE -> "@interface";
            default -> "class";
        });
        s.append(' ').append(type.getSimpleName()).append(typeParameters(type.getTypeParameters()));
        TypeMirror superclass = type.getSuperclass();
        if (superclass.getKind() == TypeKind.DECLARED && type.getKind() == ElementKind.CLASS
                && !"java.lang.Object".equals(superclass.toString())) {
            s.append(" extends ").append(type(superclass));
        }
        if (!type.getInterfaces().isEmpty()) {
            s.append(type.getKind().isInterface() ? " extends " : " implements ").append(type.getInterfaces().stream()
                    .map(ApiReader::type).sorted().collect(Collectors.joining(", ")));
        }
        if (!type.getPermittedSubclasses().isEmpty()) {
            s.append(" permits ").append(type.getPermittedSubclasses().stream().map(ApiReader::type).sorted()
                    .collect(Collectors.joining(", ")));
        }
        return s.toString();
    }

    private static String method(ExecutableElement m) {
        String typeParameters = typeParameters(m.getTypeParameters());
        return modifiers(m) + (typeParameters.isEmpty() ? "" : typeParameters + " ") + type(m.getReturnType()) + " "
                + m.getSimpleName() + params(m) + throwsClause(m);
    }

    private static String constructor(ExecutableElement c, TypeElement owner) {
        String typeParameters = typeParameters(c.getTypeParameters());
        return modifiers(c) + (typeParameters.isEmpty() ? "" : typeParameters + " ") + owner.getSimpleName()
                + params(c) + throwsClause(c);
    }

    private static String params(ExecutableElement e) {
        List<String> types = new ArrayList<>();
        List<? extends VariableElement> parameters = e.getParameters();
        for (int i = 0; i < parameters.size(); i++) {
            String t = type(parameters.get(i).asType());
            if (e.isVarArgs() && i == parameters.size() - 1 && t.endsWith("[]")) {
                t = t.substring(0, t.length() - 2) + "...";
            }
            types.add(t);
        }
        return "(" + String.join(", ", types) + ")";
    }

    private static String throwsClause(ExecutableElement e) {
        if (e.getThrownTypes().isEmpty()) {
            return "";
        }
        return " throws " + e.getThrownTypes().stream().map(ApiReader::type).sorted().collect(Collectors.joining(", "));
    }

    private static String typeParameters(List<? extends TypeParameterElement> parameters) {
        if (parameters.isEmpty()) {
            return "";
        }
        return parameters.stream().map(p -> {
            String bounds = p.getBounds().stream().map(ApiReader::type)
                    .filter(b -> !"Object".equals(b)).collect(Collectors.joining(" & "));
            return p.getSimpleName() + (bounds.isEmpty() ? "" : " extends " + bounds);
        }).collect(Collectors.joining(", ", "<", ">"));
    }

    /** Modifiers in the JLS's order, each followed by a space. */
    private static String modifiers(Element e) {
        Set<Modifier> mods = EnumSet.noneOf(Modifier.class);
        mods.addAll(e.getModifiers());
        StringBuilder s = new StringBuilder();
        for (Modifier m : mods) {
            s.append(m.toString()).append(' ');
        }
        return s.toString();
    }

    /** A type as written with its package, minus the noise of {@code java.lang.}. */
    private static String type(TypeMirror t) {
        return Objects.toString(t).replaceAll("\\bjava\\.lang\\.(?=[A-Z])", "");
    }
}
