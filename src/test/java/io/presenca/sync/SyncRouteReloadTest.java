package io.presenca.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.presenca.store.SyncStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.camel.support.ResourceReloadStrategySupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The README's example: the batch size changed by editing routes/sync.camel.yaml while the sync runs.
 * The saved file is reloaded and the next pass sends batches of the new size.
 */
@Timeout(120)
class SyncRouteReloadTest {

    @Test
    void aBatchSizeEditedInTheRouteAppliesToTheNextPass() throws Exception {
        try (SyncFixture gateway = new SyncFixture()) {
            Path routes = gateway.reloadableRoutes();
            gateway.startManual();
            ResourceReloadStrategySupport reload = gateway.camel().hasService(ResourceReloadStrategySupport.class);

            Path route = routes.resolve("sync.camel.yaml");
            Files.writeString(route, Files.readString(route).replace("LIMIT {{SYNC_BATCH_SIZE}}", "LIMIT 5"));
            SyncFixture.await(() -> reload.getReloadCounter() >= 1, Duration.ofSeconds(60), "the route was not reloaded");
            gateway.recordPending(12);
            gateway.syncNow();

            assertEquals(12, gateway.local().get(SyncStatus.SYNCED));
            assertEquals(List.of(5, 5, 2), gateway.api.calls().stream().map(c -> c.recordIds().size()).toList(),
                    "batches of 5, no longer SYNC_BATCH_SIZE (20)");
        }
    }
}
