package io.presenca.events;

/**
 * {@code routes/notifications.camel.yaml}: the outbox's dispatcher ({@code eventDispatcher}) and the
 * daily absence summaries ({@code absenceSummaries}) deliver attendance events by webhook and e-mail.
 * The routes read the webhook and SMTP settings by name ({@code {{WEBHOOK_URL}}}); the secrets among
 * them (the webhook key, the SMTP password) go in as properties, never into a logged URI.
 */
public final class Notifications {

    public static final String ROUTE_FILE = "notifications.camel.yaml";

    private Notifications() {
    }
}
