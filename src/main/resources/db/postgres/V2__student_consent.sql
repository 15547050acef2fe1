-- A guardian's consent to the processing of the student's face (LGPD art. 14), kept by the school and
-- copied down to the gateways with the student: who gave it, on which day, for what, and when it was
-- withdrawn. A gateway with REQUIRE_CONSENT=true matches only students whose consent is in force.
ALTER TABLE students ADD COLUMN consent_given_by text;
ALTER TABLE students ADD COLUMN consent_given_on date;
ALTER TABLE students ADD COLUMN consent_scope text;
ALTER TABLE students ADD COLUMN consent_revoked_on date;
