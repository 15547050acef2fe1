package io.presenca.store;

import java.util.Optional;

/** Dashboard users and their password hashes (never the passwords). */
public final class DashboardUserStore {

    private final Database db;

    public DashboardUserStore(Database db) {
        this.db = db;
    }

    /** Adds the user, or replaces their password hash; returns true when the user is new. */
    public boolean save(String name, String passwordHash) {
        return db.inTransaction(c -> {
            boolean exists = Sql.exists(c, "SELECT 1 FROM dashboard_users WHERE name = ?", name);
            if (exists) {
                Sql.update(c, "UPDATE dashboard_users SET password_hash = ?, updated_at = ? WHERE name = ?",
                        passwordHash, Timestamps.now(), name);
            } else {
                Sql.update(c, "INSERT INTO dashboard_users(name, password_hash, created_at, updated_at) VALUES (?, ?, ?, ?)",
                        name, passwordHash, Timestamps.now(), Timestamps.now());
            }
            return !exists;
        });
    }

    /** Removes the user; returns false when there was no such user. */
    public boolean remove(String name) {
        return db.withConnection(c -> Sql.update(c, "DELETE FROM dashboard_users WHERE name = ?", name)) > 0;
    }

    /** Sets the user's role and classes; false when there is no such user. */
    public boolean setAccess(String name, DashboardAccess access) {
        return db.withConnection(c -> Sql.update(c, "UPDATE dashboard_users SET role = ?, classes = ?, updated_at = ? WHERE name = ?",
                access.role().column(), access.classList(), Timestamps.now(), name)) > 0;
    }

    /** The user's role and classes; empty when there is no such user. */
    public Optional<DashboardAccess> access(String name) {
        return db.withConnection(c -> Sql.first(c, "SELECT role, classes FROM dashboard_users WHERE name = ?",
                row -> new DashboardAccess(DashboardAccess.Role.fromText(row.getString("role")),
                        DashboardAccess.parseClasses(row.getString("classes"))), name));
    }

    public boolean exists(String name) {
        return passwordHash(name).isPresent();
    }

    public Optional<String> passwordHash(String name) {
        return db.withConnection(c -> Sql.first(c, "SELECT password_hash FROM dashboard_users WHERE name = ?",
                row -> row.getString("password_hash"), name));
    }

    public long count() {
        return db.withConnection(c -> Sql.count(c, "SELECT count(*) FROM dashboard_users"));
    }
}
