package io.presenca.sync.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;

/**
 * Batch times from Camel's events, on the two shapes a sync route can take: batches split off a
 * pass, or a pass looping select, API call and upsert until a select finds nothing. Each batch
 * does 30 ms of work; the pass's own steps and the empty last select are not batches.
 */
class BatchLatenciesTest {

    private static final long BATCH_WORK_MS = 30;

    private static void work() throws InterruptedException {
        Thread.sleep(BATCH_WORK_MS);
    }

    private static BatchLatencies timedPass(RouteBuilder routes) throws Exception {
        BatchLatencies batches = new BatchLatencies("pass");
        try (CamelContext camel = new DefaultCamelContext()) {
            camel.getManagementStrategy().addEventNotifier(batches);
            camel.addRoutes(routes);
            camel.start();
            camel.createProducerTemplate().sendBody("direct:pass", List.of("a", "b", "c"));
        }
        return batches;
    }

    @Test
    void timesEachSplitBatch() throws Exception {
        BatchLatencies batches = timedPass(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:pass").routeId("pass")
                        .to("direct:gate")
                        .split(body()).process(exchange -> work()).to("direct:api").end()
                        .process(exchange -> work());
                from("direct:gate").log("gate");
                from("direct:api").log("api");
            }
        });

        assertEquals(3, batches.count());
        assertTrue(batches.p95Millis() >= BATCH_WORK_MS, "a batch's work is in its time: " + batches.p95Millis());
    }

    @Test
    void timesEachBatchOfALoopingPass() throws Exception {
        AtomicInteger left = new AtomicInteger(3);
        BatchLatencies batches = timedPass(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:pass").routeId("pass")
                        .setProperty("more", constant(true))
                        .loopDoWhile(exchangeProperty("more").isEqualTo(true))
                            .to("direct:select")
                            .choice()
                                .when(body().isNull()).setProperty("more", constant(false))
                                .otherwise()
                                    .circuitBreaker().to("direct:api").end()
                                    .to("direct:upsert")
                                    .process(exchange -> work())
                            .end()
                        .end()
                        .process(exchange -> work());
                from("direct:select").process(exchange -> exchange.getMessage()
                        .setBody(left.getAndDecrement() > 0 ? "batch" : null));
                from("direct:api").log("api");
                from("direct:upsert").log("upsert");
            }
        });

        assertEquals(3, batches.count());
        assertTrue(batches.p95Millis() >= BATCH_WORK_MS, "a batch's work is in its time: " + batches.p95Millis());
    }
}
