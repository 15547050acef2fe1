package io.presenca.web;

import io.presenca.lessons.LessonCorrections;
import java.util.Locale;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.model.rest.RestBindingMode;
import org.apache.camel.model.rest.RestDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the dashboard's two sets of REST routes share: the REST DSL on the gateway's HTTP server, a
 * guard that every route of the set passes first, and the answers to an endpoint's failure. A subclass
 * declares its endpoints, one {@link #get}/{@link #post} line each; a path and verb not declared is not
 * answered (Vert.x says 404, or 405 for a known path).
 */
abstract class DashboardRouteBuilder extends RouteBuilder {

    /** An endpoint: the answer to one verb on one path. */
    @FunctionalInterface
    interface Endpoint {
        Reply answer(DashboardCall call) throws Exception;
    }

    private static final Logger LOG = LoggerFactory.getLogger(DashboardRouteBuilder.class);

    /** Whose methods answer the endpoints. */
    final Dashboard dashboard;
    private final Processor guard;
    private RestDefinition endpointsUnderBase;

    DashboardRouteBuilder(Dashboard dashboard, Processor guard) {
        this.dashboard = dashboard;
        this.guard = guard;
    }

    /** The endpoints of this set, declared with {@link #get} and {@link #post}. */
    abstract void endpoints();

    @Override
    public final void configure() {
        // Bodies are login or action forms (or nothing) that DashboardRequest reads: no binding turns JSON into
        // objects nobody validated; no CORS (it would also answer OPTIONS and widen every path to a prefix).
        restConfiguration().component("platform-http").bindingMode(RestBindingMode.off).enableCORS(false)
                .endpointProperty("headerFilterStrategy", "#class:" + DashboardHeaderFilter.class.getName());
        // every REST route of this set passes the guard first; a refused request has its answer and goes no further
        interceptFrom("rest:*").process(guard).filter(exchangeProperty(DashboardGuard.REFUSED)).stop();
        onException(NotAllowed.class).handled(true).process(exchange -> {
            DashboardRequest request = exchange.getProperty(DashboardGuard.REQUEST, DashboardRequest.class);
            String why = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class).getMessage();
            LOG.warn("Dashboard refused {} {} to {}: {}", request.method(), request.path(), request.address(), why);
            Reply.error(403, "Not allowed: " + why).writeTo(exchange.getMessage());
        });
        onException(IllegalArgumentException.class, IllegalStateException.class, LessonCorrections.Refused.class)
                .handled(true).process(exchange -> Reply.error(409,
                        exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class).getMessage())
                        .writeTo(exchange.getMessage()));
        onException(Exception.class).handled(true).process(exchange -> {
            DashboardRequest request = exchange.getProperty(DashboardGuard.REQUEST, DashboardRequest.class);
            Exception e = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
            LOG.error("Dashboard request {} {} failed: {}", request.method(), request.path(), e.toString(), e);
            Reply.error(500, "The gateway could not do this: " + e.getMessage()).writeTo(exchange.getMessage());
        });
        endpointsUnderBase = rest(Dashboard.BASE);
        endpoints();
    }

    /** {@code path} below /dashboard ("" for /dashboard itself), {@code {name}} for a path parameter. */
    void get(String path, Endpoint endpoint) {
        answer("get", endpointsUnderBase.get(path), path, endpoint);
    }

    void post(String path, Endpoint endpoint) {
        answer("post", endpointsUnderBase.post(path), path, endpoint);
    }

    private void answer(String verb, RestDefinition declared, String path, Endpoint endpoint) {
        String id = routeId(verb, path);
        declared.routeId(id).to("direct:" + id);
        from("direct:" + id).process(exchange -> endpoint.answer(DashboardCall.of(exchange)).writeTo(exchange.getMessage()));
    }

    /** "dashboard-get-api-students-id-history": the route's name in logs, JMX and the route list. */
    private static String routeId(String verb, String path) {
        String words = path.replace("*", "any-other-path").replaceAll("[{}]", "").replaceAll("[^A-Za-z0-9]+", "-")
                .replaceAll("(^-|-$)", "");
        return "dashboard-" + verb + (words.isEmpty() ? "" : "-" + words.toLowerCase(Locale.ROOT));
    }
}
