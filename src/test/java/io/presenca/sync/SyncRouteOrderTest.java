package io.presenca.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The safety rule of the sync route (PostgreSQL commits, then SQLite is marked, one batch at a time)
 * checked on the bundled file and on copies edited the ways a school could break it.
 */
class SyncRouteOrderTest {

    private final String bundled = Files.readString(Path.of("routes/sync.camel.yaml"));
    /** The settlement step, as the bundled file writes it, with its comment. */
    private final String settle = bundled.substring(bundled.indexOf("                          # 4. only now"),
            bundled.indexOf("method: settle\n") + "method: settle\n".length());
    private final String upsertComment = "                          # 3. PostgreSQL commits";

    SyncRouteOrderTest() throws IOException {
    }

    @Test
    void theBundledRouteKeepsTheRule() {
        assertEquals(List.of(), SyncRouteOrder.problems(bundled));
        assertTrue(bundled.contains("PostgreSQL commits (step 3) BEFORE SQLite"), "the rule is stated on the route");
    }

    @Test
    void theSettlementMovedBeforeTheUpsertIsRefused() {
        assertTrue(settle.contains("ref: syncSettlement") && bundled.contains(upsertComment));
        String moved = bundled.replace(settle, "").replace(upsertComment, settle + upsertComment);
        assertFalse(moved.equals(bundled));

        List<String> problems = SyncRouteOrder.problems(moved);

        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).contains("bean syncSettlement") && problems.get(0).contains("upsert"), problems.get(0));
    }

    @Test
    void theSettlementMovedIntoTheUpsertsErrorHandlerIsRefused() {
        String failed = "ref: centralDatabase\n" + " ".repeat(40) + "method: failed\n";
        String settleInCatch = " ".repeat(36) + "- bean:\n" + " ".repeat(40) + "ref: syncSettlement\n" + " ".repeat(40)
                + "method: settle\n";
        assertTrue(bundled.contains(failed));
        String intoCatch = bundled.replace(settle, "").replace(failed, failed + settleInCatch);
        assertTrue(intoCatch.contains(settleInCatch));

        assertFalse(SyncRouteOrder.problems(intoCatch).isEmpty());
    }

    @Test
    void parallelBatchesAreRefused() {
        String parallel = bundled.replace("doWhile: true\n", "doWhile: true\n" + " ".repeat(18)
                + "parallelProcessing: true\n");
        assertFalse(parallel.equals(bundled));

        List<String> problems = SyncRouteOrder.problems(parallel);

        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).contains("parallelProcessing"), problems.get(0));
    }

    @Test
    void aRouteWithoutTheUpsertIsRefused() {
        String noUpsert = bundled.replace("INSERT INTO attendance_records", "INSERT INTO attendance_copies");

        assertTrue(SyncRouteOrder.problems(noUpsert).get(0).contains("exactly one PostgreSQL upsert"));
    }

    @Test
    void theGatewayRefusesToStartOnABrokenRouteNamingTheFile() throws IOException {
        Path folder = Path.of("target", "sync-route-order", "routes");
        Files.createDirectories(folder);
        Path broken = folder.resolve("sync.camel.yaml");
        Files.writeString(broken, bundled.replace("doWhile: true", "doWhile: true\n                  parallelProcessing: true"));

        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> SyncRouteOrder.check(broken));

        assertTrue(refused.getMessage().contains(broken.toAbsolutePath().toString())
                && refused.getMessage().contains("parallelProcessing"), refused.getMessage());
    }
}
