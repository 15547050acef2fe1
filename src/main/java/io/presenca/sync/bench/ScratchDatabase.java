package io.presenca.sync.bench;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/** A database created for one bench run on a PostgreSQL server and dropped after it, whoever is still connected. */
public final class ScratchDatabase implements AutoCloseable {

    private final PostgresServer server;
    private final String name = "presenca_bench_" + UUID.randomUUID().toString().substring(0, 8);

    public ScratchDatabase(PostgresServer server) {
        this.server = server;
        try (Connection c = server.connectToAdminDatabase(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("bench sync needs to create a scratch database on the PostgreSQL at "
                    + server.describe() + " (--postgres URL, or the POSTGRES_* settings; the user needs CREATEDB): "
                    + e.getMessage().replaceAll("\\.$", "") + ". Without a PostgreSQL server, run the embedded one"
                    + " as README's \"Performance\" section shows.", e);
        }
    }

    public String name() {
        return name;
    }

    @Override
    public void close() throws SQLException {
        try (Connection c = server.connectToAdminDatabase(); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        }
    }
}
