/**
 * One log line as JSON, with a timestamp, for Netlify's log drains. Lines carry ids, counts and
 * outcomes, never personal data; this is the last guard should a caller pass some by mistake (a
 * store error quoting a value, a field map): a key that names personal data is dropped, and an
 * e-mail address inside any text is masked. Checked by tests/unit/json-line.test.ts.
 */
const personalKeys = new Set(
  [
    'email',
    'e-mail',
    'mail',
    'name',
    'firstname',
    'lastname',
    'fullname',
    'phone',
    'address',
    'fields',
    'payload',
    'ip',
    'useragent',
    'message',
  ].map((key) => key.replaceAll(/[-_]/g, '')),
);

// Local part, @, a domain with a dot: what an address looks like inside any text.
const emailAddress = /[^\s@"'<>(),;:]+@[^\s@"'<>(),;:]+\.[^\s@"'<>(),;:]+/g;

const isPersonalKey = (key: string) => personalKeys.has(key.toLowerCase().replaceAll(/[-_]/g, ''));

function withoutPersonalData(_key: string, value: unknown): unknown {
  if (typeof value === 'string') return value.replace(emailAddress, '[address]');
  if (value && typeof value === 'object' && !Array.isArray(value))
    return Object.fromEntries(Object.entries(value).filter(([key]) => !isPersonalKey(key)));
  return value;
}

/** The JSON text of one event, stamped `at`, personal data removed. */
export const jsonLine = (event: Record<string, unknown>, at: Date = new Date()): string =>
  JSON.stringify({ at: at.toISOString(), ...event }, withoutPersonalData);
