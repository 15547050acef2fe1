package io.presenca.config;

import java.time.Duration;
import java.util.Properties;
import org.apache.camel.component.properties.PropertiesComponent;
import org.apache.camel.main.Main;

/**
 * What the {@code {{…}}} placeholders of the YAML routes resolve to: every setting under its own name
 * (the environment variable's, e.g. {@code {{STUDENT_SYNC_INTERVAL}}m}), plus the few values that
 * several settings or the kind of run decide, each named for what it is. Camel gets them as override
 * properties, so the routes see exactly what {@link Settings} read and validated: a value a test
 * injects, or a default that application.properties does not spell out, wins over the environment.
 */
public final class RouteProperties {

    /** The backlog of a gateway that was off goes out this soon after start, not one interval later. */
    static final Duration LONGEST_FIRST_SYNC_DELAY = Duration.ofSeconds(5);
    /** The outbox is looked at this often at most, however long EVENT_RETRY_SECONDS is. */
    static final Duration LONGEST_EVENT_DISPATCH_PERIOD = Duration.ofSeconds(5);

    private RouteProperties() {
    }

    /**
     * {@code timersOn}: a gateway run, whose timers send, copy and clean up by themselves; off for
     * {@code sync --once} and benchmarks, which call the sync routes when they choose.
     */
    public static Properties of(Settings settings, boolean timersOn) {
        Properties properties = settings.asProperties();
        // the sync timers run only where central sync is configured (EXTERNAL_API_URL), in a gateway run
        properties.setProperty("centralSyncScheduled", Boolean.toString(timersOn && settings.centralSyncEnabled()));
        // ATTENDANCE_SYNC_INTERVAL minutes, or ATTENDANCE_SYNC_INTERVAL_SECONDS where set (tests, demos)
        Duration attendanceSync = settings.attendanceSyncPeriod();
        properties.setProperty("attendanceSyncPeriod", seconds(attendanceSync));
        properties.setProperty("centralSyncFirstDelay", seconds(shorter(attendanceSync, LONGEST_FIRST_SYNC_DELAY)));
        properties.setProperty("cleanupScheduled", Boolean.toString(timersOn));
        properties.setProperty("eventDispatchPeriod",
                seconds(shorter(Duration.ofSeconds(settings.eventRetrySeconds), LONGEST_EVENT_DISPATCH_PERIOD)));
        properties.setProperty("webhookEnabled", Boolean.toString(settings.webhookEnabled()));
        properties.setProperty("absenceMailEnabled", Boolean.toString(settings.absenceMailEnabled()));
        // the sync route's endpoint must be a valid URI even where central sync is off (its timer does not run then)
        if (settings.externalApiUrl == null) {
            properties.setProperty("EXTERNAL_API_URL", Settings.EXTERNAL_API_NOT_SET);
        }
        notificationComponents(settings, properties);
        return properties;
    }

    /** Gives Camel the route properties, and has it mask the secret ones where it logs resolved placeholders. */
    public static void handTo(Main main, Settings settings, boolean timersOn) {
        of(settings, timersOn).forEach((name, value) -> main.addOverrideProperty((String) name, (String) value));
        // Settings has read the environment and -D by its own rules (an empty variable is not set); Camel would
        // look there first and disagree, so it looks there only for a name that is not a setting
        main.addOverrideProperty("camel.component.properties.environment-variable-mode",
                Integer.toString(PropertiesComponent.ENVIRONMENT_VARIABLES_MODE_FALLBACK));
        main.addOverrideProperty("camel.component.properties.system-properties-mode",
                Integer.toString(PropertiesComponent.SYSTEM_PROPERTIES_MODE_FALLBACK));
        // Camel compares each placeholder's name, lower case, with this list
        main.configure().setAdditionalSensitiveKeywords(String.join(",", settings.sensitiveNames()).toLowerCase());
    }

    /** The webhook's HTTP client and the office mail's SMTP login, as Camel component options. */
    private static void notificationComponents(Settings settings, Properties properties) {
        // their routes send nothing while these are not set, but their endpoints must still be valid URIs
        if (!settings.webhookEnabled()) {
            properties.setProperty("WEBHOOK_URL", "http://webhook-not-set.invalid");
        }
        if (settings.smtpHost == null) {
            properties.setProperty("SMTP_HOST", "smtp-not-set.invalid");
        }
        // the HTTP client's own quiet retries (503 twice per attempt) would make WEBHOOK_RETRIES a lie
        properties.setProperty("camel.component.http.automatic-retries-disabled", "true");
        String timeout = Long.toString(Duration.ofSeconds(settings.webhookTimeoutSeconds).toMillis());
        for (String option : new String[] {"connect-timeout", "connection-request-timeout", "so-timeout", "response-timeout"}) {
            properties.setProperty("camel.component.http." + option, timeout);
        }
        if (settings.smtpUser != null) {
            properties.setProperty("camel.component.smtp.username", settings.smtpUser);
            properties.setProperty("camel.component.smtp.password", settings.smtpPassword == null ? "" : settings.smtpPassword);
        }
    }

    private static Duration shorter(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    /** A timer's period as Camel reads it, e.g. {@code 300s}. */
    private static String seconds(Duration duration) {
        return duration.toSeconds() + "s";
    }
}
