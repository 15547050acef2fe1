package io.presenca.sync.bench;

import io.presenca.store.Sql;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * After a bench run: is every record of every gateway in the central PostgreSQL exactly once, and
 * marked synced in the gateway's SQLite? A benchmark that loses or doubles records measures nothing.
 */
public final class StoredOnceCheck {

    private StoredOnceCheck() {
    }

    /** What is wrong, one line per gateway with a problem; empty when every record is stored once. */
    public static List<String> problems(List<SimulatedGateway> fleet, Connection central) throws SQLException {
        List<String> problems = new ArrayList<>();
        for (SimulatedGateway gateway : fleet) {
            List<String> made = gateway.recordIds();
            List<String> stored = Sql.list(central, "SELECT id::text FROM attendance_records WHERE device_id = ?",
                    row -> row.getString(1), gateway.deviceId());
            Set<String> storedOnce = new HashSet<>(stored);
            long missing = made.stream().filter(id -> !storedOnce.contains(id)).count();
            long synced = gateway.syncedLocally();
            if (missing > 0 || stored.size() != made.size() || synced != made.size()) {
                problems.add(String.format("gateway %s made %d records: %d missing in PostgreSQL, %d rows there,"
                        + " %d marked synced in SQLite", gateway.deviceId(), made.size(), missing, stored.size(), synced));
            }
        }
        return problems;
    }
}
