package io.presenca.routes;

import io.presenca.config.Settings;
import io.presenca.sync.SyncRouteOrder;
import java.lang.reflect.Proxy;
import java.util.LinkedHashSet;
import java.util.Set;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.camel.CamelContext;
import org.apache.camel.LineNumberAware;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.model.BeanDefinition;
import org.apache.camel.model.ChoiceDefinition;
import org.apache.camel.model.HasExpressionType;
import org.apache.camel.model.ModelCamelContext;
import org.apache.camel.model.OutputNode;
import org.apache.camel.model.ProcessorDefinition;
import org.apache.camel.model.RouteConfigurationDefinition;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.model.SendDefinition;
import org.apache.camel.model.ToDynamicDefinition;
import org.apache.camel.model.errorhandler.DeadLetterChannelDefinition;
import org.apache.camel.model.language.ExpressionDefinition;
import org.apache.camel.model.language.MethodCallExpression;
import org.apache.camel.spi.Resource;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.apache.camel.util.URISupport;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;

/**
 * Checks route files the way the gateway loads them, without starting anything: Camel's YAML DSL reads
 * each file into its route model (YAML syntax, unknown keys), every endpoint URI is resolved by its
 * component (unknown component or option), every bean a step calls must be bound with that method, and
 * every {@code {{placeholder}}} must have a value. Nothing is opened: no camera, model or database.
 */
public final class RouteCheck {

    /** Where the gateway reads its settings from, the environment winning (Camel's default). */
    public static final String SETTINGS_LOCATIONS =
            "file:application.properties;optional=true,classpath:application.properties;optional=true";

