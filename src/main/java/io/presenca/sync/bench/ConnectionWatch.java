package io.presenca.sync.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts the server's connections to one database in {@code pg_stat_activity} every 20
 * milliseconds, on a connection of its own to another database, and keeps the peak.
 */
public final class ConnectionWatch implements AutoCloseable {

    /**
     * Often enough to see every pass (a gateway's pass holds its connection from its check to its last
     * batch, far longer), seldom enough not to load the server being measured: every 5 ms cost about
     * 4 % of the records/s of one gateway on 2 cores.
     */
    private static final long POLL_MS = 20;

    private final Connection connection;
    private final PreparedStatement count;
    private final ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "bench-connection-watch");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicInteger peak = new AtomicInteger();

    public ConnectionWatch(PostgresServer server, String database) throws SQLException {
        connection = server.connectToAdminDatabase();
        count = connection.prepareStatement("SELECT count(*) FROM pg_stat_activity WHERE datname = ?");
        count.setString(1, database);
        poller.scheduleWithFixedDelay(this::poll, 0, POLL_MS, TimeUnit.MILLISECONDS);
    }

    /** The most connections seen since the start or the last {@link #resetPeak}. */
    public int peak() {
        return peak.get();
    }

    public void resetPeak() {
        peak.set(0);
    }

    /**
     * The connections once none is left or {@code patience} has passed, whichever comes first: a
     * backend the client has closed leaves {@code pg_stat_activity} a moment later.
     */
    public int afterClosing(Duration patience) throws SQLException, InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        int now = current();
        while (now > 0 && System.nanoTime() < deadline) {
            Thread.sleep(POLL_MS);
            now = current();
        }
        return now;
    }

    /** The connections now. */
    public synchronized int current() throws SQLException {
        try (ResultSet rows = count.executeQuery()) {
            rows.next();
            return rows.getInt(1);
        }
    }

    private void poll() {
        try {
            peak.accumulateAndGet(current(), Math::max);
        } catch (SQLException e) {
            // the server is busy or going away: the next poll tries again, the peak may be missed by one sample
        }
    }

    @Override
    public void close() throws SQLException {
        poller.shutdownNow();
        synchronized (this) {
            connection.close();
        }
    }
}
