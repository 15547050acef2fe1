package io.presenca.sync;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * A real PostgreSQL for the tests: the server of TEST_PG_URL (e.g. jdbc:postgresql://localhost:5432/postgres,
 * with TEST_PG_USER and TEST_PG_PASSWORD; the user needs CREATEDB) if set, else an embedded one
 * started once per test JVM from the binaries Maven brought. Each test gets a database of its own.
 */
public final class PgSupport {

    private static PgSupport shared;

    public final String host;
    public final int port;
    public final String user;
    public final String password;
    private final String adminDb;

    private PgSupport(String host, int port, String user, String password, String adminDb) {
        this.host = host;
        this.port = port;
        this.user = user;
        this.password = password;
        this.adminDb = adminDb;
    }

    public static synchronized PgSupport get() {
        if (shared == null) {
            String url = System.getenv("TEST_PG_URL");
            shared = url != null ? fromUrl(url) : embedded();
        }
        return shared;
    }

    private static PgSupport fromUrl(String jdbcUrl) {
        URI uri = URI.create(jdbcUrl.substring("jdbc:".length()));
        String db = uri.getPath() == null || uri.getPath().length() <= 1 ? "postgres" : uri.getPath().substring(1);
        return new PgSupport(uri.getHost(), uri.getPort() > 0 ? uri.getPort() : 5432,
                System.getenv().getOrDefault("TEST_PG_USER", "postgres"), System.getenv("TEST_PG_PASSWORD"), db);
    }

    private static PgSupport embedded() {
        try {
            EmbeddedPostgres pg = EmbeddedPostgres.builder().start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    pg.close();
                } catch (IOException e) {
                    // the JVM is ending; the data folder is in a temp folder anyway
                }
            }));
            return new PgSupport("localhost", pg.getPort(), "postgres", null, "postgres");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start the embedded PostgreSQL (set TEST_PG_URL to use a server)", e);
        }
    }

    /** A new empty database; its name. */
    public String newDatabase() {
        String name = "presenca_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        execute(adminDb, "CREATE DATABASE " + name);
        return name;
    }

    /** Drops a database made by {@link #newDatabase}, whoever is still connected to it. */
    public void dropDatabase(String name) {
        execute(adminDb, "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }

    /** POSTGRES_* settings pointing at {@code database} through {@code host:port}. */
    public Map<String, String> settings(String database, String viaHost, int viaPort) {
        Map<String, String> settings = new HashMap<>();
        settings.put("POSTGRES_HOST", viaHost);
        settings.put("POSTGRES_PORT", Integer.toString(viaPort));
        settings.put("POSTGRES_DB", database);
        settings.put("POSTGRES_USER", user);
        if (password != null) {
            settings.put("POSTGRES_PASSWORD", password);
        }
        settings.put("POSTGRES_SSLMODE", "disable");
        return settings;
    }

    public Connection connect(String database) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://" + host + ":" + port + "/" + database, user, password);
    }

    public void execute(String database, String sql) {
        try (Connection c = connect(database); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }
}
