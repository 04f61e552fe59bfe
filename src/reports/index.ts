export { buildAnnualReport, type AnnualReportOptions } from './build-annual-report.js';
export { checkContentHash, contentHash, REPORT_FORMAT_VERSION } from './manifest.js';
export { renderReport, reportFileName, REPORT_CONTENT_TYPES } from './render.js';
export type * from './types.js';
