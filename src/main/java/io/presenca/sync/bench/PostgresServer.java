package io.presenca.sync.bench;

import io.presenca.config.Settings;
import io.presenca.config.UrlCredentials;
import io.presenca.sync.CentralDatabase;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

/**
 * The PostgreSQL server {@code bench sync} runs against: the one of {@code --postgres URL}
 * ({@code postgresql://user:password@host:port/db}, {@code postgres://...} or a JDBC URL with
 * {@code user} and {@code password} parameters) or else the one of the POSTGRES_* settings. The
 * database named is only used to create and drop scratch databases.
 */
public final class PostgresServer {

    private static final int DEFAULT_PORT = 5432;

    private final String host;
    private final int port;
    private final String adminDatabase;
    private final String user;
    private final String password;
    private final String sslMode;

    private PostgresServer(String host, int port, String adminDatabase, String user, String password, String sslMode) {
        this.host = host;
        this.port = port;
        this.adminDatabase = adminDatabase;
        this.user = user;
        this.password = password;
        this.sslMode = sslMode;
    }

    /** The POSTGRES_* settings' server. */
    public static PostgresServer of(Settings settings) {
        return new PostgresServer(settings.postgresHost, settings.postgresPort, settings.postgresDb,
                settings.postgresUser, settings.postgresPassword, settings.postgresSslMode);
    }

    /**
     * The server of {@code url}; what the URL leaves out comes from {@code defaults} (so the password
     * can stay in POSTGRES_PASSWORD rather than on a command line that {@code ps} shows).
     */
    public static PostgresServer fromUrl(String url, Settings defaults) {
        String plain = url.startsWith("jdbc:") ? url.substring("jdbc:".length()) : url;
        URI uri;
        try {
            uri = URI.create(plain);
        } catch (IllegalArgumentException e) {
            throw notAPostgresUrl(url);
        }
        if (!("postgresql".equals(uri.getScheme()) || "postgres".equals(uri.getScheme())) || uri.getHost() == null) {
            throw notAPostgresUrl(url);
        }
        Map<String, String> query = queryParameters(uri.getRawQuery());
        String user = defaults.postgresUser;
        String password = defaults.postgresPassword;
        if (uri.getRawUserInfo() != null) {
            String[] userInfo = uri.getRawUserInfo().split(":", 2);
            user = decode(userInfo[0]);
            password = userInfo.length > 1 ? decode(userInfo[1]) : password;
        }
        String path = uri.getPath() == null || uri.getPath().length() <= 1 ? "postgres" : uri.getPath().substring(1);
        return new PostgresServer(uri.getHost(), uri.getPort() > 0 ? uri.getPort() : DEFAULT_PORT, path,
                query.getOrDefault("user", user), query.getOrDefault("password", password),
                query.getOrDefault("sslmode", defaults.postgresSslMode));
    }

    private static IllegalArgumentException notAPostgresUrl(String url) {
        return new IllegalArgumentException("--postgres needs a PostgreSQL URL such as"
                + " postgresql://postgres:PASSWORD@localhost:5432/postgres or"
                + " jdbc:postgresql://localhost:5432/postgres?user=postgres, got '" + UrlCredentials.mask(url) + "'.");
    }

    private static Map<String, String> queryParameters(String rawQuery) {
        Map<String, String> parameters = new HashMap<>();
        if (rawQuery != null) {
            for (String pair : rawQuery.split("&")) {
                String[] nameValue = pair.split("=", 2);
                parameters.put(decode(nameValue[0]), nameValue.length > 1 ? decode(nameValue[1]) : "");
            }
        }
        return parameters;
    }

    private static String decode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }

    /** The POSTGRES_* settings that point a gateway at {@code database} on this server. */
    public Map<String, String> settingsFor(String database) {
        Map<String, String> settings = new HashMap<>();
        settings.put("POSTGRES_HOST", host);
        settings.put("POSTGRES_PORT", Integer.toString(port));
        settings.put("POSTGRES_DB", database);
        settings.put("POSTGRES_USER", user);
        if (password != null) {
            settings.put("POSTGRES_PASSWORD", password);
        }
        settings.put("POSTGRES_SSLMODE", sslMode);
        return settings;
    }

    /** A connection to the database named in the URL or settings, where scratch databases are made. */
    public Connection connectToAdminDatabase() throws SQLException {
        return connect(adminDatabase);
    }

    /** A connection of the bench itself (application name presenca-bench) to {@code database}. */
    public Connection connect(String database) throws SQLException {
        String url = "jdbc:postgresql://" + host + ":" + port + "/" + database
                + "?sslmode=" + CentralDatabase.sslModeFor(sslMode, host) + "&ApplicationName=presenca-bench";
        return DriverManager.getConnection(url, user, password);
    }

    /** Where, for messages; never the password. */
    public String describe() {
        return host + ":" + port + "/" + adminDatabase + " (user " + user + ")";
    }
}
