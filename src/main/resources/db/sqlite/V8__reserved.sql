-- Placeholder so this branch's V9 applies (the list allows no gaps): version 8 belongs to the omz branch
-- (template model names). At merge, drop this file and its line in migrations.txt and keep theirs.
SELECT 1;
