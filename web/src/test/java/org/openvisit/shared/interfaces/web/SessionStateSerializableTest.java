package org.openvisit.shared.interfaces.web;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.SessionScoped;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.ejb.Singleton;
import jakarta.ejb.Stateless;
import org.junit.jupiter.api.Test;
import org.primefaces.model.LazyDataModel;

import java.io.IOException;
import java.io.Serializable;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.WildcardType;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The web application is distributable: its HTTP sessions, with the portal's {@code @ViewScoped} and
 * {@code @SessionScoped} beans, are written to Payara's data grid. A field whose value cannot be serialized makes
 * Payara drop the whole attribute (a warning per request, and the screen lost when another node takes over), so
 * every field such a bean keeps (not injected, not transient) must have a serializable type, and so must the
 * records and collections' elements it holds.
 */
class SessionStateSerializableTest {

    @Test
    void everyFieldThatTheSessionKeepsIsSerializable() throws Exception {
        List<Class<?>> beans = sessionBeans();
        assertThat(beans).as("beans found").hasSizeGreaterThan(10);
        List<String> problems = new ArrayList<>();
        for (Class<?> bean : beans) {
            check(bean, bean.getSimpleName(), problems, new HashSet<>());
        }
        assertThat(problems).as("fields the session cannot serialize").isEmpty();
    }

    private static void check(Class<?> type, String path, List<String> problems, Set<Type> seen) {
        if (!seen.add(type)) {
            return;
        }
        if (type.isAnnotationPresent(Stateless.class) || type.isAnnotationPresent(Singleton.class)) {
            problems.add(path + ": a session bean kept in a field that is neither injected nor transient");
            return;
        }
        if (!Serializable.class.isAssignableFrom(type)) {
            problems.add(path + ": " + type.getName() + " is not Serializable");
            return;
        }
        for (Class<?> c = type; c != null && c.getName().startsWith("org.openvisit."); c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                int m = f.getModifiers();
                if (Modifier.isStatic(m) || Modifier.isTransient(m) || f.isAnnotationPresent(Inject.class)
                        || f.isAnnotationPresent(EJB.class) || f.isSynthetic()) {
                    continue;
                }
                checkType(f.getGenericType(), path + "." + f.getName(), problems, seen);
            }
        }
    }

    private static void checkType(Type t, String path, List<String> problems, Set<Type> seen) {
        if (t instanceof ParameterizedType p) {
            // collections, maps and containers such as PrimeFaces' LazyDataModel hold their type arguments' values
            for (Type arg : p.getActualTypeArguments()) {
                checkType(arg, path + "<>", problems, seen);
            }
            Class<?> raw = (Class<?>) p.getRawType();
            if (!(Collection.class.isAssignableFrom(raw) || Map.class.isAssignableFrom(raw))) {
                checkType(raw, path, problems, seen);
            }
            return;
        }
        if (t instanceof WildcardType w) {
            for (Type b : w.getUpperBounds()) {
                checkType(b, path, problems, seen);
            }
            return;
        }
        if (!(t instanceof Class<?> c)) {
            return; // a type variable: checked where it is bound
        }
        if (c.isPrimitive() || c.isEnum() || c.isArray() && c.getComponentType().isPrimitive()) {
            return;
        }
        if (c.isArray()) {
            checkType(c.getComponentType(), path + "[]", problems, seen);
            return;
        }
        if (c.isInterface() && (Collection.class.isAssignableFrom(c) || Map.class.isAssignableFrom(c))) {
            return;
        }
        if (c.getName().startsWith("org.openvisit.")) {
            check(c, path, problems, seen);
        } else if (!Serializable.class.isAssignableFrom(c) && c != Object.class) {
            problems.add(path + ": " + c.getName() + " is not Serializable");
        }
    }

    /** The web module's classes that are {@code @ViewScoped} or {@code @SessionScoped}. */
    private static List<Class<?>> sessionBeans() throws IOException, URISyntaxException, ClassNotFoundException {
        Path classes = Path.of(SessionStateSerializableTest.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .resolveSibling("classes");
        List<Class<?>> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(classes)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String name = classes.relativize(file).toString().replace('/', '.').replaceAll("\\.class$", "");
                Class<?> c = Class.forName(name, false, SessionStateSerializableTest.class.getClassLoader());
                // the beans, and the table models they keep (declared as PrimeFaces' LazyDataModel)
                if (c.isAnnotationPresent(ViewScoped.class) || c.isAnnotationPresent(SessionScoped.class)
                        || LazyDataModel.class.isAssignableFrom(c)) {
                    found.add(c);
                }
            }
        }
        return found;
    }
}
