package io.presenca.attendance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.presenca.store.Sighting;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** More waiting than memory holds: the rest waits in the spill file alone and comes back in order. */
class WaitingAttendanceTest {

    private final Path spillPath = Path.of("target", "test-data", UUID.randomUUID().toString(), "waiting.jsonl");

    @Test
    void beyondItsCapacityASightingWaitsInTheFileAndIsHandedOutInCaptureOrder() throws Exception {
        WaitingAttendance waiting = new WaitingAttendance(new SpillFile(spillPath), 2);
        List<String> kept = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Sighting sighting = Sighting.of("s" + i, "door", Instant.parse("2026-11-24T08:00:00Z").plusSeconds(i), 97, 0.3, "local");
            waiting.add(sighting, null);
            kept.add(sighting.id());
        }
        assertEquals(5, waiting.size());
        assertEquals(5, Files.readAllLines(spillPath).size());

        List<String> handedOut = new ArrayList<>();
        Optional<WaitingAttendance.Waiting> next;
        while ((next = waiting.oldest()).isPresent()) {
            handedOut.add(next.get().sighting().id());
            if (handedOut.size() == 3) {
                assertEquals(5, Files.readAllLines(spillPath).size(), "nothing leaves the file before all are written");
            }
            waiting.written(next.get());
        }

        assertEquals(kept, handedOut);
        assertEquals(0, waiting.size());
        assertEquals(0, Files.size(spillPath));
    }
}
