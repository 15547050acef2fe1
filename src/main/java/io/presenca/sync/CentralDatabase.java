package io.presenca.sync;

import io.presenca.config.Settings;
import io.presenca.store.DatabaseException;
import io.presenca.store.Migrations;
import io.presenca.store.Sql;
import io.presenca.store.SqlWork;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The school's central PostgreSQL at POSTGRES_HOST:POSTGRES_PORT/POSTGRES_DB. Its schema is created
 * and migrated by the gateway from {@code db/postgres/} (under an advisory lock, since many gateways
 * share one database). No pool: gateways sync a few times an hour, so a connection is opened per
 * pass (kept for its batches, see {@link CentralAttendance}) or per query, which also survives the
 * server restarting in between.
 */
public final class CentralDatabase implements Migrations.Target {

    /** Any fixed number: the advisory lock all gateways take to migrate one at a time. */
    private static final long MIGRATION_LOCK = 0x70726573656e6361L;

    private final PGSimpleDataSource dataSource = new PGSimpleDataSource();
    private final String description;
    private volatile boolean schemaChecked;

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
        description = "the central PostgreSQL at " + settings.postgresHost + ":" + settings.postgresPort + "/"
                + settings.postgresDb + " (user " + settings.postgresUser + ", sslmode " + sslMode + ")";
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

    public Connection connect() throws SQLException {
        return dataSource.getConnection();
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
