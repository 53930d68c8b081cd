import type { ParseArgsOptionsConfig } from 'node:util';

/** The flags `leads:pause` and `leads:resume` share. */
export const pauseCliOptions: ParseArgsOptionsConfig = {
  lane: { type: 'string' },
  campaign: { type: 'string' },
  form: { type: 'string' },
};

export const pauseUsage = (script: string) =>
  `npm run ${script} -- --lane <urgent|normal|bulk> | --campaign <key> | --form <form id>`;
