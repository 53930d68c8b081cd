-- Every consent text a version stood for (docs/consent.md). A lead's `payload.consent.version` is
-- `<entry id>:<locale>:<16 hex of sha256(text)>` (src/lib/consent/consent-version.ts); this row
-- keeps the exact words behind it, so the version resolves to them after the wording changes.
-- Written once per version (INSERT … ON CONFLICT DO NOTHING) from the texts the build bundles:
-- never updated, never deleted. No personal data: the texts are content.
CREATE TABLE consent_texts (
  version text PRIMARY KEY,
  entry_id text NOT NULL,
  locale text NOT NULL,
  -- The words as the form showed them, the privacy link written as `[words](/path/)`.
  text text NOT NULL,
  -- The full SHA-256 (hex) of `text` after NFC and trimming; the version holds its first 16 digits.
  sha256 text NOT NULL,
  -- The privacy page the text linked to; NULL when it had none (a content error the build reports).
  privacy_url text,
  first_seen_at timestamptz NOT NULL DEFAULT now()
);

-- A DPO's question "which texts did this form entry show over time?".
CREATE INDEX consent_texts_entry ON consent_texts (entry_id, locale, first_seen_at);
