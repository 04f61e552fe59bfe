import type { ReportFormat } from '../../contracts/reports.js';
import { renderCsv } from './render-csv.js';
import { renderHtml } from './render-html.js';
import { renderJson } from './render-json.js';
import { renderMarkdown } from './render-md.js';
import type { AnnualReport, AnnualReportBody } from './types.js';

export const REPORT_CONTENT_TYPES: Record<ReportFormat, string> = {
  json: 'application/json; charset=utf-8',
  csv: 'text/csv; charset=utf-8; header=present',
  md: 'text/markdown; charset=utf-8',
  html: 'text/html; charset=utf-8',
};

/**
 * The last answer rendered from each body in each format, by the content hash it carries: a kept
 * body asked for again with the same manifest is not rendered again.
 */
const lastAnswers = new WeakMap<AnnualReportBody, Partial<Record<ReportFormat, { contentHash: string; bytes: Buffer }>>>();

/** The report in one format, UTF-8: a pure function of the report, so equal reports give equal bytes. */
export function renderReport(report: AnnualReport, format: ReportFormat): Buffer {
  let answers = lastAnswers.get(report.report);
  if (answers === undefined) lastAnswers.set(report.report, (answers = {}));
  const last = answers[format];
  if (last?.contentHash === report.manifest.contentHash) return last.bytes;
  const bytes = render(report, format);
  answers[format] = { contentHash: report.manifest.contentHash, bytes };
  return bytes;
}

function render(report: AnnualReport, format: ReportFormat): Buffer {
  switch (format) {
    case 'json':
      return renderJson(report);
    case 'csv':
      return Buffer.from(renderCsv(report));
    case 'md':
      return Buffer.from(renderMarkdown(report));
    case 'html':
      return Buffer.from(renderHtml(report));
  }
}

export function reportFileName(report: AnnualReport, format: ReportFormat): string {
  return `annual-report-${report.manifest.year}-asof-${report.manifest.asOf.replace(/[:.]/g, '')}.${format}`;
}
