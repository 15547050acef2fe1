package io.presenca.web;

import org.apache.camel.builder.RouteBuilder;

/** The dashboard on the management HTTP server: every path under /dashboard, one handler that checks the session first. */
final class DashboardRoutes extends RouteBuilder {

    private final Dashboard dashboard;

    DashboardRoutes(Dashboard dashboard) {
        this.dashboard = dashboard;
    }

    @Override
    public void configure() {
        from("platform-http:" + Dashboard.BASE + "?matchOnUriPrefix=true").routeId("dashboard")
                .process(dashboard::handle);
    }
}
