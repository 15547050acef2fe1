package io.presenca.web;

import org.apache.camel.http.base.HttpHeaderFilterStrategy;

/**
 * The dashboard's HTTP header filter. In: nothing from the request becomes a Camel header (request
 * headers, query parameters and form fields would otherwise all land there, so {@code ?Cookie=...} could
 * pose as a cookie and a header as a path parameter): {@link DashboardRequest} reads the request itself,
 * and the only headers left are Camel's own and the REST path parameters. Out: Camel's HTTP filter drops
 * Cache-Control (a hop header to it); the dashboard's no-store must reach the browser, so it passes.
 * Public with a public constructor: the REST configuration names it as {@code #class:}.
 */
public final class DashboardHeaderFilter extends HttpHeaderFilterStrategy {

    public DashboardHeaderFilter() {
        setInFilterPattern(".*");
        getOutFilter().remove("cache-control");
    }
}
