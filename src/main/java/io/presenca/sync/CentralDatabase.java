package io.presenca.sync;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.presenca.config.Settings;
import io.presenca.store.DatabaseException;
import io.presenca.store.Migrations;
import io.presenca.store.Sql;
import io.presenca.store.SqlWork;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.apache.camel.Exchange;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The school's central PostgreSQL at POSTGRES_HOST:POSTGRES_PORT/POSTGRES_DB. Its schema is created
 * and migrated by the gateway from {@code db/postgres/} (under an advisory lock, since many gateways
 * share one database). Thousands of gateways share one PostgreSQL and each syncs a few times an
 * hour, so a gateway holds no connection between passes: the sync route's upserts share one pooled
 * connection during a pass ({@link #pool()}, HikariCP with no idle minimum), and the pool lets it go
 * at the end ({@link #endPass()}); checks and migrations open a connection of their own.
 */
public final class CentralDatabase implements Migrations.Target, AutoCloseable {

    /** Any fixed number: the advisory lock all gateways take to migrate one at a time. */
    private static final long MIGRATION_LOCK = 0x70726573656e6361L;

    private final PGSimpleDataSource dataSource = new PGSimpleDataSource();
    private final HikariDataSource pool;
    private final String description;
    private volatile boolean schemaChecked;
    private volatile boolean lastPassFailedHere;

    public CentralDatabase(Settings settings) {
        dataSource.setServerNames(new String[] {settings.postgresHost});
        dataSource.setPortNumbers(new int[] {settings.postgresPort});
        dataSource.setDatabaseName(settings.postgresDb);
        dataSource.setUser(settings.postgresUser);
        dataSource.setPassword(settings.postgresPassword);
        String sslMode = sslModeFor(settings.postgresSslMode, settings.postgresHost);
        dataSource.setSslMode(sslMode);
        if (settings.postgresSslRootCert != null) {
            dataSource.setSslRootCert(settings.postgresSslRootCert.toAbsolutePath().toString());
        }
        dataSource.setConnectTimeout(10);
        dataSource.setSocketTimeout(120);
        // multi-row INSERTs instead of one round trip per record
        dataSource.setReWriteBatchedInserts(true);
        dataSource.setApplicationName("presenca " + settings.deviceId);
        pool = pooled(dataSource);
        description = "the central PostgreSQL at " + settings.postgresHost + ":" + settings.postgresPort + "/"
                + settings.postgresDb + " (user " + settings.postgresUser + ", sslmode " + sslMode + ")";
    }

    private static HikariDataSource pooled(DataSource postgres) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("central-postgres");
        config.setDataSource(postgres);
        // one connection, for the gate's check and every upsert of a pass (each statement borrows and
        // returns it; a pass asked for over JMX during the timer's takes turns). With room for two, the
        // pool sometimes opened a second for a borrower it had just served.
        config.setMaximumPoolSize(1);
        config.setMinimumIdle(0);
        config.setConnectionTimeout(10_000);
        // no connection at start: the gateway starts while PostgreSQL is down
        config.setInitializationFailTimeout(-1);
        return new HikariDataSource(config);
    }

    /**
     * POSTGRES_SSLMODE as used: {@code auto} (the default) is {@code verify-full} for a remote server,
     * so the password never goes to a server that declines TLS or shows a certificate not signed for
     * its name, and {@code prefer} only for a PostgreSQL on this machine. An explicit mode wins.
     */
    public static String sslModeFor(String configured, String host) {
        if (!"auto".equalsIgnoreCase(configured)) {
            return configured;
        }
        return LoopbackHosts.isLoopback(host) ? "prefer" : "verify-full";
    }

    @Override
    public String describe() {
        return description;
    }

    /** A connection of its own, not pooled; the caller closes it. */
    public Connection connect() throws SQLException {
        return dataSource.getConnection();
    }

    /** The pool the sync route's {@code sql:} upsert takes its connection from (bound as {@code centralPostgres}). */
    public DataSource pool() {
        return pool;
    }

    /** Route step at the end of every pass, whatever its outcome: the pool closes its connections. */
    public void endPass() {
        pool.getHikariPoolMXBean().softEvictConnections();
    }

    /** Route step where the upsert failed: the failure, said as a central database error, retried later. */
    public void failed(Exchange exchange) {
        lastPassFailedHere = true;
        Throwable failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        Throwable cause = failure;
        while (cause.getCause() != null && !(cause instanceof SQLException)) {
            cause = cause.getCause();
        }
        throw new RetryableSyncException(RetryableSyncException.Kind.CENTRAL_DATABASE,
                description + ": " + cause.getMessage(), failure);
    }

    @Override
    public void close() {
        pool.close();
    }

    /**
     * Checks the database can be reached now; the first time in this process, also creates or
     * migrates its schema. Throws {@link DatabaseException} saying why not.
     */
    public void checkReady() {
        if (schemaChecked) {
            try (Connection c = connect()) {
                return;
            } catch (SQLException e) {
                throw new DatabaseException(capitalizedDescription() + ": " + e.getMessage(), e);
            }
        }
        inTransaction(c -> {
            lockForMigration(c);
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE IF NOT EXISTS schema_version("
                        + "version integer PRIMARY KEY, description text, applied_at text)");
            }
            return null;
        });
        Migrations.in("db/postgres/").applyPending(this);
        schemaChecked = true;
    }

    /**
     * The sync gate's check before a pass: like {@link #checkReady()}, but on the pool's connection,
     * which the pass's upserts then take, so a pass costs PostgreSQL one connection (one backend
     * started, one authentication), not two. After a pass failed on this database (its check or an
     * upsert) the next check connects directly, because the pool keeps retrying a failing server for
     * its whole connection timeout where a direct connection fails at once: an offline gateway finds
     * out as quickly as before.
     */
    public void checkReadyForPass() {
        if (!schemaChecked || lastPassFailedHere) {
            try {
                checkReady();
            } catch (RuntimeException e) {
                lastPassFailedHere = true;
                throw e;
            }
            lastPassFailedHere = false;
            return;
        }
        try (Connection c = pool.getConnection()) {
            return;
        } catch (SQLException e) {
            lastPassFailedHere = true;
            // the pool's own "not available, request timed out" says less than the server's refusal under it
            String why = e.getCause() instanceof SQLException cause ? cause.getMessage() : e.getMessage();
            throw new DatabaseException(capitalizedDescription() + ": " + why, e);
        }
    }

    @Override
    public <T> T inTransaction(SqlWork<T> work) {
        try (Connection c = connect()) {
            return Sql.inTransaction(c, work);
        } catch (SQLException e) {
            throw new DatabaseException(capitalizedDescription() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void lockForMigration(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("SELECT pg_advisory_xact_lock(" + MIGRATION_LOCK + ")");
        }
    }

    private String capitalizedDescription() {
        return "T" + description.substring(1);
    }
}
