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
import org.apache.camel.support.EventNotifierSupport;

/**
 * Times each batch of the attendance sync route from Camel's own exchange events: a batch is one
 * exchange split off a pass, from its creation to its completion or failure. The route is not touched.
 */
public final class BatchLatencies extends EventNotifierSupport {

    private static final String ROUTE = "attendance-sync";

    private final Map<String, Long> startedNanos = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<Long> doneNanos = new ConcurrentLinkedQueue<>();

    public BatchLatencies() {
        setIgnoreCamelContextEvents(true);
        setIgnoreRouteEvents(true);
        setIgnoreServiceEvents(true);
        setIgnoreStepEvents(true);
        setIgnoreExchangeSendingEvents(true);
        setIgnoreExchangeSentEvents(true);
        setIgnoreExchangeRedeliveryEvents(true);
        setIgnoreExchangeAsyncProcessingStartedEvents(true);
    }

    @Override
    public boolean isEnabled(CamelEvent event) {
        return event instanceof ExchangeEvent exchangeEvent && isBatch(exchangeEvent.getExchange());
    }

    private static boolean isBatch(Exchange exchange) {
        return ROUTE.equals(exchange.getFromRouteId()) && exchange.getProperty(ExchangePropertyKey.SPLIT_INDEX) != null;
    }

    @Override
    public void notify(CamelEvent event) {
        String id = ((ExchangeEvent) event).getExchange().getExchangeId();
        switch (event.getType()) {
            case ExchangeCreated -> startedNanos.put(id, System.nanoTime());
            case ExchangeCompleted, ExchangeFailed -> {
                Long started = startedNanos.remove(id);
                if (started != null) {
                    doneNanos.add(System.nanoTime() - started);
                }
            }
            default -> {
                // other exchange events say nothing about a batch's time
            }
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
