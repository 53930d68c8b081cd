-- Validates the state CHECK that 0080_receipt_mails.sql added NOT VALID: a scan of `lead_mails`
-- under SHARE UPDATE EXCLUSIVE (inserts and updates go on), in its own transaction.
ALTER TABLE lead_mails VALIDATE CONSTRAINT lead_mails_state_check;
