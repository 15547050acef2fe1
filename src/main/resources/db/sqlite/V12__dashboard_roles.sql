-- Dashboard roles: an admin sees every class and may void records; a teacher sees only the classes
-- listed (comma-separated, e.g. '5A,5B'). Users added before roles existed were all-seeing, so they
-- stay admins.
ALTER TABLE dashboard_users ADD COLUMN role TEXT NOT NULL DEFAULT 'admin' CHECK (role IN ('admin', 'teacher'));
ALTER TABLE dashboard_users ADD COLUMN classes TEXT NOT NULL DEFAULT '';
