/**
 * What the build bundles with the ops functions (`.floodgate/launch-forecasts.json` and
 * `.floodgate/content-report.json`, see `src/integrations/ops-bundle.ts`). Declared so type checks
 * pass before the first build; the functions parse both at the boundary, so `unknown` is enough.
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
