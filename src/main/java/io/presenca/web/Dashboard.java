package io.presenca.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.presenca.config.Settings;
import io.presenca.monitoring.PipelineStats;
import io.presenca.store.DashboardUserStore;
import io.presenca.store.Database;
import io.presenca.sync.CentralSync;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.main.Main;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers every request under {@code /dashboard}: the login page and its stylesheet are open, the
 * rest needs a session (pages redirect to the login, API calls get 401). Request headers are
 * never echoed back: the reply carries only the headers set here.
 */
public final class Dashboard {

    static final String BASE = "/dashboard";
    private static final Logger LOG = LoggerFactory.getLogger(Dashboard.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final DashboardApi api;
    private final Logins logins;
    private final Sessions sessions;
    private final StaticAssets assets = new StaticAssets("dashboard/");

    public Dashboard(Settings settings, Database db, CentralSync sync, PipelineStats stats) {
        Clock clock = Clock.systemUTC();
        this.api = new DashboardApi(settings, db, sync, stats, ZoneId.systemDefault());
        this.logins = new Logins(settings.dashboardAdminPassword, new DashboardUserStore(db), clock);
        this.sessions = new Sessions(clock);
        if (!logins.configured()) {
            LOG.warn("{}", Logins.NOT_CONFIGURED);
        }
    }

    /** Adds the dashboard route to the gateway's Camel (same HTTP server as health and metrics). */
    public void bindTo(Main main) {
        main.configure().addRoutesBuilder(new DashboardRoutes(this));
    }

    /** The {@code dashboard} route's one step. */
    public void handle(Exchange exchange) throws Exception {
        Message in = exchange.getMessage();
        String method = in.getHeader(Exchange.HTTP_METHOD, "GET", String.class);
        String uri = in.getHeader(Exchange.HTTP_URI, BASE, String.class);
        String path = uri.contains("?") ? uri.substring(0, uri.indexOf('?')) : uri;
        Map<String, String> query = form(uri.contains("?") ? uri.substring(uri.indexOf('?') + 1) : "");
        String cookie = in.getHeader("Cookie", String.class);
        Map<String, String> posted = "POST".equals(method) ? posted(in) : Map.of();
        Reply reply;
        try {
            reply = route(method, path, query, cookie, posted);
        } catch (IllegalArgumentException | IllegalStateException e) {
            reply = Reply.json(409, Map.of("error", e.getMessage()));
        } catch (RuntimeException e) {
            LOG.error("Dashboard request {} {} failed: {}", method, path, e.toString(), e);
            reply = Reply.json(500, Map.of("error", "The gateway could not do this: " + e.getMessage()));
        }
        in.removeHeaders("*");
        in.setHeader(Exchange.HTTP_RESPONSE_CODE, reply.status());
        in.setHeader(Exchange.CONTENT_TYPE, reply.contentType());
        in.setHeader("Cache-Control", "no-store");
        in.setHeader("X-Content-Type-Options", "nosniff");
        reply.headers().forEach(in::setHeader);
        in.setBody(reply.body());
    }

    private Reply route(String method, String path, Map<String, String> query, String cookie, Map<String, String> posted)
            throws Exception {
        if (path.equals(BASE + "/login")) {
            return "POST".equals(method) ? logIn(posted) : assets.get("login.html");
        }
        if (path.equals(BASE + "/assets/style.css")) {
            return assets.get("style.css"); // the login page needs it
        }
        Optional<String> user = sessions.user(cookie);
        if (user.isEmpty()) {
            return path.startsWith(BASE + "/api/") ? Reply.json(401, Map.of("error", "Log in first."))
                    : Reply.redirect(BASE + "/login");
        }
        if (path.equals(BASE) || path.equals(BASE + "/")) {
            return assets.get("index.html");
        }
        if (path.startsWith(BASE + "/assets/")) {
            return assets.get(path.substring((BASE + "/assets/").length()));
        }
        if (path.equals(BASE + "/logout") && "POST".equals(method)) {
            sessions.close(cookie);
            return Reply.redirect(BASE + "/login").with("Set-Cookie", Sessions.expiredCookie());
        }
        return apiCall(method, path.substring(BASE.length()), query, user.get());
    }

    private Reply apiCall(String method, String path, Map<String, String> query, String user) throws Exception {
        String[] parts = path.split("/");
        boolean get = "GET".equals(method);
        if (get && path.equals("/api/attendance")) {
            return Reply.json(200, api.attendanceByClass(date(query.get("date"), LocalDate.now())));
        }
        if (get && path.equals("/api/reviews")) {
            return Reply.json(200, api.openReviews());
        }
        if (get && parts.length == 5 && path.startsWith("/api/reviews/") && parts[4].equals("face.jpg")) {
            byte[] face = api.face(parts[3]);
            return face == null ? Reply.json(404, Map.of("error", "No face for this item.")) : new Reply(200, "image/jpeg", face, Map.of());
        }
        if ("POST".equals(method) && parts.length == 5 && path.startsWith("/api/reviews/")) {
            if (parts[4].equals("accept")) {
                String recordId = api.accept(parts[3], user);
                LOG.info("Review item {} accepted by {} on the dashboard: attendance record {}", parts[3], user, recordId);
                return Reply.json(200, Map.of("attendanceId", recordId));
            }
            if (parts[4].equals("reject")) {
                api.reject(parts[3], user);
                LOG.info("Review item {} rejected by {} on the dashboard", parts[3], user);
                return Reply.json(200, Map.of("rejected", parts[3]));
            }
        }
        if (get && path.equals("/api/students")) {
            return Reply.json(200, api.students());
        }
        if (get && path.equals("/api/status")) {
            return Reply.json(200, api.status());
        }
        if ("POST".equals(method) && path.equals("/api/sync/retry-dead")) {
            return Reply.json(200, Map.of("message", api.retryDead()));
        }
        if (get && path.equals("/api/export.csv")) {
            LocalDate today = LocalDate.now();
            LocalDate from = date(query.get("from"), today);
            LocalDate to = date(query.get("to"), from);
            String csv = api.csv(from, to);
            return new Reply(200, "text/csv; charset=utf-8", csv.getBytes(StandardCharsets.UTF_8),
                    Map.of("Content-Disposition", "attachment; filename=\"attendance-" + from + "-to-" + to + ".csv\""));
        }
        return Reply.json(404, Map.of("error", "No such page: " + path));
    }

    private Reply logIn(Map<String, String> form) {
        String user = form.get("username");
        Logins.Outcome outcome = logins.check(user, form.get("password"));
        return switch (outcome) {
            case ACCEPTED -> {
                LOG.info("Dashboard login: {}", user);
                yield Reply.redirect(BASE + "/").with("Set-Cookie", Sessions.cookie(sessions.open(user)));
            }
            case WRONG -> {
                LOG.warn("Dashboard login refused: wrong user name or password");
                yield Reply.redirect(BASE + "/login?error=wrong");
            }
            case LOCKED_OUT -> Reply.redirect(BASE + "/login?error=locked");
            case NOT_CONFIGURED -> Reply.redirect(BASE + "/login?error=off");
        };
    }

    private static LocalDate date(String text, LocalDate fallback) {
        if (text == null || text.isBlank()) {
            return fallback;
        }
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("Not a date: '" + text + "' (use YYYY-MM-DD)");
        }
    }