    private static final String BUNDLED = "classpath:routes/*.camel.yaml";
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{(.+?)}}");
    /** Settings whose value may be or hold a secret (a camera or API address can carry a password). */
    private static final Pattern SENSITIVE =
            Pattern.compile("key|password|passphrase|secret|token|credential|source|url", Pattern.CASE_INSENSITIVE);

    /** {@code option=#name} in an endpoint URI: a reference to a bean by name. */
    private static final Pattern BEAN_REFERENCE = Pattern.compile("[?&][^=&]+=#([A-Za-z_][\\w]*)(?=&|$)");

    private final BeanCatalogue beans;
    private final Properties gatewayPlaceholders;

    public RouteCheck(BeanCatalogue beans, Properties gatewayPlaceholders) {
        this.beans = beans;
        this.gatewayPlaceholders = gatewayPlaceholders;
    }

    /** The check the gateway and {@code routes check} run: the gateway's beans and placeholders. */
    public static RouteCheck ofGateway(Settings settings) {
        return new RouteCheck(GatewayBeans.catalogue(), GatewayBeans.placeholders(settings));
    }

    /** What a stand-in bean answers: nothing (it is never called while routes are only checked). */
    private static Object standInAnswer(Object proxy, java.lang.reflect.Method method, Object[] args) {
        return switch (method.getName()) {
            case "toString" -> "stand-in bean for the routes check";
            case "hashCode" -> System.identityHashCode(proxy);
            case "equals" -> proxy == args[0];
            // a primitive's own zero (an Integer 0 would not do for a long), else null
            default -> method.getReturnType().isPrimitive() && method.getReturnType() != void.class
                    ? java.lang.reflect.Array.get(java.lang.reflect.Array.newInstance(method.getReturnType(), 1), 0) : null;
        };
    }

    public List<RouteProblem> checkFiles(List<Path> files) {
        return inOneContext(context -> {
            List<RouteProblem> problems = new ArrayList<>();
            for (Path file : files) {
                try {
                    problems.addAll(check(context, file.toString(), Files.readString(file, StandardCharsets.UTF_8)));
                } catch (IOException e) {
                    problems.add(new RouteProblem(file.toString(), 0, "cannot be read: " + e.getMessage()));
                }
            }
            return problems;
        });
    }

    /**
     * The copies in the jar, found as Camel finds them; slower than naming them (Camel scans the jar), which
     * only a person running {@code routes check} without a routes folder waits for.
     */
    public List<RouteProblem> checkBundled() {
        return inOneContext(context -> {
            List<RouteProblem> problems = new ArrayList<>();
            try {
                for (Resource resource : PluginHelper.getPackageScanResourceResolver(context).findResources(BUNDLED)) {
                    String name = "classpath:routes/" + Path.of(resource.getLocation()).getFileName();
                    try (InputStream in = resource.getInputStream()) {
                        problems.addAll(check(context, name, new String(in.readAllBytes(), StandardCharsets.UTF_8)));
                    }
                }
            } catch (Exception e) {
                problems.add(new RouteProblem(BUNDLED, 0, "cannot be read: " + e.getMessage()));
            }
            return problems;
        });
    }

    /** One file's problems; {@code name} ends in {@code .camel.yaml}, as Camel picks its loader by it. */
    public List<RouteProblem> check(String name, String yaml) {
        return inOneContext(context -> check(context, name, yaml));
    }

    private List<RouteProblem> check(CamelContext context, String name, String yaml) {
        FileCheck file = new FileCheck(name, yaml, context);
        try {
            file.placeholders();
            // Camel picks its loader by the name's ending: a copy being edited may have another
            if (file.load(ResourceHelper.fromString(name.endsWith(".yaml") ? name : name + ".camel.yaml", yaml))) {
                file.model();
                // the order the gateway also checks at start: PostgreSQL commits, then SQLite is marked
                SyncRouteOrder.problemsIfSyncRoute(yaml).forEach(problem ->
                        file.problems.add(new RouteProblem(name, 0, "breaks the sync's safety rule: " + problem)));
            }
            return file.problems;
        } finally {
            file.forget();
        }
    }

    /** One context for many files: its components and endpoints are made once (a second per file otherwise). */
    private List<RouteProblem> inOneContext(Function<CamelContext, List<RouteProblem>> check) {
        CamelContext context = newContext();
        try {
            return check.apply(context);
        } finally {
            context.stop(); // never started: this only releases what building it created
        }
    }

    /** Built, never started: endpoints are created but nothing consumes or connects. */
    private CamelContext newContext() {
        DefaultCamelContext context = new DefaultCamelContext(false);
        context.getCamelContextExtension().setName("routes-check"); // its start and stop lines in the log say what it is
        context.setSourceLocationEnabled(true);
        context.getPropertiesComponent().setLocation(SETTINGS_LOCATIONS);
        context.getPropertiesComponent().setOverrideProperties(gatewayPlaceholders);
        context.build();
        return context;
    }

    /** The problems of one file, each at its line. */
    private final class FileCheck {
        private final String name;
        private final String[] lines;
        private final CamelContext context;
        private final List<RouteProblem> problems = new ArrayList<>();

        FileCheck(String name, String yaml, CamelContext context) {
            this.name = name;
            this.lines = yaml.split("\n", -1);
            this.context = context;
        }

        /** Once per mistake: a route configuration's error handler is also seen on every route using it. */
        private void problem(int line, String message) {
            if (problems.stream().noneMatch(known -> known.message().equals(message))) {
                problems.add(new RouteProblem(name, line, message));
            }
        }

        /** For a node Camel keeps no line of (a route configuration's parts): the first line showing its text. */
        private int lineOf(String text, int line) {
            if (line > 0 || text == null) {
                return line;
            }
            for (int i = 0; i < lines.length; i++) {
                if (lines[i].contains(text)) {
                    return i + 1;
                }
            }
            return 0;
        }

        /** Read from the text, so each is reported at its own line wherever it sits in the route. */
        void placeholders() {
            for (int i = 0; i < lines.length; i++) {
                if (lines[i].strip().startsWith("#")) {
                    continue;
                }
                Matcher placeholder = PLACEHOLDER.matcher(lines[i]);
                while (placeholder.find()) {
                    try {
                        context.resolvePropertyPlaceholders(placeholder.group());
                    } catch (IllegalArgumentException e) {
                        String key = placeholder.group(1);
                        problem(i + 1, "placeholder " + placeholder.group() + " has no value: set " + key
                                + " in application.properties or in the environment, or fix its name");
                    }
                }
            }
        }

        boolean load(Resource resource) {
            try {
                for (RoutesBuilder builder : PluginHelper.getRoutesLoader(context).findRoutesBuilders(resource)) {
                    context.addRoutes(builder);
                }
                return true;
            } catch (Exception e) {
                problem(yamlLine(e), "cannot be loaded: " + reason(e));
                return false;
            }
        }

        /** The next file's routes are then all its own (and may reuse this one's route ids). */
        void forget() {
            ModelCamelContext model = (ModelCamelContext) context;
            try {
                model.removeRouteDefinitions(List.copyOf(model.getRouteDefinitions()));
                for (RouteConfigurationDefinition configuration : List.copyOf(model.getRouteConfigurationDefinitions())) {
                    model.removeRouteConfiguration(configuration);
                }
            } catch (Exception e) {
                throw org.apache.camel.RuntimeCamelException.wrapRuntimeException(e);
            }
        }

        void model() {
            ModelCamelContext model = (ModelCamelContext) context;
            for (RouteConfigurationDefinition configuration : model.getRouteConfigurationDefinitions()) {
                errorHandler(configuration.getErrorHandler() == null ? null
                        : configuration.getErrorHandler().getErrorHandlerType(), line(configuration, 0));
                configuration.getOnExceptions().forEach(onException -> steps(onException, line(configuration, 0)));
            }
            for (RouteDefinition route : model.getRouteDefinitions()) {
                int routeLine = line(route, 0);
                endpoint(route.getInput().getEndpointUri(), line(route.getInput(), routeLine));
                errorHandler(route.getErrorHandlerFactory(), routeLine);
                route.getOutputs().forEach(step -> steps(step, routeLine));
            }
        }

        /** A step and the steps inside it; a choice's branches are no steps of their own since Camel 4.x. */
        private void steps(Object step, int parentLine) {
            int line = line(step, parentLine);
            if (step instanceof BeanDefinition bean) {
                bean(bean.getRef(), bean.getBeanType(), bean.getMethod(), line);
            } else if (step instanceof SendDefinition<?> send && !(step instanceof ToDynamicDefinition)) {
                endpoint(send.getEndpointUri(), line);
            }
            if (step instanceof HasExpressionType node) {
                expression(node.getExpressionType(), line);
            }
            if (step instanceof ChoiceDefinition choice) {
                choice.getWhenClauses().forEach(when -> steps(when, line));
                if (choice.getOtherwise() != null) {
                    steps(choice.getOtherwise(), line);
                }
            } else if (step instanceof ProcessorDefinition<?> parent) {
                parent.getOutputs().forEach(output -> steps(output, line));
            } else if (step instanceof OutputNode parent) {
                parent.getOutputs().forEach(output -> steps(output, line));
            }
        }

        private void expression(ExpressionDefinition expression, int line) {
            if (expression instanceof MethodCallExpression method) {
                bean(method.getRef(), method.getBeanTypeName(), method.getMethod(), line(expression, line));
            }
        }

        private void errorHandler(Object handler, int line) {
            if (handler instanceof DeadLetterChannelDefinition deadLetter) {
                endpoint(deadLetter.getDeadLetterUri(), lineOf(deadLetter.getDeadLetterUri(), line(deadLetter, line)));
            }
        }

        private void bean(String ref, String typeName, String method, int line) {
            Class<?> type;
            String what;
            if (ref != null) {
                String resolved = resolved(ref);
                type = beans.type(resolved).orElse(null);
                if (type == null) {
                    problem(line, "no bean named '" + resolved + "': the gateway binds " + beans.names());
                    return;
                }
                what = "bean '" + resolved + "' (" + type.getSimpleName() + ")";
            } else if (typeName != null) {
                try {
                    type = context.getClassResolver().resolveMandatoryClass(resolved(typeName));
                } catch (ClassNotFoundException e) {
                    problem(line, "no class " + typeName + " in the gateway");
                    return;
                }
                what = "class " + type.getName();
            } else {
                return;
            }
            if (method != null && !BeanCatalogue.hasMethod(type, resolved(method))) {
                problem(line, what + " has no method '" + method + "': it has " + BeanCatalogue.methods(type));
            }
        }

        private void endpoint(String uri, int line) {
            if (uri == null) {
                return;
            }
            String resolved;
            try {
                resolved = context.resolvePropertyPlaceholders(uri);
            } catch (IllegalArgumentException e) {
                return; // reported at the placeholder's own line
            }
            if (resolved.startsWith("bean:")) {
                beanEndpoint(resolved, line);
                return;
            }
            try {
                bindStandIns(resolved);
                context.getEndpoint(resolved);
            } catch (Exception e) {
                problem(line, "endpoint " + uri + ": " + masked(reason(e).replace(resolved, uri), uri));
            }
        }

        /**
         * An option like {@code httpClientConfigurer=#apiKeyHeader} names a bean Camel looks up when it makes the
         * endpoint: a stand-in with the bean's interfaces lets it do so without building the bean (a name the
         * gateway does not bind stays unbound, and Camel's own message says so).
         */
        private void bindStandIns(String uri) {
            Matcher reference = BEAN_REFERENCE.matcher(uri);
            while (reference.find()) {
                String name = reference.group(1);
                Class<?> type = beans.type(name).orElse(null);
                if (type == null || context.getRegistry().lookupByName(name) != null) {
                    continue;
                }
                Set<Class<?>> interfaces = new LinkedHashSet<>();
                for (Class<?> c = type; c != null; c = c.getSuperclass()) {
                    interfaces.addAll(List.of(c.getInterfaces()));
                }
                if (type.isInterface()) {
                    interfaces.add(type);
                }
                if (!interfaces.isEmpty()) {
                    context.getRegistry().bind(name, Proxy.newProxyInstance(type.getClassLoader(),
                            interfaces.toArray(Class<?>[]::new), (proxy, method, args) -> standInAnswer(proxy, method, args)));
                }
            }
        }

        /** {@code bean:name?method=m}: the same check as a bean step. */
        private void beanEndpoint(String uri, int line) {
            String path = uri.substring("bean:".length());
            int query = path.indexOf('?');
            String method = null;
            if (query >= 0) {
                try {
                    method = (String) URISupport.parseQuery(path.substring(query + 1)).get("method");
                } catch (Exception e) {
                    problem(line, "endpoint " + uri + ": " + reason(e));
                    return;
                }
            }
            bean(query >= 0 ? path.substring(0, query) : path, null, method, line);
        }

        /**
         * A value set from a secret (password, key, token), a camera source or an address (either may hold a
         * password) never reaches the output, even inside Camel's message.
         */
        private String masked(String message, String uri) {
            Matcher placeholder = PLACEHOLDER.matcher(uri);
            String result = message;
            while (placeholder.find()) {
                String key = placeholder.group(1);
                if (SENSITIVE.matcher(key).find()) {
                    String value = resolved(placeholder.group());
                    if (!value.isEmpty()) {
                        result = result.replace(value, "xxxxxx");
                    }
                }
            }
            return result;
        }

        private String resolved(String text) {
            try {
                return context.resolvePropertyPlaceholders(text);
            } catch (IllegalArgumentException e) {
                return text;
            }
        }
    }

    /** The line Camel's YAML DSL recorded, else the parent's. */
    private static int line(Object node, int parentLine) {
        if (node instanceof LineNumberAware aware && aware.getLineNumber() > 0) {
            return aware.getLineNumber();
        }
        return parentLine;
    }

    /** The YAML parser marks where it stopped (0-based); Camel's own errors carry that mark too. */
    private static int yamlLine(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof MarkedYamlEngineException marked) {
                return marked.getProblemMark().or(marked::getContextMark).map(Mark::getLine).orElse(-1) + 1;
            }
        }
        return 0;
    }

    /** The deepest message, which names the actual mistake rather than the layers around it. */
    private static String reason(Throwable error) {
        String message = error.getMessage();
        for (Throwable cause = error.getCause(); cause != null; cause = cause.getCause()) {
            if (cause.getMessage() != null) {
                message = cause.getMessage();
            }
        }
        return message == null ? error.getClass().getSimpleName() : message.strip();
    }

    /** The route files of a folder, as the gateway picks them. */
    public static List<Path> routeFiles(Path folder) throws IOException {
        try (Stream<Path> listed = Files.list(folder)) {
            return listed.filter(file -> file.getFileName().toString().endsWith(".camel.yaml")).sorted().toList();
        }
    }

    /** Lines for a person or a log. */
    public static String describe(List<RouteProblem> problems) {
        StringBuilder text = new StringBuilder();
        problems.forEach(problem -> text.append(problem).append(System.lineSeparator()));
        return text.toString();
    }
}
