package io.presenca.monitoring;

import io.presenca.sync.CentralDatabase;

/** The central PostgreSQL can be reached (readiness only: records wait in SQLite while it is down). */
final class CentralDatabaseHealthCheck extends GatewayHealthCheck {

    private final CentralDatabase central;

    CentralDatabaseHealthCheck(CentralDatabase central) {
        super("postgresql", false);
        this.central = central;
    }

    @Override
    String problem() {
        try {
            central.checkReady();
            return null;
        } catch (RuntimeException e) {
            return e.getMessage() + "; records stay pending in SQLite (check POSTGRES_HOST, POSTGRES_PORT and the password)";
        }
    }
}
