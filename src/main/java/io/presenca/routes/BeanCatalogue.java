package io.presenca.routes;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.camel.BindToRegistry;

/**
 * The beans the gateway binds, by name and type, known without building any of them: the routes check
 * asks it whether {@code bean: ref: X method: Y} can work.
 */
public final class BeanCatalogue {

    private final Map<String, Class<?>> types;

    private BeanCatalogue(Map<String, Class<?>> types) {
        this.types = new TreeMap<>(types);
    }

    public static BeanCatalogue of(Map<String, Class<?>> types) {
        return new BeanCatalogue(types);
    }

    /**
     * The beans of a configuration class of {@code @BindToRegistry} factory methods, read from the methods'
     * return types without calling them (they would open the database and load the models).
     */
    public static BeanCatalogue fromConfiguration(Class<?>... configurations) {
        Map<String, Class<?>> types = new TreeMap<>();
        for (Class<?> configuration : configurations) {
            for (Method method : configuration.getDeclaredMethods()) {
                BindToRegistry binding = method.getAnnotation(BindToRegistry.class);
                if (binding != null) {
                    types.put(binding.value().isEmpty() ? method.getName() : binding.value(), method.getReturnType());
                }
            }
        }
        return new BeanCatalogue(types);
    }

    /** This catalogue and one bean more, bound some other way. */
    public BeanCatalogue with(String name, Class<?> type) {
        Map<String, Class<?>> more = new TreeMap<>(types);
        more.put(name, type);
        return new BeanCatalogue(more);
    }

    public Optional<Class<?>> type(String name) {
        return Optional.ofNullable(types.get(name));
    }

    /** The names bound, for an error message that says what would have worked. */
    public String names() {
        return String.join(", ", types.keySet());
    }

    /** Camel calls a public method by name; {@code method(${body})} names it with its parameters. */
    public static boolean hasMethod(Class<?> type, String method) {
        String name = method.contains("(") ? method.substring(0, method.indexOf('(')).trim() : method.trim();
        return Arrays.stream(type.getMethods())
                .anyMatch(m -> m.getName().equals(name));
    }

    /** The public methods a route may call, for an error message. */
    public static String methods(Class<?> type) {
        return String.join(", ", Arrays.stream(type.getMethods())
                .filter(m -> m.getDeclaringClass() != Object.class && !Modifier.isStatic(m.getModifiers()))
                .map(Method::getName).distinct().sorted().toList());
    }
}
