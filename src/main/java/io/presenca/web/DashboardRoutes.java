package io.presenca.web;

import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.platform.http.PlatformHttpEndpoint;
import org.apache.camel.http.base.HttpHeaderFilterStrategy;

/** The dashboard on the management HTTP server: every path under /dashboard, one handler that checks the session first. */
final class DashboardRoutes extends RouteBuilder {

    private final Dashboard dashboard;

    DashboardRoutes(Dashboard dashboard) {
        this.dashboard = dashboard;
    }

    @Override
    public void configure() {
        PlatformHttpEndpoint endpoint = getContext().getEndpoint("platform-http:" + Dashboard.BASE + "?matchOnUriPrefix=true",
                PlatformHttpEndpoint.class);
        endpoint.setHeaderFilterStrategy(new DashboardHeaderFilter());
        from(endpoint).routeId("dashboard").process(dashboard::handle);
    }

    /**
     * Camel's HTTP filter drops Cache-Control from replies (it treats it as a hop header of the
     * exchange): the dashboard's no-store must reach the browser, so this one lets it through.
     */
    static final class DashboardHeaderFilter extends HttpHeaderFilterStrategy {
        DashboardHeaderFilter() {
            getOutFilter().remove("cache-control");
        }
    }
}
