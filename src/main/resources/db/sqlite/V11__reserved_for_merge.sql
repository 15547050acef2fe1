-- Placeholder on branch 'day' only: version 11 belongs to another branch. At merge, drop this file and
-- renumber the day branch's scripts after the others (V13 lessons, V14 event outbox).
SELECT 1;
