import { jsonLine } from '../log/json-line.ts';

/** One JSON line per notable ops event (alert sent, action taken), with no PII, for Netlify's log drains. */
export type OpsLog = (event: { event: string } & Record<string, unknown>) => void;

/** The default sink: one JSON line on stdout. */
export const opsLog =
  (write: (line: string) => void = (line) => console.log(line)): OpsLog =>
  (event) =>
    write(jsonLine(event));