    /** A posted form's fields: Vert.x hands a form body over as a map (or as headers), other bodies come as text. */
    private static Map<String, String> posted(Message in) {
        Object body = in.getBody();
        Map<String, String> fields = new HashMap<>();
        if (body instanceof Map<?, ?> map) {
            map.forEach((k, v) -> fields.put(String.valueOf(k), String.valueOf(v)));
        } else if (body != null) {
            fields.putAll(form(in.getBody(String.class)));
        }
        for (String name : new String[] {"username", "password"}) {
            if (!fields.containsKey(name) && in.getHeader(name) instanceof String value) {
                fields.put(name, value);
            }
        }
        return fields;
    }

    /** application/x-www-form-urlencoded (a form body or a query string) to a map. */
    static Map<String, String> form(String encoded) {
        Map<String, String> fields = new HashMap<>();
        if (encoded == null || encoded.isEmpty()) {
            return fields;
        }
        for (String pair : encoded.split("&")) {
            int eq = pair.indexOf('=');
            String key = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            fields.put(URLDecoder.decode(key, StandardCharsets.UTF_8), URLDecoder.decode(value, StandardCharsets.UTF_8));
        }
        return fields;
    }

    /** An HTTP answer: status, type, body and any extra headers. */
    record Reply(int status, String contentType, byte[] body, Map<String, String> headers) {

        static Reply json(int status, Object value) {
            try {
                return new Reply(status, "application/json", JSON.writeValueAsBytes(value), Map.of());
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }

        static Reply redirect(String location) {
            return new Reply(303, "text/plain; charset=utf-8", ("See " + location).getBytes(StandardCharsets.UTF_8),
                    Map.of("Location", location));
        }

        Reply with(String header, String value) {
            Map<String, String> more = new HashMap<>(headers);
            more.put(header, value);
            return new Reply(status, contentType, body, more);
        }
    }
}
