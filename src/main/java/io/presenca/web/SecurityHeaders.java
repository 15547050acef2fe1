package io.presenca.web;

import io.vertx.core.MultiMap;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.MainListenerSupport;

/**
 * Puts {@link Reply#SECURITY_HEADERS} on every answer of the gateway's HTTP server that lacks them:
 * those Vert.x writes itself (404 for a path nobody declared, 405 for a verb a path does not take)
 * and the health and metrics answers, not only the dashboard's own. A handler ahead of every route
 * of the server's router adds them as the answer's headers are written. It is installed once Camel
 * has started, so {@link Reply} still sets them on the dashboard's answers: those are covered from
 * the moment the dashboard's routes start.
 */
final class SecurityHeaders extends MainListenerSupport {

    /** MANAGEMENT_PORT: the server of the dashboard, health and metrics. */
    private final int port;

    SecurityHeaders(int port) {
        this.port = port;
    }

    @Override
    public void afterStart(BaseMainSupport main) {
        VertxPlatformHttpRouter router = VertxPlatformHttpRouter.lookup(main.getCamelContext(),
                VertxPlatformHttpRouter.getRouterNameFromPort(port));
        if (router == null) {
            throw new IllegalStateException("No HTTP server on port " + port + " to put the dashboard's security headers"
                    + " on: the dashboard runs on Camel's server at MANAGEMENT_PORT");
        }
        router.route().order(Integer.MIN_VALUE).handler(request -> {
            request.addHeadersEndHandler(ignored -> {
                MultiMap headers = request.response().headers();
                Reply.SECURITY_HEADERS.forEach((name, value) -> {
                    if (!headers.contains(name)) {
                        headers.set(name, value);
                    }
                });
            });
            request.next();
        });
    }
}
