package io.presenca.store;

import java.time.Instant;
import java.util.Optional;

/** Devices and when they were last seen. */
public final class DeviceStore {
    private final Database db;

    public DeviceStore(Database db) {
        this.db = db;
    }

    /**
     * Records that the device is alive: inserts it, or updates its version and last-seen time.
     * A null name keeps the name already known.
     */
    public void register(String deviceId, String name, String appVersion) {
        if (deviceId == null || deviceId.isBlank()) {
            throw new IllegalArgumentException("A device id is required (got '" + deviceId + "')");
        }
        Instant now = Timestamps.now();
        db.withConnection(c -> Sql.update(c, """
                INSERT INTO devices(id, name, app_version, registered_at, last_seen_at) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT(id) DO UPDATE SET
                    name = coalesce(excluded.name, devices.name),
                    app_version = excluded.app_version, last_seen_at = excluded.last_seen_at""",
                deviceId, name, appVersion, now, now));
    }

    public Optional<Device> find(String deviceId) {
        return db.withConnection(c -> Sql.first(c,
                "SELECT id, name, app_version, registered_at, last_seen_at FROM devices WHERE id = ?",
                row -> new Device(row.getString("id"), row.getString("name"), row.getString("app_version"),
                        Sql.instant(row, "registered_at"), Sql.instant(row, "last_seen_at")),
                deviceId));
    }
}
