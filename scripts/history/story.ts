import { scoringModelV1 } from '../../projections/scoring/model-v1.js';
import type { Provenance } from '../../contracts/common.js';

/**
 * Realistic country stories for benchmark histories, built by construction: every lifecycle is
 * generated in an order and with dates the domain rules accept (a follow-up is never dated before
 * the fact it follows, ids never repeat, entities are in the state each rule needs). The generator
 * verifies a sample with the domain's own decide functions afterwards.
 */

/** A fact before it gets its envelope (stream revision, hash, recordedAt). */
export interface Draft {
  country: string | null;
  streamId: string;
  day: number; // days since 1970-01-01 (UTC)
  type: string;
  data: Record<string, unknown>;
  provenance: Provenance;
  eventId: string;
}

/** Small, fast, seeded PRNG (mulberry32): the same seed gives the same history. */
export class Random {
  private s: number;
  constructor(seed: number) {
    this.s = seed >>> 0;
  }
  next(): number {
    this.s = (this.s + 0x6d2b79f5) >>> 0;
    let t = this.s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)] as T;
  }
  hex(chars: number): string {
    let out = '';
    while (out.length < chars) out += ((this.next() * 0x100000000) >>> 0).toString(16).padStart(8, '0');
    return out.slice(0, chars);
  }
  /** A random (version 4, variant 10) UUID from this generator, so ids are reproducible. */
  uuid(): string {
    const h = this.hex(32);
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${'89ab'[this.int(0, 3)]}${h.slice(17, 20)}-${h.slice(20, 32)}`;
  }
}

const DAY_MS = 86_400_000;
const dateCache = new Map<number, string>();
export function isoDay(day: number): string {
  let s = dateCache.get(day);
  if (s === undefined) {
    s = new Date(day * DAY_MS).toISOString().slice(0, 10);
    dateCache.set(day, s);
  }
  return s;
}
export function dayOf(year: number, month = 1, date = 1): number {
  return Date.UTC(year, month - 1, date) / DAY_MS;
}

const DESK: Provenance = { sourceKind: 'nl-desk', reference: 'DT&V case register extract', evidenceStatus: 'confirmed' };
/** What a desk records when the register is incomplete: its own estimate. */
const DESK_ESTIMATE: Provenance = { sourceKind: 'nl-desk', reference: 'desk estimate, register incomplete', evidenceStatus: 'estimate' };
const RCMS: Provenance = { sourceKind: 'rcms', reference: 'RCMS monthly export', evidenceStatus: 'confirmed' };
const COMMISSION: Provenance = { sourceKind: 'commission', reference: 'COM(2023) 568', evidenceStatus: 'confirmed' };
const COUNCIL: Provenance = { sourceKind: 'council', reference: 'OJ L 2024/1341', evidenceStatus: 'confirmed' };
const EUROSTAT: Provenance = { sourceKind: 'eurostat', reference: 'migr_eiord, extracted 2025-03-01', evidenceStatus: 'secondary' };
const MEMBER_STATE: Provenance = { sourceKind: 'member-state', reference: 'Notification under Art. 25a(3)', evidenceStatus: 'reported' };

const MEMBER_STATES = ['NL', 'BE', 'DE', 'FR', 'LU', 'EU27_2020'] as const;

interface CountryMemory {
  /** The instrument requests refer to and reviews are held for. */
  instrumentId: string;
  instrumentStatus: 'InForce' | 'Suspended';
  trackId: string;
  nextCommitment: number;
  nextRequest: number;
  nextOperation: number;
  /** Visa-measure lifecycle position (a few countries only). */
  visa: { measureId: string; phase: number } | null;
  assessmentNo: number;
}

/** Everything generated for one country-year, plus what it needs to continue next year. */
export class CountryStory {
  private readonly mem: CountryMemory;
  private readonly streamId: string;

  constructor(
    readonly country: string,
    private readonly rnd: Random,
    private readonly index: number,
  ) {
    this.streamId = `country-${country}`;
    this.mem = {
      instrumentId: `${country}-EU-RA-1`,
      instrumentStatus: 'InForce',
      trackId: `${country}-NL-DIALOGUE`,
      nextCommitment: 1,
      nextRequest: 1,
      nextOperation: 1,
      visa: index % 3 === 0 ? { measureId: `${country}-25A-1`, phase: 0 } : null,
      assessmentNo: 1,
    };
  }

  private draft(out: Draft[], day: number, type: string, data: Record<string, unknown>, provenance: Provenance = DESK): Draft {
    const eventId = this.rnd.uuid();
    // About one desk fact in 32 is an estimate. Chosen by the event id, not by drawing again, so the
    // rest of a seed's history stays as it was.
    if (provenance === DESK && Number.parseInt(eventId.slice(-2), 16) < 8) provenance = DESK_ESTIMATE;
    const d: Draft = { country: this.country, streamId: this.streamId, day, type, data, provenance, eventId };
    out.push(d);
    return d;
  }

  /** The first facts of a country: a dialogue track and a readmission instrument in force. */
  opening(out: Draft[], year: number): void {
    const start = dayOf(year, 1, 1); // before any fact of the first year (stable sort keeps these first)
    const id = this.mem.instrumentId;
    this.draft(out, start, 'DialogueTrackOpened', {
      trackId: this.mem.trackId,
      title: `NL-${this.country} migration dialogue`,
      level: 'senior-officials',
      format: this.rnd.pick(['NL-bilateral', 'EU', 'Benelux', 'Team-Europe']),
      parties: ['NL', this.country],
    });
    this.draft(out, start, 'InstrumentNegotiationOpened', {
      instrumentId: id,
      title: `EU-${this.country} readmission agreement`,
      kind: 'EU-readmission-agreement',
      level: 'EU',
      legallyBinding: true,
      mandateRef: 'Council mandate 2013',
    }, COMMISSION);
    this.draft(out, start + 1, 'InstrumentAgreed', { instrumentId: id }, COMMISSION);
    this.draft(out, start + 2, 'InstrumentAdopted', { instrumentId: id, textRef: `OJ L ${year}/${100 + this.index}`, publiclyAvailable: true }, COUNCIL);
    this.draft(out, start + 3, 'InstrumentTermsRecorded', {
      instrumentId: id,
      replyDeadline: { days: 30, dayKind: 'calendar' },
      acceleratedReplyDeadline: { days: 2, dayKind: 'working' },
      transferWindowDays: 90,
      travelDocIssueDeadline: { days: 14, dayKind: 'calendar' },
      acceptsEUTravelDocument: this.rnd.pick(['yes', 'case-by-case', 'no']),
      acceptsCharter: this.rnd.pick(['yes', 'case-by-case', 'unknown']),
      silenceMeansConsent: this.index % 2 === 0,
      coversTCN: true,
    }, COMMISSION);
    this.draft(out, start + 3, 'InstrumentProvisionsApplicable', { instrumentId: id, provisions: ['all'] }, COMMISSION);
  }

  /**
   * One year of facts, about `budget` events. Facts may be dated up to ~2 months into the next
   * year (a request answered in January); the caller carries them over.
   */
  year(out: Draft[], year: number, budget: number, lastYear: boolean): void {
    const before = out.length;
    const y0 = dayOf(year);
    const yearDays = dayOf(year + 1) - y0;
    const r = this.rnd;
    const on = (fromDay: number, toDay: number) => y0 + r.int(fromDay, Math.min(toDay, yearDays - 1));

    // Dialogue: sessions and commitments, assessed a few months later.
    for (let i = 0; i < 3; i++) {
      this.draft(out, on(i * 120, i * 120 + 100), 'DialogueSessionHeld', {
        trackId: this.mem.trackId,
        location: r.pick(['The Hague', 'Brussels', 'capital of the partner']),
        participants: ['NL MFA', 'NL J&V', `${this.country} MFA`],
        topics: ['identification', 'return', 'legal pathways'],
        outcomeSummary: 'Agreed to follow up on pending identification requests.',
      });
    }
    for (let i = 0; i < 2; i++) {
      const commitmentId = `${this.country}-C-${this.mem.nextCommitment++}`;
      const recorded = on(30 + i * 150, 120 + i * 150);
      this.draft(out, recorded, 'DialogueCommitmentRecorded', {
        commitmentId,
        trackId: this.mem.trackId,
        owner: r.pick(['partner', 'NL', 'EU']),
        description: 'Reply to identification requests within the agreed deadline.',
        dueDate: isoDay(recorded + 120),
        indicatorLink: r.pick(['C', 'D1', 'D2']),
      });
      this.draft(out, recorded + r.int(60, 150), r.chance(0.6) ? 'DialogueCommitmentFulfilled' : 'DialogueCommitmentLapsed', { commitmentId });
    }

    // Instrument: a yearly review; now and then a suspension observed in practice, then resumption.
    const id = this.mem.instrumentId;
    if (r.chance(0.15)) {
      const declared = on(60, 150);
      this.draft(out, declared, 'InstrumentSuspensionDeclared', {
        instrumentId: id,
        declaredBy: 'partner',
        reason: 'Partner suspended cooperation after a political dispute.',
        effect: 'observed-in-practice',
      });
      this.draft(out, declared + 20, 'InstrumentReviewMeetingHeld', { instrumentId: id, body: 'JRC', conclusions: 'Parties discussed the suspension.' });
      this.draft(out, declared + r.int(40, 100), 'InstrumentResumed', { instrumentId: id });
    } else {
      this.draft(out, on(200, 300), 'InstrumentReviewMeetingHeld', { instrumentId: id, body: r.pick(['JRC', 'JWG', 'technical']), conclusions: 'Implementation reviewed; backlog noted.' });
    }

    // Visa-measure track (Art. 25a): notification, examination, Commission assessment every year.
    const notificationId = `${this.country}-N-${year}`;
    const notified = on(10, 120);
    this.draft(out, notified, 'MemberStateNotificationSubmitted', {
      notificationId,
      notifyingState: r.pick(MEMBER_STATES.slice(0, 5)),
      indicatorsCited: ['b', 'c', 'd-i'],
      summary: 'Persistent delays in identification.',
    }, MEMBER_STATE);
    this.draft(out, notified + r.int(30, 90), 'NotificationExaminationConcluded', {
      notificationId,
      finding: r.pick(['substantial-persistent-problems', 'not-established']),
    }, COMMISSION);
    this.draft(out, on(100, 200), 'CommissionAssessmentReported', {
      reportNo: Math.min(100, this.mem.assessmentNo++),
      dataPeriod: String(year - 1),
      finding: r.pick(['sufficient', 'insufficient', 'not-public']),
      documentRef: `C(${year}) ${1000 + this.index}`,
    }, COMMISSION);
    this.visaStep(out, year, y0);

    // Statistics for the previous year and the quarters of this one (a later report supersedes).
    const scopes = ['NL', 'EU27_2020'];
    const reportDay = on(60, 120);
    const stats: Draft[] = [];
    for (const scope of scopes) {
      stats.push(this.draft(out, reportDay, 'ReturnDecisionsReported', { period: String(year - 1), reportingScope: scope, count: r.int(200, 20_000), dataset: 'migr_eiord', extractedOn: isoDay(reportDay - 10) }, EUROSTAT));
      stats.push(this.draft(out, reportDay, 'ReturnsReported', { period: String(year - 1), reportingScope: scope, count: r.int(20, 4_000), destination: 'third-countries', returnType: 'all', dataset: 'migr_eirtn', ...(r.chance(0.2) ? { flags: 'p' } : {}) }, EUROSTAT));
      const submitted = r.int(50, 3_000);
      this.draft(out, reportDay, 'ReadmissionStatisticsReported', { period: String(year - 1), reportingScope: scope, submitted, accepted: r.int(0, submitted), travelDocsIssued: r.int(0, submitted), source: 'RCMS annual report' }, RCMS);
    }
    for (let q = 1; q <= 4; q++) {
      const qDay = on((q - 1) * 91 + 80, (q - 1) * 91 + 90);
      this.draft(out, qDay, 'ReturnDecisionsReported', { period: `${year}-Q${q}`, reportingScope: 'NL', count: r.int(50, 2_000), dataset: 'national' }, EUROSTAT);
      this.draft(out, qDay, 'ReturnsReported', { period: `${year}-Q${q}`, reportingScope: 'NL', count: r.int(5, 500), destination: 'third-countries', returnType: r.pick(['enforced', 'voluntary', 'all']), dataset: 'national' }, EUROSTAT);
    }
    for (const indicator of ['d-i', 'd-ii', 'd-iii', 'd-iv']) {
      this.draft(out, on(30, 90), 'QualitativeAssessmentRecorded', { period: String(year - 1), indicator, rating: r.int(0, 4), rationale: 'Desk assessment from case files.', assessor: 'NL desk' });
    }
    // Corrections: a figure corrected, a duplicate entry retracted (both later than their target).
    const [decisions, returns] = stats as [Draft, Draft];
    this.draft(out, reportDay + r.int(5, 40), 'EntryCorrected', {
      correctedEventId: decisions.eventId,
      reason: 'Eurostat revised the figure.',
      data: { ...decisions.data, count: (decisions.data['count'] as number) + r.int(1, 50) },
    }, EUROSTAT);
    if (r.chance(0.5)) {
      this.draft(out, reportDay + r.int(5, 40), 'EntryRetracted', { retractedEventId: returns.eventId, reason: 'Recorded twice by mistake.' });
    }

    // Moratorium now and then; return operations; then requests fill the rest of the budget.
    if (r.chance(0.12) && !lastYear) {
      const declared = on(30, 200);
      const moratoriumId = `${this.country}-M-${year}`;
      this.draft(out, declared, 'PartnerMoratoriumDeclared', { moratoriumId, scope: r.pick(['charter', 'forced', 'all']), reason: 'Partner halted forced returns.' }, { ...DESK, sourceKind: 'press', evidenceStatus: 'reported' });
      this.draft(out, declared + r.int(30, 120), 'PartnerMoratoriumLifted', { moratoriumId });
    }
    const operations = Math.max(2, Math.round(budget / 120));
    for (let i = 0; i < operations; i++) this.operation(out, on(0, 330));
    // Requests are most of the history, as in reality.
    while (out.length - before < budget) {
      if (r.chance(0.45)) this.identificationRequest(out, on(0, 330));
      else this.readmissionRequest(out, on(0, 330));
    }
  }

  private visaStep(out: Draft[], year: number, y0: number): void {
    const v = this.mem.visa;
    if (!v) return;
    const r = this.rnd;
    const d = (n: number) => y0 + n;
    switch (v.phase % 4) {
      case 0: // a restrictive 25a(5)(a) measure proposed, adopted and applicable
        this.draft(out, d(40), 'VisaMeasureProposed', { measureId: v.measureId, legalBasis: '25a(5)(a)', provisions: ['14(6)', '16(5)(b)', '24(2)'], scope: 'all-nationals', proposalRef: `COM(${year}) 5${this.index}` }, COMMISSION);
        this.draft(out, d(120), 'VisaMeasureAdopted', { measureId: v.measureId, councilActRef: `Implementing Decision (EU) ${year}/${1300 + this.index}`, publishedOn: isoDay(d(125)) }, COUNCIL);
        this.draft(out, d(150), 'VisaMeasureApplicable', { measureId: v.measureId, applicableFrom: isoDay(d(150)) }, COUNCIL);
        break;
      case 1: // progress, an amendment; an escalation proposed and withdrawn
        this.draft(out, d(60), 'VisaMeasureProgressReported', { measureId: v.measureId, documentRef: `COM(${year}) 7${this.index}` }, COMMISSION);
        this.draft(out, d(90), 'VisaMeasureAmended', { measureId: v.measureId, actRef: `Implementing Decision (EU) ${year}/${1400 + this.index}`, newProvisions: ['14(6)', '16(5)(b)', '24(2)', '24(2c)'] }, COUNCIL);
        this.draft(out, d(100), 'VisaMeasureProposed', { measureId: `${v.measureId}-B`, legalBasis: '25a(5)(b)', provisions: ['16(2a)-higher'], fee: { amount: 120, currency: 'EUR' }, scope: 'all-nationals', proposalRef: `COM(${year}) 8${this.index}` }, COMMISSION);
        this.draft(out, d(200), 'VisaMeasureProposalWithdrawn', { measureId: `${v.measureId}-B`, reason: 'Cooperation improved.' }, COMMISSION);
        break;
      case 2: // repeal after sustained improvement
        this.draft(out, d(80), 'VisaMeasureRepealed', { measureId: v.measureId, repealActRef: `Implementing Decision (EU) ${year}/${1500 + this.index}`, ground: 'substantial-sustained-improvement' }, COUNCIL);
        break;
      case 3: { // a positive 25a(8) measure: applicable for 12 months, renewed, expired next year
        const id = `${v.measureId}-P`;
        this.draft(out, d(30), 'VisaMeasureProposed', { measureId: id, legalBasis: '25a(8)', provisions: ['24(2)', '16(2a)-lower'], scope: 'categories', categories: ['students'], proposalRef: `COM(${year}) 9${this.index}` }, COMMISSION);
        this.draft(out, d(60), 'VisaMeasureAdopted', { measureId: id, councilActRef: `Implementing Decision (EU) ${year}/${1600 + this.index}` }, COUNCIL);
        this.draft(out, d(70), 'VisaMeasureApplicable', { measureId: id, applicableFrom: isoDay(d(70)), plannedEnd: isoDay(d(70 + 180)) }, COUNCIL);
        this.draft(out, d(240), 'VisaMeasureRenewed', { measureId: id, actRef: `Implementing Decision (EU) ${year}/${1700 + this.index}`, newEnd: isoDay(d(70 + 180 + 90)) }, COUNCIL);
        this.draft(out, d(70 + 180 + 90 + r.int(0, 5)), 'VisaMeasureExpired', { measureId: id }, COUNCIL);
        // next cycle with new ids
        v.measureId = `${this.country}-25A-${year + 1}`;
        break;
      }
    }
    v.phase++;
  }

  private operation(out: Draft[], planned: number): void {
    const r = this.rnd;
    const operationId = `${this.country}-OP-${this.mem.nextOperation++}`;
    const plannedReturnees = r.int(1, 60);
    const mode = r.pick(['national-charter', 'joint-charter-Frontex', 'scheduled-escorted', 'scheduled-unescorted', 'assisted-voluntary'] as const);
    this.draft(out, planned, 'ReturnOperationPlanned', { operationId, mode, plannedDate: isoDay(planned + 30), plannedReturnees, organiser: mode === 'joint-charter-Frontex' ? 'Frontex' : 'DT&V' });
    let day = planned;
    if (mode.includes('charter')) {
      day += r.int(1, 10);
      this.draft(out, day, 'LandingPermitRequested', { operationId });
      day += r.int(1, 10);
      if (r.chance(0.15)) {
        this.draft(out, day, 'LandingPermitRefused', { operationId, reason: 'No reason given.' });
        return;
      }
      this.draft(out, day, 'LandingPermitGranted', { operationId });
    }
    day = planned + 30;
    if (r.chance(0.1)) {
      this.draft(out, day - r.int(0, 5), 'ReturnOperationCancelled', { operationId, cause: r.pick(['partner-refusal', 'member-state-logistics', 'legal-obstacle', 'partner-moratorium']) });
      return;
    }
    const returnees = r.int(0, plannedReturnees);
    const forced = mode === 'assisted-voluntary' ? 0 : r.int(0, returnees);
    this.draft(out, day, 'ReturnOperationExecuted', { operationId, returnees, forced, voluntary: returnees - forced });
    if (r.chance(0.3)) this.draft(out, day, 'EUTravelDocumentPresented', { operationId, accepted: r.chance(0.7) });
  }

  private nextRequestId(kind: 'IR' | 'RR', day: number): string {
    return `${this.country}-${kind}-${isoDay(day).slice(0, 4)}-${this.mem.nextRequest++}`;
  }

  private identificationRequest(out: Draft[], submitted: number): void {
    const r = this.rnd;
    const requestId = this.nextRequestId('IR', submitted);
    this.draft(out, submitted, 'IdentificationRequestSubmitted', {
      requestId,
      caseRef: r.hex(32),
      requestingState: r.chance(0.8) ? 'NL' : r.pick(MEMBER_STATES.slice(1, 5)),
      channel: r.pick(['RCMS', 'embassy', 'consular-presentation', 'paper']),
      ...(r.chance(0.7) ? { instrumentId: this.mem.instrumentId } : {}),
    }, RCMS);
    let day = submitted;
    if (r.chance(0.3)) {
      day += r.int(3, 20);
      this.draft(out, day, 'ConsularPresentationHeld', { requestId });
    }
    if (r.chance(0.1)) return; // still open
    day += r.int(2, 45);
    const outcome = r.next() < 0.6 ? 'identified-national' : r.chance(0.5) ? 'not-national' : 'inconclusive';
    this.draft(out, day, 'IdentificationRequestAnswered', { requestId, outcome }, RCMS);
    if (outcome === 'identified-national' && r.chance(0.7)) {
      this.draft(out, day + r.int(1, 20), 'TravelDocumentIssued', { requestId, documentType: r.pick(['passport', 'emergency-travel-document', 'laissez-passer']), validityDays: 30 }, RCMS);
    }
  }

  private readmissionRequest(out: Draft[], submitted: number): void {
    const r = this.rnd;
    const requestId = this.nextRequestId('RR', submitted);
    // Drawn in the order the fields were before (same history for the same seed).
    const caseRef = r.hex(32);
    const procedure = r.chance(0.85) ? 'normal' : 'accelerated';
    const personCategory = r.chance(0.9) ? 'own-national' : r.pick(['TCN', 'stateless']);
    const viaInstrument = r.chance(0.8);
    this.draft(out, submitted, 'ReadmissionRequestSubmitted', {
      requestId,
      caseRef,
      requestingState: 'NL',
      procedure,
      personCategory,
      ...(viaInstrument ? { instrumentId: this.mem.instrumentId } : {}),
    }, RCMS);
    const p = r.next();
    let accepted = false;
    let day = submitted;
    if (p < 0.1) return; // still open
    if (p < 0.25) {
      // The deadline lapsed; deemed accepted or overdue (and sometimes answered late).
      const deadline = submitted + 30;
      // Silence is consent only where the instrument's terms say so (every other country's).
      const deemed = r.chance(0.5) && (!viaInstrument || this.index % 2 === 0);
      day = deadline + r.int(0, 5);
      this.draft(out, day, 'RequestDeadlineLapsed', { requestId, deadline: isoDay(deadline), deemedAccepted: deemed });
      if (deemed) accepted = true;
      else if (r.chance(0.5)) {
        day += r.int(1, 30);
        const outcome = r.pick(['accepted', 'rejected'] as const);
        this.draft(out, day, 'ReadmissionRequestAnswered', { requestId, outcome, ...(outcome === 'rejected' ? { rejectionReason: 'Nationality not established.' } : {}) }, RCMS);
        accepted = outcome === 'accepted';
      }
    } else {
      day += r.int(2, 40);
      const outcome = r.next() < 0.65 ? 'accepted' : r.chance(0.5) ? 'rejected' : 'partially-accepted';
      this.draft(out, day, 'ReadmissionRequestAnswered', { requestId, outcome, ...(outcome === 'rejected' ? { rejectionReason: 'Nationality not established.' } : {}) }, RCMS);
      accepted = outcome !== 'rejected';
    }
    if (!accepted) return;
    if (r.chance(0.6)) {
      day += r.int(1, 14);
      this.draft(out, day, 'TravelDocumentIssued', { requestId, documentType: 'emergency-travel-document', validityDays: 30 }, RCMS);
    } else if (r.chance(0.3)) {
      day += r.int(1, 14);
      this.draft(out, day, 'EUTravelDocumentPresented', { requestId, accepted: r.chance(0.6) });
    }
    if (r.chance(0.7)) {
      day += r.int(1, 30);
      const admitted = r.chance(0.95);
      this.draft(out, day, 'ReadmissionTransferRecorded', { requestId, admitted, ...(admitted ? {} : { refusalReason: 'Refused at the border.' }) }, DESK);
    }
  }
}

/** Governance: the scoring model once, closed periods every year. */
export function governanceDrafts(out: Draft[], rnd: Random, year: number, first: boolean): void {
  const mk = (streamId: string, day: number, type: string, data: Record<string, unknown>) =>
    out.push({ country: null, streamId, day, type, data, provenance: { sourceKind: 'nl-desk', reference: 'Scoring board decision', evidenceStatus: 'confirmed' }, eventId: rnd.uuid() });
  if (first) mk('scoring-models', dayOf(year, 1, 1), 'ScoringModelVersionPublished', { model: scoringModelV1, approvedBy: 'Scoring board', note: 'Default model.' });
  mk('reporting-periods', dayOf(year, 3, 31), 'PeriodClosed', { period: String(year - 1), dataCutoff: isoDay(dayOf(year, 3, 15)) });
  for (let q = 1; q <= 3; q++) mk('reporting-periods', dayOf(year, q * 3 + 1, 20), 'PeriodClosed', { period: `${year}-Q${q}` });
}
