package io.presenca.rekognition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.presenca.store.Database;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The Rekognition parts of one gateway share one rate limit: searches from the camera, the collection
 * upkeep and an erasure's listing together stay at REKOGNITION_TPS in any second, as the loopback fake
 * sees the requests arrive, from the first second on.
 */
@Timeout(60)
class RekognitionServicesTest {

    private static final byte[] JPEG = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xD9};

    private final FakeRekognition fake = new FakeRekognition();
    private final Database db = Database.open(Path.of("target", "rekognition-rate", UUID.randomUUID() + ".db"));
    private final RekognitionServices services = new RekognitionServices(
            RekognitionTestSettings.pointingAt(fake, "REKOGNITION_TPS", "5"), db);

    @AfterEach
    void close() {
        services.close();
        fake.close();
    }

    @Test
    void everyKindOfCallTogetherStaysAtTheRateOnTheWire() throws Exception {
        fake.searchFinds("ana", 99);
        services.collection().ensureExists(); // as the collection sync does before anything else
        ExecutorService callers = Executors.newFixedThreadPool(4);
        List<Future<?>> running = new ArrayList<>();
        FaceSearch search = services.search();
        for (int camera = 0; camera < 2; camera++) {
            running.add(callers.submit(() -> {
                for (int i = 0; i < 6; i++) {
                    search.search(JPEG, Duration.ofSeconds(10));
                }
            }));
        }
        running.add(callers.submit(() -> services.collectionSync().sync()));
        running.add(callers.submit(() -> {
            for (int i = 0; i < 4; i++) {
                services.collection().facesOf("ana"); // what erase and verify-erased do
            }
        }));
        for (Future<?> caller : running) {
            caller.get(30, TimeUnit.SECONDS);
        }
        callers.shutdown();

        List<Long> arrivals = fake.requests().stream().map(FakeRekognition.Request::receivedNanos).sorted().toList();
        assertTrue(arrivals.size() >= 18, "12 searches, 4 listings and the upkeep's calls: " + arrivals.size());
        assertEquals(Math.min(5, arrivals.size()), busiestSecond(arrivals),
                "at most REKOGNITION_TPS=5 requests arrived in any one second");
        assertEquals(12, fake.requests("SearchFacesByImage").size(), "every search got its turn within its wait");
    }

    /** The most arrivals within any one second. */
    private static int busiestSecond(List<Long> sorted) {
        int most = 0;
        for (int first = 0, last = 0; first < sorted.size(); first++) {
            while (last < sorted.size() && sorted.get(last) < sorted.get(first) + 1_000_000_000L) {
                last++;
            }
            most = Math.max(most, last - first);
        }
        return most;
    }
}
