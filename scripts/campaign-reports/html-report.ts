// The renderer moved to src/lib/campaigns/outcome/ (the ops function serves the same report).
export * from '../../src/lib/campaigns/outcome/html-report.ts';
