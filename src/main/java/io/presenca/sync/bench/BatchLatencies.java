package io.presenca.sync.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangePropertyKey;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.spi.CamelEvent.ExchangeEvent;
import org.apache.camel.spi.CamelEvent.ExchangeSendingEvent;
import org.apache.camel.support.EventNotifierSupport;

/**
 * Times each batch of a sync route from Camel's own exchange events, without touching the route.
 * Either shape of the route is understood: batches split off a pass (each batch its own exchange,
 * timed from its creation to its completion), or a pass that loops over batches (a batch runs from
 * one send to the loop's first endpoint, the select of pending records, to the next one or to the
 * pass's end; the last select finds nothing and is not a batch).
 */
public final class BatchLatencies extends EventNotifierSupport {

    /** One pass looping over batches: the endpoint that starts each batch, and the batch under way. */
    private static final class Pass {
        String firstEndpoint;
        long batchStarted;
        int sendsInBatch;
    }

    private final String routeId;
    private final Map<String, Long> splitStarted = new ConcurrentHashMap<>();
    private final Map<String, Pass> passes = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<Long> doneNanos = new ConcurrentLinkedQueue<>();

    /** Batches of the route {@code routeId} (the route the passes are sent to). */
    public BatchLatencies(String routeId) {
        this.routeId = routeId;
        setIgnoreCamelContextEvents(true);
        setIgnoreRouteEvents(true);
        setIgnoreServiceEvents(true);
        setIgnoreStepEvents(true);
        setIgnoreExchangeSentEvents(true);
        setIgnoreExchangeRedeliveryEvents(true);
        setIgnoreExchangeAsyncProcessingStartedEvents(true);
    }

    @Override
    public boolean isEnabled(CamelEvent event) {
        return event instanceof ExchangeEvent exchangeEvent && routeId.equals(exchangeEvent.getExchange().getFromRouteId());
    }

    @Override
    public void notify(CamelEvent event) {
        long now = System.nanoTime();
        Exchange exchange = ((ExchangeEvent) event).getExchange();
        String id = exchange.getExchangeId();
        if (exchange.getProperty(ExchangePropertyKey.SPLIT_INDEX) != null) {
            timeSplitBatch(event, id, now);
        } else if (!isCopyOfAnother(exchange)) {
            timeLoopedBatch(event, id, now);
        }
    }

    /**
     * A copy made inside a pass (the circuit breaker runs the API call on one) names the pass as its
     * correlation id; the pass itself has none, or its own once the copy's properties come back.
     */
    private static boolean isCopyOfAnother(Exchange exchange) {
        String correlation = exchange.getProperty(ExchangePropertyKey.CORRELATION_ID, String.class);
        return correlation != null && !correlation.equals(exchange.getExchangeId());
    }

    private void timeSplitBatch(CamelEvent event, String id, long now) {
        switch (event.getType()) {
            case ExchangeCreated -> splitStarted.put(id, now);
            case ExchangeCompleted, ExchangeFailed -> {
                Long started = splitStarted.remove(id);
                if (started != null) {
                    doneNanos.add(now - started);
                }
            }
            default -> {
                // sends within a split batch are part of it
            }
        }
    }

    private void timeLoopedBatch(CamelEvent event, String id, long now) {
        switch (event.getType()) {
            case ExchangeSending -> {
                String endpoint = ((ExchangeSendingEvent) event).getEndpoint().getEndpointUri();
                Pass pass = passes.computeIfAbsent(id, ignored -> new Pass());
                if (pass.firstEndpoint == null || pass.firstEndpoint.equals(endpoint)) {
                    endBatch(pass, now);
                    pass.firstEndpoint = endpoint;
                    pass.batchStarted = now;
                    pass.sendsInBatch = 1;
                } else {
                    pass.sendsInBatch++;
                }
            }
            case ExchangeCompleted, ExchangeFailed -> {
                Pass pass = passes.remove(id);
                if (pass != null) {
                    endBatch(pass, now);
                }
            }
            default -> {
                // creation says nothing about batches
            }
        }
    }

    /** A select followed by nothing else found no record: the pass ended there, no batch ran. */
    private void endBatch(Pass pass, long now) {
        if (pass.firstEndpoint != null && pass.sendsInBatch > 1) {
            doneNanos.add(now - pass.batchStarted);
        }
    }

    /** Forgets the batches timed so far (the warm-up's). */
    public void clear() {
        doneNanos.clear();
    }

    public int count() {
        return doneNanos.size();
    }

    /** The 95th percentile (nearest rank) of the batch times in milliseconds; 0 when none was timed. */
    public double p95Millis() {
        List<Long> sorted = new ArrayList<>(doneNanos);
        if (sorted.isEmpty()) {
            return 0;
        }
        sorted.sort(null);
        int rank = (int) Math.ceil(0.95 * sorted.size());
        return sorted.get(rank - 1) / 1e6;
    }
}
