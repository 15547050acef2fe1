package io.presenca.monitoring;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.presenca.config.Settings;
import io.presenca.rekognition.RekognitionLink;
import io.presenca.store.Database;
import io.presenca.sync.CentralSync;
import javax.management.JMException;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.Main;
import org.apache.camel.main.MainListenerSupport;

/**
 * Turns on what an IT person watches: the management HTTP server (health on {@code /observe/health},
 * Prometheus on {@code /observe/metrics}, bound to MANAGEMENT_HOST:MANAGEMENT_PORT), the gateway's
 * health checks and metrics, and the pipeline MBean. Never static file serving: it would publish
 * the working folder, database included.
 */
public final class Operations {

    private final Settings settings;
    private final PipelineStats stats;
    private final Database database;
    private final CentralSync sync;
    private final RekognitionLink rekognition;
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final GatewayMetrics metrics;
    private final Pipeline pipeline;

    /** {@code rekognition}: null unless MATCHER uses it. */
    public Operations(Settings settings, PipelineStats stats, Database database, CentralSync sync, RekognitionLink rekognition) {
        this.settings = settings;
        this.stats = stats;
        this.database = database;
        this.sync = sync;
        this.rekognition = rekognition;
        this.metrics = new GatewayMetrics(stats, registry);
        this.pipeline = new Pipeline(stats, settings.centralSyncEnabled());
    }

    public PipelineStats stats() {
        return stats;
    }

    public HealthCheck cameraHealth() {
        return new CameraHealthCheck(stats, settings.cameraSource);
    }

    public HealthCheck sqliteHealth() {
        return new SqliteHealthCheck(database, stats);
    }

    /** Null while central sync is off: nothing to check. */
    public HealthCheck postgresqlHealth() {
        return settings.centralSyncEnabled() ? new CentralDatabaseHealthCheck(sync.centralDatabase()) : null;
    }

    /** Null while central sync is off: nothing to check. */
    public HealthCheck externalApiHealth() {
        return settings.centralSyncEnabled() ? new ExternalApiHealthCheck(sync) : null;
    }

    /** Null unless MATCHER uses Rekognition. */
    public HealthCheck rekognitionHealth() {
        return rekognition != null ? new RekognitionHealthCheck(rekognition) : null;
    }

    /**
     * Turns on Camel's management server, health and metrics on MANAGEMENT_HOST:MANAGEMENT_PORT, times
     * the beans, and registers the pipeline MBean while Camel runs. The health checks above are bound by
     * the gateway's configuration.
     */
    public void enable(Main main) {
        String host = settings.managementHost;
        String port = Integer.toString(settings.managementPort);
        main.addOverrideProperty("camel.server.enabled", "true");
        main.addOverrideProperty("camel.server.host", host);
        main.addOverrideProperty("camel.server.port", port);
        main.addOverrideProperty("camel.management.enabled", "true");
        main.addOverrideProperty("camel.management.host", host);
        main.addOverrideProperty("camel.management.port", port);
        main.addOverrideProperty("camel.management.health-check-enabled", "true");
        main.addOverrideProperty("camel.management.metrics-enabled", "true");
        main.addOverrideProperty("camel.metrics.enabled", "true");
        main.addOverrideProperty("camel.metrics.enable-route-policy", "true");
        main.addOverrideProperty("camel.health.enabled", "true");
        // Camel's Prometheus support uses this registry, so the gateway's meters are scraped with Camel's. Bound
        // here, not by the gateway's configuration class: Camel sets its metrics up before it reads that class
        main.bind("metricsRegistry", registry);
        main.addMainListener(new MainListenerSupport() {
            @Override
            public void beforeConfigure(BaseMainSupport m) {
                m.getCamelContext().getCamelContextExtension().addInterceptStrategy(new CallTimer(metrics.timedBeans()));
            }

            @Override
            public void afterStart(BaseMainSupport m) {
                stats.attach(m.getCamelContext());
                try {
                    pipeline.register();
                } catch (JMException e) {
                    throw new IllegalStateException("Could not register the pipeline MBean: " + e.getMessage(), e);
                }
            }

            @Override
            public void beforeStop(BaseMainSupport m) {
                pipeline.unregister();
            }
        });
    }
}
