package io.presenca.monitoring;

import org.apache.camel.CamelContext;

/** One attendance sync pass now, every pending record whatever its retry time, as {@code sync --once} makes it. */
public final class SyncNow {

    static final String SYNC_ENDPOINT = "direct:attendance-sync";

    private SyncNow() {
    }

    public static void run(CamelContext context) {
        if (context == null) {
            throw new IllegalStateException("The gateway is not running yet");
        }
        context.createProducerTemplate().sendBodyAndHeader(SYNC_ENDPOINT, null, "syncNow", true);
    }
}
