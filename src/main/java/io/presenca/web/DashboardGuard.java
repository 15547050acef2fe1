package io.presenca.web;

import java.util.Optional;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The checks every dashboard request passes before its endpoint runs (the REST routes call them from
 * an {@code interceptFrom}, so an endpoint added later is covered without code of its own). A refused
 * request gets its answer here and {@link #REFUSED} set, and its route stops.
 */
final class DashboardGuard {

    static final String REQUEST = "presenca.dashboard.request";
    static final String SESSION = "presenca.dashboard.session";
    static final String REFUSED = "presenca.dashboard.refused";
    private static final Logger LOG = LoggerFactory.getLogger(DashboardGuard.class);

    private final Sessions sessions;

    DashboardGuard(Sessions sessions) {
        this.sessions = sessions;
    }

    /** For the login page and form: a request that changes something must come from the dashboard's own page. */
    void fromOwnPage(Exchange exchange) {
        DashboardRequest request = DashboardRequest.of(exchange);
        exchange.setProperty(REQUEST, request);
        Optional<String> foreign = request.changesState() ? ForgeryGuard.foreignOrigin(request) : Optional.empty();
        foreign.ifPresent(why -> refuse(exchange, forged(request, why)));
    }

    /**
     * For every other endpoint: a session too (API calls without one get 401, pages go to the login),
     * and for a change the session's CSRF token.
     */
    void signedIn(Exchange exchange) {
        fromOwnPage(exchange);
        if (exchange.getProperty(REFUSED, false, Boolean.class)) {
            return;
        }
        DashboardRequest request = exchange.getProperty(REQUEST, DashboardRequest.class);
        Optional<Sessions.Session> session = sessions.find(request.cookie());
        if (session.isEmpty()) {
            refuse(exchange, request.path().startsWith(Dashboard.BASE + "/api/") ? Reply.error(401, "Log in first.")
                    : Reply.redirect(Dashboard.BASE + "/login"));
            return;
        }
        Optional<String> missing = request.changesState() ? ForgeryGuard.missingToken(request, session.get()) : Optional.empty();
        if (missing.isPresent()) {
            refuse(exchange, forged(request, missing.get()));
            return;
        }
        exchange.setProperty(SESSION, session.get());
    }

    private static void refuse(Exchange exchange, Reply reply) {
        reply.writeTo(exchange.getMessage());
        exchange.setProperty(REFUSED, true);
    }

    private static Reply forged(DashboardRequest request, String why) {
        LOG.warn("Dashboard refused {} {} from {}: {} (a forged request from another page?)", request.method(),
                request.path(), request.address(), why);
        return Reply.error(403, "Refused: this request did not come from the dashboard's own page (" + why
                + "). Reload the dashboard and try again.");
    }
}
