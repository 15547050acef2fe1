-- Placeholder: central version 3 belongs to another branch (templates' model); the lead replaces it at merge.
SELECT 1;
