-- Validates the state CHECK that 0055_double_opt_in.sql added NOT VALID: a scan of `leads` under
-- SHARE UPDATE EXCLUSIVE (reads, inserts and updates go on), in its own transaction (each
-- migration is one), so the brief ACCESS EXCLUSIVE lock of 0055 is not held during the scan.
ALTER TABLE leads VALIDATE CONSTRAINT leads_state_check;
