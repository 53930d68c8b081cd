/**
 * What the build bundles with the ops functions (`.floodgate/launch-forecasts.json`,
 * `.floodgate/content-report.json` and `.floodgate/launch-reviews.json`, see
 * `src/integrations/ops-bundle.ts`). Declared so type checks pass before the first build; the
 * functions parse them at the boundary, so `unknown` is enough.
 */
declare module '*/launch-forecasts.json' {
  const forecasts: unknown;
  export default forecasts;
}

declare module '*/content-report.json' {
  const report: unknown;
  export default report;
}

/** Chart.js's UMD build for `/ops/report/` (`{ source }`). */
declare module '*/chart-js.json' {
  const chartJs: unknown;
  export default chartJs;
}

declare module '*/launch-reviews.json' {
  const reviews: unknown;
  export default reviews;
}
