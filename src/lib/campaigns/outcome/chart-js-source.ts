import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/**
 * Chart.js's self-contained UMD build, to inline into a report so it opens from disk with no
 * network and no other file. The package exports no subpath for it, so it is found next to the
 * CommonJS entry point.
 */
export async function chartJsSource(): Promise<string> {
  const entry = createRequire(import.meta.url).resolve('chart.js');
  const source = await readFile(join(dirname(entry), 'chart.umd.min.js'), 'utf8');
  // The source map is not shipped with the report; drop the comment pointing at it.
  return source.replace(/\n\/\/# sourceMappingURL=.*\s*$/, '\n');
}
