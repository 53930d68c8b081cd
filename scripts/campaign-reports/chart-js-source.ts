// Moved to src/lib/campaigns/outcome/ (the build bundles it for the ops function's report).
export { chartJsSource } from '../../src/lib/campaigns/outcome/chart-js-source.ts';
