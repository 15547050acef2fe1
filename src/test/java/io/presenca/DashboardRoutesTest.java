package io.presenca;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.CamelContextTracker;
import org.apache.camel.spi.RestRegistry;
import org.junit.jupiter.api.Test;

/**
 * The dashboard's router as the running gateway built it: every endpoint in its REST registry is
 * asked without a session, so an endpoint added later that skipped the session check fails here; and
 * a verb an endpoint does not declare is not answered.
 */
class DashboardRoutesTest {

    /** The only endpoints anyone may call: the login page, its two files and the login form. */
    private static final Set<String> OPEN = Set.of("GET /dashboard/login", "POST /dashboard/login",
            "GET /dashboard/assets/style.css", "GET /dashboard/assets/login.js");

    @Test
    void everyEndpointButTheLoginRefusesAnAnonymousRequestAndAnUndeclaredVerbGets405() throws Exception {
        List<CamelContext> created = new CopyOnWriteArrayList<>();
        CamelContextTracker tracker = new CamelContextTracker() {
            @Override
            public void contextCreated(CamelContext context) {
                created.add(context);
            }
        };
        tracker.open();
        try (DashboardGatewayTest.RunningGateway gateway = new DashboardGatewayTest.RunningGateway()) {
            tracker.close();
            String base = gateway.base;
            List<RestRegistry.RestService> services = created.stream()
                    .flatMap(context -> context.getRestRegistry().listAllRestServices().stream()).toList();
            Set<String> endpoints = new TreeSet<>();
            for (RestRegistry.RestService service : services) {
                String path = service.getBasePath() + (service.getUriTemplate() == null ? "" : service.getUriTemplate());
                endpoints.add(service.getMethod().toUpperCase(Locale.ROOT) + " " + path);
            }
            assertTrue(endpoints.containsAll(OPEN), endpoints.toString());
            assertTrue(endpoints.containsAll(List.of("GET /dashboard/api/status", "POST /dashboard/api/records/{id}/void",
                    "GET /dashboard/api/students/{id}/photo.jpg", "GET /dashboard/*")), "read from the model: " + endpoints);

            for (String endpoint : endpoints) {
                String method = endpoint.substring(0, endpoint.indexOf(' '));
                String path = endpoint.substring(method.length() + 1).replaceAll("\\{[^}]+}", gateway.student)
                        .replace("*", "api/anything");
                // from the dashboard's own page: only the session is missing
                HttpResponse<String> answer = DashboardGatewayTest.sendWith(base, method, path, Map.of("Origin", base), "");
                if (OPEN.contains(endpoint)) {
                    assertTrue(answer.statusCode() == 200 || answer.statusCode() == 303, endpoint + ": " + answer.statusCode());
                } else if (path.startsWith("/dashboard/api/")) {
                    assertEquals(401, answer.statusCode(), endpoint);
                } else {
                    assertEquals(303, answer.statusCode(), endpoint);
                    assertEquals("/dashboard/login", answer.headers().firstValue("Location").orElse(""), endpoint);
                }
                assertFalse(answer.body().contains(gateway.student) || answer.body().contains("test-door"), endpoint);
                assertEquals("no-store", answer.headers().firstValue("Cache-Control").orElse(""), endpoint);
            }
            assertEquals(200, DashboardGatewayTest.send(base, "GET", "/dashboard/login", null, null).statusCode());
            assertEquals(200, DashboardGatewayTest.send(base, "GET", "/dashboard/assets/style.css", null, null).statusCode());

            // a GET-only path does not answer another verb, with a session or without
            String cookie = DashboardGatewayTest.logIn(base);
            for (String path : List.of("/dashboard/api/status", "/dashboard/api/export.csv", "/dashboard/assets/app.js")) {
                HttpResponse<String> posted = DashboardGatewayTest.send(base, "POST", path, cookie, "");
                assertEquals(405, posted.statusCode(), path);
                assertFalse(posted.body().contains("test-door"), path);
                assertSecurityHeaders(posted, "POST " + path);
                assertEquals(405, DashboardGatewayTest.sendWith(base, "POST", path, Map.of("Origin", base), "").statusCode());
            }
            assertEquals(200, DashboardGatewayTest.send(base, "GET", "/dashboard/api/status", cookie, null).statusCode());

            // what Vert.x answers itself, and the health endpoint, carry them too
            HttpResponse<String> unknown = DashboardGatewayTest.send(base, "GET", "/no-such-page", cookie, null);
            assertEquals(404, unknown.statusCode());
            assertSecurityHeaders(unknown, "GET /no-such-page");
            assertSecurityHeaders(DashboardGatewayTest.send(base, "GET", "/observe/health", null, null), "health");
            // the dashboard's own answers keep theirs, once each
            HttpResponse<String> status = DashboardGatewayTest.send(base, "GET", "/dashboard/api/status", cookie, null);
            assertEquals(List.of("no-store"), status.headers().allValues("Cache-Control"));
            assertEquals(List.of("DENY"), status.headers().allValues("X-Frame-Options"));
        }
    }

    /** Nothing cached (face crops of minors), no framing by another site, no sniffing: once each. */
    private static void assertSecurityHeaders(HttpResponse<String> answer, String what) {
        assertEquals(List.of("no-store"), answer.headers().allValues("Cache-Control"), what);
        assertEquals(List.of("DENY"), answer.headers().allValues("X-Frame-Options"), what);
        assertEquals(List.of("nosniff"), answer.headers().allValues("X-Content-Type-Options"), what);
        List<String> policy = answer.headers().allValues("Content-Security-Policy");
        assertTrue(policy.size() == 1 && policy.get(0).contains("frame-ancestors 'none'"), what + ": " + policy);
    }
}
