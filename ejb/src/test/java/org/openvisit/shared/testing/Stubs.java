package org.openvisit.shared.testing;

import java.lang.reflect.Field;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Stand-ins for a service's collaborators in unit tests: an interface answering by method name (anything else answers
 * empty, false, zero or null), and a field set as the container would inject it.
 */
public final class Stubs {

    private Stubs() {
    }

    /** An implementation of {@code type} whose methods named in {@code answers} answer so, the others emptily. */
    @SuppressWarnings("unchecked")
    public static <T> T of(Class<T> type, Map<String, Function<Object[], Object>> answers) {
        return (T) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[]{type}, (proxy, method, args) -> {
            Function<Object[], Object> answer = answers.get(method.getName());
            if (answer != null) {
                return answer.apply(args);
            }
            Class<?> r = method.getReturnType();
            if (r == Optional.class) {
                return Optional.empty();
            }
            if (List.class.isAssignableFrom(r)) {
                return List.of();
            }
            if (r == boolean.class) {
                return false;
            }
            if (r == int.class || r == long.class) {
                return r == int.class ? (Object) 0 : (Object) 0L;
            }
            return null;
        });
    }

    /** Sets {@code target}'s field {@code name} (declared by its class) as injection would. */
    public static void inject(Object target, String name, Object value) {
        try {
            Field f = target.getClass().getDeclaredField(name);
            f.setAccessible(true);
            f.set(target, value);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("No field " + name + " in " + target.getClass().getSimpleName(), e);
        }
    }
}
