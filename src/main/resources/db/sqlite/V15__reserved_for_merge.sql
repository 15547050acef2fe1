-- Placeholder on branch 'dash' only: version 15 belongs to another branch. At merge, drop this file
-- and keep the dash branch's script after the others (V16 dashboard roles).
SELECT 1;
