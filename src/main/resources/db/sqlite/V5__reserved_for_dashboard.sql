-- Placeholder: V5 belongs to the dashboard branch (issue 7). Migrations refuse gaps, so this keeps
-- V6 applicable until that branch lands; when merging, take the dashboard's V5 instead of this file.
SELECT 1;
