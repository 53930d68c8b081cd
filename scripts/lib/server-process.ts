import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { z } from 'zod';

const ServerInfoSchema = z.object({
  url: z.url(),
  database: z.object({ url: z.string(), directory: z.string() }),
});

/** A local server script (`startLocalServer` + its extras) running in a child process. */
export interface ServerProcess extends z.infer<typeof ServerInfoSchema> {
  stop(): Promise<void>;
}

/**
 * Start `script` (which prints one JSON line `{ url, database }` once it listens) with `env` and
 * `databaseDirectory`, and wait for that line. The load generator then has the process to itself. Its
 * stderr (e.g. functions that need variables a load test does not set) is shown only if it fails
 * to start.
 */
export async function startServerProcess(
  script: string,
  databaseDirectory: string,
  env: Record<string, string | undefined>,
): Promise<ServerProcess> {
  const child = spawn(process.execPath, [script, databaseDirectory], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let errors = '';
  child.stderr.on('data', (chunk: Buffer) => (errors = `${errors}${chunk.toString()}`.slice(-4000)));
  const info = await new Promise<z.infer<typeof ServerInfoSchema>>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`${script} exited with ${code}:\n${errors}`)));
    // The first JSON line is the server's address; later ones (a drainer's log lines) are not.
    const lines = createInterface({ input: child.stdout });
    const onLine = (line: string) => {
      if (!line.startsWith('{')) return;
      lines.off('line', onLine);
      const parsed = ServerInfoSchema.safeParse(JSON.parse(line));
      if (parsed.success) resolve(parsed.data);
      else reject(parsed.error);
    };
    lines.on('line', onLine);
  });
  child.removeAllListeners('exit');
  return {
    ...info,
    stop: async () => {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      await new Promise((done) => child.once('exit', done));
    },
  };
}
