package io.presenca.routes;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.presenca.GatewayConfiguration;
import io.presenca.config.RouteProperties;
import io.presenca.config.Settings;
import io.presenca.sync.CentralSync;
import java.util.Properties;

/**
 * What the gateway gives its routes: the beans of its configuration classes, read from their
 * {@code @BindToRegistry} methods, and the placeholders {@link RouteProperties} hands Camel.
 */
public final class GatewayBeans {

    private GatewayBeans() {
    }

    public static BeanCatalogue catalogue() {
        return BeanCatalogue.fromConfiguration(GatewayConfiguration.class, CentralSync.class)
                // bound before Camel reads configuration classes, so that its metrics use it (see Operations)
                .with("metricsRegistry", PrometheusMeterRegistry.class);
    }

    /** The placeholders as a gateway run resolves them under these settings. */
    public static Properties placeholders(Settings settings) {
        return RouteProperties.of(settings, true);
    }
}
