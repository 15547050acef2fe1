-- People who may log in to the dashboard, besides the admin of DASHBOARD_ADMIN_PASSWORD. Only a salted
-- PBKDF2 hash of each password is kept: pbkdf2-sha256$<iterations>$<salt, base64>$<hash, base64>.
CREATE TABLE dashboard_users (
    name           TEXT PRIMARY KEY,
    password_hash  TEXT NOT NULL,
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL
);
