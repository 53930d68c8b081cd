import { z } from 'zod';

/** Netlify's deploy context and Node's mode: the two ways a process learns it serves real visitors. */
export const RuntimeContextShape = {
  CONTEXT: z.string().optional(),
  NODE_ENV: z.string().optional(),
};

/** True on Netlify's production context or under NODE_ENV=production, where secrets are mandatory. */
export const isProductionEnv = (env: { CONTEXT?: string; NODE_ENV?: string }) =>
  env.CONTEXT === 'production' || env.NODE_ENV === 'production';
