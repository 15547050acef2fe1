-- Placeholder on the sync branch only: version 2 is the review queue, added on main at the same
-- time. When merging, keep main's V2 script and drop this file and its line in migrations.txt.
SELECT 1;
