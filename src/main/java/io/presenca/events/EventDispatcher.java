package io.presenca.events;

import java.time.Instant;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Timer-route step: hands each due event of the outbox to {@code direct:attendance-events}, oldest
 * first. An event the routes delivered is marked so; one that failed (their dead letter channel
 * caught it, or an exception came back) waits in the outbox for its next attempt, and the pass
 * stops there so that a receiver that is down is not hammered with the rest.
 */
public final class EventDispatcher {

    public static final String ENDPOINT = "direct:attendance-events";
    /** Headers the routes get with each event (the body is the event's JSON). */
    public static final String KIND = "presencaEventKind";
    public static final String EVENT_ID = "presencaEventId";
    public static final String OUTBOX_ID = "presencaOutboxId";
    /** Set by a route that delivered the event ("webhook", "office e-mail"), for the log line. */
    public static final String SENT_TO = "presencaSentTo";

    /** Set on an exchange whose event went back to the outbox. */
    private static final String PUT_BACK = "presencaPutBack";

    private static final Logger LOG = LoggerFactory.getLogger(EventDispatcher.class);
    private static final int PASS = 100;
    static final java.time.Duration DELIVERED_KEPT = java.time.Duration.ofDays(7);

    private final EventOutbox outbox;
    private ProducerTemplate producer;

    public EventDispatcher(EventOutbox outbox) {
        this.outbox = outbox;
    }

    /** Returns how many events were delivered in this pass. */
    public int dispatch(Exchange trigger) {
        // delivered events name students: kept a week for questions ("was the office told?"), then forgotten
        outbox.forgetDeliveredBefore(Instant.now().minus(DELIVERED_KEPT));
        ProducerTemplate template = producer(trigger.getContext());
        int delivered = 0;
        for (OutboxEvent event : outbox.due(PASS)) {
            Exchange result = template.send(ENDPOINT, exchange -> {
                exchange.getMessage().setBody(event.payload());
                exchange.getMessage().setHeader(KIND, event.kind());
                exchange.getMessage().setHeader(EVENT_ID, event.eventId());
                exchange.getMessage().setHeader(OUTBOX_ID, event.id());
            });
            if (result.getException() != null) {
                putBack(result); // no dead letter channel caught it
            }
            // not EXCEPTION_CAUGHT: Camel leaves it set when a redelivery then succeeded
            if (result.getException() != null || result.getProperty(PUT_BACK, false, Boolean.class)) {
                break;
            }
            outbox.delivered(event.id());
            delivered++;
            String sentTo = result.getMessage().getHeader(SENT_TO, String.class);
            if (sentTo != null) {
                LOG.info("Notification sent: {} event {} to the {}", event.kind(), event.eventId(), sentTo);
            } else {
                LOG.debug("No notification is switched on for {} event {}", event.kind(), event.eventId());
            }
        }
        return delivered;
    }

    /**
     * The dead letter step of the notification routes: the event goes back to the outbox for a later
     * attempt. Returns when that will be.
     */
    public Instant putBack(Exchange failed) {
        Throwable failure = failed.getException() != null ? failed.getException()
                : failed.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        String why = failure == null ? "not delivered" : failure.getClass().getSimpleName() + ": " + failure.getMessage();
        long id = failed.getMessage().getHeader(OUTBOX_ID, Long.class);
        Instant next = outbox.retryLater(id, why);
        failed.setProperty(PUT_BACK, true);
        LOG.warn("Notification failed: {} event {}: {}. Kept in SQLite, next attempt at {}",
                failed.getMessage().getHeader(KIND), failed.getMessage().getHeader(EVENT_ID), why, next);
        return next;
    }

    private synchronized ProducerTemplate producer(CamelContext context) {
        if (producer == null) {
            producer = context.createProducerTemplate();
        }
        return producer;
    }
}
