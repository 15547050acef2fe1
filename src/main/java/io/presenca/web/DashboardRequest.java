package io.presenca.web;

import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.HostAndPort;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.component.platform.http.vertx.HttpMessage;

/**
 * One dashboard request as it came over the wire. Camel copies query parameters and request headers
 * into the same message headers, so {@code ?Cookie=...} would pass for a cookie and
 * {@code ?password=...} for a form field: everything here is read from the Vert.x request itself
 * ({@link DashboardHeaderFilter} keeps all of it out of the Camel headers), and form fields from the
 * POST body only.
 *
 * @param csrfToken the {@value #CSRF_HEADER} header the dashboard's page sends with every POST
 * @param address   the client's IP as the connection shows it
 */
record DashboardRequest(String method, String path, Map<String, String> query, Map<String, String> form, String cookie,
                        String origin, String referer, String host, String csrfToken, String address) {

    static final String CSRF_HEADER = "X-CSRF-Token";

    static DashboardRequest of(Exchange exchange) {
        Message in = exchange.getIn();
        if (!(in instanceof HttpMessage http)) {
            throw new IllegalStateException("The dashboard answers platform-http (Vert.x) requests only");
        }
        HttpServerRequest request = http.getRequest();
        String method = request.method().name();
        return new DashboardRequest(method, request.path(), form(request.query()),
                "POST".equals(method) ? fields(request.formAttributes()) : Map.of(), request.getHeader("Cookie"),
                request.getHeader("Origin"), request.getHeader("Referer"), host(request.authority()), request.getHeader(CSRF_HEADER),
                request.remoteAddress() == null ? "unknown" : request.remoteAddress().hostAddress());
    }

    /** The Host the request was sent to, as an Origin names it ("127.0.0.1:8080"); Vert.x parses it off the headers. */
    private static String host(HostAndPort authority) {
        if (authority == null) {
            return null;
        }
        String host = authority.host().contains(":") && !authority.host().startsWith("[") ? "[" + authority.host() + "]"
                : authority.host();
        return authority.port() < 0 ? host : host + ":" + authority.port();
    }

    /** Anything but a read: GET and HEAD change nothing, every other method must pass the forgery checks. */
    boolean changesState() {
        return !"GET".equals(method) && !"HEAD".equals(method);
    }

    /** The posted form's fields, as Vert.x parsed them off the body (never the query string); none for another body type. */
    private static Map<String, String> fields(MultiMap attributes) {
        Map<String, String> fields = new HashMap<>();
        attributes.forEach(fields::put);
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
}
