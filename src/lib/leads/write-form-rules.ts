import { mkdir, rename, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import type { FormConfigMap } from '../../schemas/lead.ts';

/** Write the form rules the lead function bundles. */
export const writeFormRulesFile = (file: string, rules: FormConfigMap) => writeBundledJson(file, rules);

/** Write a JSON file the lead function bundles; aside and renamed, so no reader sees half a file. */
export async function writeBundledJson(file: string, value: unknown): Promise<void> {
  const target = resolve(file);
  await mkdir(dirname(target), { recursive: true });
  await writeFile(`${target}.tmp`, `${JSON.stringify(value, null, 2)}\n`);
  await rename(`${target}.tmp`, target);
}
