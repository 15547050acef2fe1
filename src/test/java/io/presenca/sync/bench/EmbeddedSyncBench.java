package io.presenca.sync.bench;

import io.presenca.cli.Presenca;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code bench sync} on a machine without a PostgreSQL server: starts the embedded PostgreSQL of
 * the tests (not in the jar) and runs {@code bench sync --postgres <it> ARGS...}. Run it from the
 * test classpath, as README's "Performance" section shows.
 */
public final class EmbeddedSyncBench {

    private EmbeddedSyncBench() {
    }

    public static void main(String[] args) throws IOException {
        EmbeddedPostgres pg = EmbeddedPostgres.builder().start();
        // Presenca.main ends the JVM with the bench's exit code; the server goes with it
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                pg.close();
            } catch (IOException e) {
                System.err.println("The embedded PostgreSQL did not stop cleanly: " + e.getMessage());
            }
        }));
        List<String> bench = new ArrayList<>(List.of("bench", "sync", "--postgres",
                "postgresql://postgres@localhost:" + pg.getPort() + "/postgres?sslmode=disable"));
        bench.addAll(List.of(args));
        Presenca.main(bench.toArray(String[]::new));
    }
}
