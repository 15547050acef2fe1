package io.presenca.sync;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * The safety rule of {@code routes/sync.camel.yaml}, checked on the file as a school may have edited
 * it: in route {@code attendance-sync}, PostgreSQL commits a batch before SQLite marks its records
 * (a step that marks them follows, in the same list of steps, the step that holds the upsert, and
 * not in a {@code doCatch} or {@code doFinally} of it), and nothing runs batches in parallel. Else
 * a crash between the two writes could leave a record synced locally that PostgreSQL never got.
 */
public final class SyncRouteOrder {

    static final String ROUTE_ID = "attendance-sync";
    /** The step that commits a batch to PostgreSQL. */
    private static final String UPSERT = "INSERT INTO attendance_records";

    private SyncRouteOrder() {
    }

    /**
     * Throws, naming the file and what is wrong, unless the sync route the gateway loads keeps the rule:
     * the one in {@code routesDir} (ROUTES_DIR) when there is one, else the bundled one.
     */
    public static void checkInstalled(Path routesDir) {
        Path edited = routesDir.resolve("sync.camel.yaml");
        if (Files.isRegularFile(edited)) {
            check(edited);
            return;
        }
        try (InputStream in = SyncRouteOrder.class.getResourceAsStream("/routes/sync.camel.yaml")) {
            check("classpath:routes/sync.camel.yaml", new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read the bundled sync route: " + e.getMessage(), e);
        }
    }

    /** Throws, naming the file and what is wrong, unless this route file keeps the rule. */
    public static void check(Path file) {
        try {
            check(file.toAbsolutePath().toString(), Files.readString(file));
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read the sync route " + file.toAbsolutePath() + ": " + e.getMessage(),
                    e);
        }
    }

    private static void check(String source, String yaml) {
        List<String> problems = problems(yaml);
        if (!problems.isEmpty()) {
            throw new IllegalStateException(source + " breaks the sync's safety rule (PostgreSQL commits, then SQLite is"
                    + " marked, one batch at a time): " + String.join("; ", problems) + ". Put the steps back in that"
                    + " order (see the comment at the top of the bundled file) and start again.");
        }
    }

    /**
     * What in this route file breaks the rule; empty when it keeps it or holds no attendance sync route
     * (any file in {@code routes/}, as the routes check reads them).
     */
    public static List<String> problemsIfSyncRoute(String yaml) {
        List<Object> steps = routeSteps(yaml);
        return steps == null ? List.of() : problemsOf(steps);
    }

    /** What in this route file, which must hold the attendance sync route, breaks the rule; empty when it keeps it. */
    public static List<String> problems(String yaml) {
        List<Object> steps = routeSteps(yaml);
        if (steps == null) {
            return List.of("it has no route '" + ROUTE_ID + "' with steps");
        }
        return problemsOf(steps);
    }

    private static List<String> problemsOf(List<Object> steps) {
        List<String> problems = new ArrayList<>();
        findParallel(steps, problems);
        List<Place> upserts = new ArrayList<>();
        List<Place> marks = new ArrayList<>();
        collect(steps, List.of(), upserts, marks);
        if (upserts.size() != 1) {
            problems.add("it must have exactly one PostgreSQL upsert (a sql: step with " + UPSERT + "), found "
                    + upserts.size());
            return problems;
        }
        for (Place mark : marks) {
            if (!after(mark, upserts.get(0))) {
                problems.add("step '" + mark.describe + "' marks records in SQLite but does not follow the PostgreSQL"
                        + " upsert in the same list of steps");
            }
        }
        if (marks.isEmpty()) {
            problems.add("no step marks the records synced in SQLite (bean syncSettlement)");
        }
        return problems;
    }

    /** Where a step sits: the indexes and keys from the route's steps down to it. */
    private record Place(List<Object> at, String describe) {
    }

    @SuppressWarnings("unchecked")
    private static List<Object> routeSteps(String yaml) {
        if (!(new Load(LoadSettings.builder().build()).loadFromString(yaml) instanceof List<?> entries)) {
            return null;
        }
        for (Object entry : entries) {
            if (entry instanceof Map<?, ?> map && map.get("route") instanceof Map<?, ?> route
                    && ROUTE_ID.equals(route.get("id")) && route.get("from") instanceof Map<?, ?> from
                    && from.get("steps") instanceof List<?> steps) {
                return (List<Object>) steps;
            }
        }
        return null;
    }

    private static void findParallel(Object node, List<String> problems) {
        if (node instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> e : map.entrySet()) {
                if ("parallelProcessing".equals(e.getKey()) && !"false".equals(String.valueOf(e.getValue()))) {
                    problems.add("parallelProcessing would send batches side by side");
                } else if ("threads".equals(e.getKey())) {
                    problems.add("a threads step would hand batches to other threads");
                }
                findParallel(e.getValue(), problems);
            }
        } else if (node instanceof List<?> list) {
            list.forEach(item -> findParallel(item, problems));
        }
    }

    /** Walks every step; notes the upsert and the steps that mark records in SQLite. */
    private static void collect(Object node, List<Object> at, List<Place> upserts, List<Place> marks) {
        if (node instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                collect(list.get(i), with(at, i), upserts, marks);
            }
        } else if (node instanceof Map<?, ?> map) {
            String uri = uri(map.get("to") == null ? map.get("toD") : map.get("to"));
            if (uri.startsWith("sql:")) {
                if (uri.contains(UPSERT)) {
                    upserts.add(new Place(at, "sql: " + UPSERT));
                } else if (uri.matches("(?is)sql:\\s*UPDATE\\s+attendance_records.*")) {
                    marks.add(new Place(at, "sql: UPDATE attendance_records"));
                }
            }
            if (map.get("bean") instanceof Map<?, ?> bean && "syncSettlement".equals(bean.get("ref"))) {
                marks.add(new Place(at, "bean syncSettlement"));
            }
            for (Map.Entry<?, ?> e : map.entrySet()) {
                collect(e.getValue(), with(at, e.getKey()), upserts, marks);
            }
        }
    }

    /**
     * Whether {@code mark} is a later step of a list that holds the upsert in an earlier step, reached
     * from there only through plain steps (the upsert itself, or the try block of a doTry).
     */
    private static boolean after(Place mark, Place upsert) {
        List<Object> m = mark.at();
        List<Object> u = upsert.at();
        int list = m.size() - 1; // the mark's index in its list of steps
        if (u.size() <= list || !u.subList(0, list).equals(m.subList(0, list))
                || !(u.get(list) instanceof Integer ui) || !(m.get(list) instanceof Integer mi) || ui >= mi) {
            return false;
        }
        List<Object> inside = u.subList(list + 1, u.size());
        // [to] for the upsert itself, or [doTry, steps, n, ...] down to it
        for (int i = 0; i < inside.size(); i++) {
            Object key = inside.get(i);
            boolean plain = key instanceof Integer || "to".equals(key) || "doTry".equals(key) || "steps".equals(key);
            if (!plain) {
                return false;
            }
        }
        return true;
    }

    /** A to: step's endpoint, written as a string or as {@code uri:}. */
    private static String uri(Object to) {
        return to instanceof Map<?, ?> map ? String.valueOf(map.get("uri")).strip() : String.valueOf(to).strip();
    }

    private static List<Object> with(List<Object> at, Object key) {
        List<Object> longer = new ArrayList<>(at);
        longer.add(key);
        return List.copyOf(longer);
    }
}
