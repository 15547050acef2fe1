package io.presenca.events;

import io.presenca.config.Settings;
import org.apache.camel.main.Main;

/**
 * The beans and settings of {@code routes/notifications.camel.yaml}: the outbox's dispatcher, the
 * daily absence summaries, and the webhook and SMTP settings as route properties. Secrets (the
 * webhook key, the SMTP password) go to the routes as properties, never into a logged URI.
 */
public final class Notifications {

    public static final String ROUTE_FILE = "notifications.camel.yaml";

    private final Settings settings;
    private final EventDispatcher dispatcher;
    private final AbsenceSummaries summaries;

    public Notifications(Settings settings, EventOutbox outbox, AbsenceSummaries summaries) {
        this.settings = settings;
        this.dispatcher = new EventDispatcher(outbox);
        this.summaries = summaries;
    }

    public void bindTo(Main main) {
        main.bind("eventDispatcher", dispatcher);
        main.bind("absenceSummaries", summaries);
        main.addOverrideProperty("presenca.events.dispatch-ms",
                Long.toString(Math.min(5_000L, settings.eventRetrySeconds * 1000L)));
        main.addOverrideProperty("presenca.webhook.enabled", Boolean.toString(settings.webhookEnabled()));
        main.addOverrideProperty("presenca.webhook.url",
                settings.webhookEnabled() ? settings.webhookUrl : "http://webhook-not-set.invalid");
        main.addOverrideProperty("presenca.webhook.api-key", settings.webhookApiKey == null ? "" : settings.webhookApiKey);
        main.addOverrideProperty("presenca.webhook.retries", Integer.toString(settings.webhookRetries));
        // the HTTP client's own quiet retries (503 twice per attempt) would make WEBHOOK_RETRIES a lie
        main.addOverrideProperty("camel.component.http.automatic-retries-disabled", "true");
        String timeout = Integer.toString(settings.webhookTimeoutSeconds * 1000);
        main.addOverrideProperty("camel.component.http.connect-timeout", timeout);
        main.addOverrideProperty("camel.component.http.connection-request-timeout", timeout);
        main.addOverrideProperty("camel.component.http.so-timeout", timeout);
        main.addOverrideProperty("camel.component.http.response-timeout", timeout);
        main.addOverrideProperty("presenca.mail.enabled", Boolean.toString(settings.absenceMailEnabled()));
        main.addOverrideProperty("presenca.mail.host", settings.smtpHost == null ? "smtp-not-set.invalid" : settings.smtpHost);
        main.addOverrideProperty("presenca.mail.port", Integer.toString(settings.smtpPort));
        main.addOverrideProperty("presenca.mail.from", settings.mailFrom);
        main.addOverrideProperty("presenca.mail.to", settings.officeEmail == null ? "" : settings.officeEmail);
        if (settings.smtpUser != null) {
            main.addOverrideProperty("camel.component.smtp.username", settings.smtpUser);
            main.addOverrideProperty("camel.component.smtp.password", settings.smtpPassword == null ? "" : settings.smtpPassword);
        }
    }

    public EventDispatcher dispatcher() {
        return dispatcher;
    }
}
