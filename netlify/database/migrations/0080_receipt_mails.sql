-- Receipt mails (docs/double-opt-in.md, "Receipts"). A receipt of a double opt-in form must not go
-- out before the visitor confirms, yet the intake, which knows whether the form has a receipt in the
-- visitor's locale, writes its job: the row is written `waiting` (never claimed: it has no `due_at`,
-- and `lead_mails_due` holds pending rows only) and the confirmation's statement makes it `pending`.
-- Still no personal data in the row; it goes with its lead (ON DELETE CASCADE).
--
-- As in 0055/0056, the wider state CHECK is added NOT VALID (new rows only, at once) and validated
-- by 0081_validate_mail_states.sql in its own transaction, under a lock that lets writes go on.
ALTER TABLE lead_mails
  DROP CONSTRAINT lead_mails_state_check,
  ADD CONSTRAINT lead_mails_state_check CHECK (state IN ('waiting', 'pending', 'sent', 'dead')) NOT VALID;
