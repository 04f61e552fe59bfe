import type { z } from 'zod';
import type * as C from '../../contracts/annual-report.js';

/** The annual report's parts, as contracts/annual-report.ts defines them (the API document shows the same). */
export type ReportInstrument = z.infer<typeof C.ReportInstrument>;
export type ReportVisaMeasure = z.infer<typeof C.ReportVisaMeasure>;
export type ReportDialogueSession = z.infer<typeof C.ReportDialogueSession>;
export type ReportOperation = z.infer<typeof C.ReportOperation>;
export type ReportMoratorium = z.infer<typeof C.ReportMoratorium>;
export type ReportEvidence = z.infer<typeof C.ReportEvidence>;
export type CountryReport = z.infer<typeof C.CountryReport>;
export type AnnualReportBody = z.infer<typeof C.AnnualReportBody>;
export type AnnualReport = z.infer<typeof C.AnnualReport>;
