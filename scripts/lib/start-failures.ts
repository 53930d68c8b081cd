/** A function that could not start locally, and why. */
export interface StartFailure {
  name: string;
  error: unknown;
}

/** A line for the terminal and how loudly to print it. */
export interface StartNote {
  level: 'info' | 'warn';
  text: string;
}

// parseEnv's line for a variable that is simply absent: "  - NAME: is not set".
const unsetVariable = /^\s*- ([A-Z][A-Z0-9_]*): is not set$/;

/**
 * Turns the functions that failed to start into terminal lines. Functions that only lack optional
 * configuration are the normal state of a fresh clone, so they share one info line naming the
 * variables to set; anything else (a malformed value, a crash) stays a warning of its own.
 */
export function summarizeStartFailures(failures: readonly StartFailure[]): StartNote[] {
  const unconfigured: string[] = [];
  const variables = new Set<string>();
  const notes: StartNote[] = [];
  for (const { name, error } of failures) {
    const lines = (error instanceof Error ? error.message : String(error)).split('\n');
    const problems = lines.filter((line) => line.trimStart().startsWith('- '));
    const missing = problems.map((line) => unsetVariable.exec(line)?.[1]);
    if (problems.length > 0 && missing.every((variable) => variable !== undefined)) {
      unconfigured.push(functionName(name));
      for (const variable of missing) if (variable) variables.add(variable);
      continue;
    }
    const reason = lines
      .map((line) => line.trim().replace(/^- /, ''))
      .filter((line) => line && !line.startsWith('See .env.example'))
      .join(' ');
    notes.push({
      level: 'warn',
      text: `! ${functionName(name)} did not start (its routes answer 404): ${reason}`,
    });
  }
  if (unconfigured.length > 0) {
    const names = [...variables].join(', ');
    notes.unshift({
      level: 'info',
      text: `i Optional, not configured: ${unconfigured.join(', ')} (routes answer 404 locally). To try them, set ${names} (see .env.example).`,
    });
  }
  return notes;
}

const functionName = (file: string) => file.replace(/\.mts$/, '');
