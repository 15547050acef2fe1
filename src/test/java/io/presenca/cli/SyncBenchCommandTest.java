package io.presenca.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.presenca.sync.PgSupport;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code bench sync} with several gateways at once into the tests' real PostgreSQL. */
@Timeout(180)
class SyncBenchCommandTest {

    private static final Pattern RUN_LINE = Pattern.compile("bench sync: (\\d+) gateways x (\\d+) records = (\\d+)"
            + " in ([\\d.]+) s: (\\d+) records/s, p95 batch (\\d+) ms \\((\\d+) batches\\), peak (\\d+) PostgreSQL"
            + " connections, (\\d+) open after the pass");

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int presenca(String... args) {
        return Presenca.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private static String postgresUrl() {
        PgSupport pg = PgSupport.get();
        return "jdbc:postgresql://" + pg.host + ":" + pg.port + "/postgres?sslmode=disable&user="
                + URLEncoder.encode(pg.user, StandardCharsets.UTF_8)
                + (pg.password == null ? "" : "&password=" + URLEncoder.encode(pg.password, StandardCharsets.UTF_8));
    }

    @Test
    void threeGatewaysAtOnceStoreEveryRecordOnceAndReportTheirFigures() {
        int code = presenca("bench", "sync", "--gateways", "3", "--records", "300", "--warm-up", "30",
                "--postgres", postgresUrl());

        String printed = out.toString(StandardCharsets.UTF_8);
        // the command compares each gateway's record ids with PostgreSQL's rows and its SQLite's statuses
        assertEquals(0, code, printed + err.toString(StandardCharsets.UTF_8));
        assertFalse(printed.contains("FAILED"), printed);
        Matcher run = RUN_LINE.matcher(printed);
        assertTrue(run.find(), printed);
        assertEquals(3, Integer.parseInt(run.group(1)));
        assertEquals(900, Integer.parseInt(run.group(3)));
        double seconds = Double.parseDouble(run.group(4));
        assertTrue(seconds > 0, printed);
        // the seconds are printed rounded to 0.01 s: the rate lies between what their ends give
        double rate = Double.parseDouble(run.group(5));
        assertTrue(rate >= 900 / (seconds + 0.005) - 1 && rate <= 900 / Math.max(seconds - 0.005, 0.001) + 1, printed);
        assertTrue(Integer.parseInt(run.group(6)) > 0, printed);
        // SYNC_BATCH_SIZE is 1000: one batch of 300 per gateway
        assertEquals(3, Integer.parseInt(run.group(7)), printed);
        // a gateway's pass holds one connection, for the gate's check and all its batches
        int peak = Integer.parseInt(run.group(8));
        assertTrue(peak >= 1 && peak <= 3, printed);
        assertEquals(0, Integer.parseInt(run.group(9)), "a gateway holds no connection between passes: " + printed);
    }

    @Test
    void runsOneLinePerNumberOfGateways() {
        int code = presenca("bench", "sync", "--gateways", "1,2", "--records", "50", "--warm-up", "0",
                "--postgres", postgresUrl());

        String printed = out.toString(StandardCharsets.UTF_8);
        assertEquals(0, code, printed + err.toString(StandardCharsets.UTF_8));
        Matcher run = Pattern.compile("bench sync: (\\d+) gateways? x 50 records").matcher(printed);
        assertTrue(run.find() && run.group(1).equals("1"), printed);
        assertTrue(run.find() && run.group(1).equals("2"), printed);
    }

    @Test
    void refusesAWrongNumberOfGatewaysOrAUrlThatIsNotPostgres() {
        assertEquals(2, presenca("bench", "sync", "--gateways", "1,0"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("each from 1 to 500"), err.toString());
        assertEquals(2, presenca("bench", "sync", "--postgres", "mysql://root:secret@db/x"));
        String message = err.toString(StandardCharsets.UTF_8);
        assertTrue(message.contains("postgresql://") && !message.contains("secret"), message);
        assertEquals(2, presenca("bench", "sync", "--warm-up", "-1"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("--warm-up must be a whole number from 0"),
                err.toString());
    }
}
