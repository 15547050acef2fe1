package io.presenca.web;

import org.apache.camel.Exchange;

/**
 * What an endpoint is given: the request as it came over the wire, the caller's session once
 * {@link DashboardGuard} let it through (null on the open login endpoints), and the exchange for the
 * REST path parameters.
 */
record DashboardCall(DashboardRequest request, Sessions.Session session, Exchange exchange) {

    static DashboardCall of(Exchange exchange) {
        return new DashboardCall(exchange.getProperty(DashboardGuard.REQUEST, DashboardRequest.class),
                exchange.getProperty(DashboardGuard.SESSION, Sessions.Session.class), exchange);
    }

    /** A {@code {name}} of the REST path; {@link DashboardHeaderFilter} keeps query and request headers from posing as one. */
    String pathParameter(String name) {
        return exchange.getMessage().getHeader(name, String.class);
    }

    String user() {
        return session.user();
    }

    /** A query parameter, from the request line only. */
    String query(String name) {
        return request.query().get(name);
    }
}
