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

// Every match holds an `@`: a text without one is returned as it is, unscanned.
const maskAddresses = (text: string) => (text.includes('@') ? text.replace(emailAddress, '[address]') : text);

function withoutPersonalData(_key: string, value: unknown): unknown {
  if (typeof value === 'string') return maskAddresses(value);
  if (value && typeof value === 'object' && !Array.isArray(value))
    return Object.fromEntries(Object.entries(value).filter(([key]) => !isPersonalKey(key)));
  return value;
}

const isFlatValue = (value: unknown) =>
  value === null || (typeof value !== 'object' && typeof value !== 'function');

/** The JSON text of one event, stamped `at`, personal data removed. */
export function jsonLine(event: Record<string, unknown>, at: Date = new Date()): string {
  const stamped = { at: at.toISOString(), ...event };
  const entries = Object.entries(stamped);
  // Every line the intake writes (one per lead) is flat: the same filtering and masking done once
  // here, then `JSON.stringify` without a replacer, which costs a call per key (issue 20).
  if (!entries.every(([, value]) => isFlatValue(value))) return JSON.stringify(stamped, withoutPersonalData);
  return JSON.stringify(
    Object.fromEntries(
      entries
        .filter(([key]) => !isPersonalKey(key))
        .map(([key, value]) => [key, typeof value === 'string' ? maskAddresses(value) : value]),
    ),
  );
}
