import type { Scorecard } from '../../contracts/read-models.js';
import type { ReportManifest } from '../../contracts/reports.js';

/** One instrument (agreement, arrangement, SOP, MoU, ...) as it stood at the end of the report year. */
export interface ReportInstrument {
  instrumentId: string;
  title: string | null;
  kind: string | null;
  level: string | null;
  legallyBinding: boolean | null;
  statusAtYearEnd: string;
  inForceAtYearEnd: boolean;
  /** A declared suspension known by the year end; `effect` says whether it was only declared. */
  suspension: { declaredBy: string; declaredOn: string; effect: string; reason: string | null } | null;
  steps: { on: string; type: string; eventId: string }[];
}

export interface ReportVisaMeasure {
  measureId: string;
  legalBasis: string | null;
  provisions: string[];
  proposalRef: string | null;
  councilActRef: string | null;
  statusAtYearEnd: string;
  inForceAtYearEnd: boolean;
  steps: { on: string; type: string; eventId: string }[];
}

export interface ReportDialogueSession {
  eventId: string;
  trackId: string;
  trackTitle: string | null;
  on: string;
  location: string | null;
  topics: string[];
  outcomeSummary: string | null;
}

export interface ReportOperation {
  operationId: string;
  mode: string | null;
  status: string;
  plannedDate: string | null;
  plannedReturnees: number | null;
  executedOn: string | null;
  returnees: number | null;
  cancelledOn: string | null;
  cancelCause: string | null;
  partnerAttributable: boolean | null;
  eventIds: string[];
}

export interface ReportMoratorium {
  moratoriumId: string;
  scope: string | null;
  from: string;
  to: string | null;
  eventIds: string[];
}

export interface ReportEvidence {
  eventId: string;
  type: string;
  occurredOn: string;
  recordedAt: string;
  position: number;
  sourceKind: string;
  reference: string;
  url: string | null;
  evidenceStatus: string;
  /** recorded, corrected or retracted, as known at the cutoff. */
  status: string;
  correctedBy: string[];
}

export interface CountryReport {
  country: string;
  scorecard: Scorecard;
  instruments: ReportInstrument[];
  visaMeasures: ReportVisaMeasure[];
  dialogueSessions: ReportDialogueSession[];
  returnOperations: ReportOperation[];
  partnerMoratoria: ReportMoratorium[];
  dataGaps: string[];
  evidence: ReportEvidence[];
}

export interface AnnualReportBody {
  title: string;
  year: number;
  /** The day "in force at year end" is judged on: 31 December, or the cutoff day if earlier. */
  referenceDate: string;
  disclaimer: string;
  countries: CountryReport[];
}

export interface AnnualReport {
  manifest: ReportManifest;
  report: AnnualReportBody;
}
