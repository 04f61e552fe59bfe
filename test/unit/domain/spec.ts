/**
 * A tiny given/when/then helper for the country decider, modelled on Emmett's DeciderSpecification:
 *   spec(t).given([facts...]).when(command).then(expectedFact) | .thenAccepts() | .thenThrows(code)
 * Given facts become StoredEvent fixtures of one country stream (fake hashes, deterministic ids);
 * every fixture and command is validated against the event catalogue first, so a test cannot pass
 * on data the API would reject.
 */
import type { Test } from 'tap';
import { eventDefinition, type CountryCommand, type EventType, type StoredEvent } from '../../../contracts/index.js';
import { decideCorrection, decideFact, replayCountry, type NewFact } from '../../../src/domain/index.js';
import { isAppError } from '../../../src/errors/catalogue.js';

export const COUNTRY = 'ET';
/** The deciders' "today" in these tests: fixed, and after every date the domain tests use. */
export const TODAY = '2030-12-31';
const FAKE_HASH = '0'.repeat(64);

/** Valid example data per event type; tests override only what matters to them. */
export const DEFAULT_DATA: Record<EventType, Record<string, unknown>> = {
  DialogueTrackOpened: { trackId: 'T1', title: 'NL-ET migration dialogue', level: 'senior-officials', format: 'NL-bilateral', parties: ['NL', 'ET'] },
  DialogueSessionHeld: { trackId: 'T1', outcomeSummary: 'Agreed to meet again.' },
  DialogueCommitmentRecorded: { commitmentId: 'C1', trackId: 'T1', owner: 'partner', description: 'Answer pending requests.' },
  DialogueCommitmentFulfilled: { commitmentId: 'C1' },
  DialogueCommitmentLapsed: { commitmentId: 'C1' },
  InstrumentNegotiationOpened: { instrumentId: 'I1', title: 'Readmission agreement', kind: 'EU-readmission-agreement', level: 'EU', legallyBinding: true },
  InstrumentAgreed: { instrumentId: 'I1' },
  InstrumentAdopted: { instrumentId: 'I1', textRef: 'OJ L 1', publiclyAvailable: true },
  InstrumentTermsRecorded: {
    instrumentId: 'I1',
    replyDeadline: { days: 30, dayKind: 'calendar' },
    acceptsEUTravelDocument: 'yes',
    acceptsCharter: 'yes',
    silenceMeansConsent: false,
    coversTCN: false,
  },
  InstrumentProvisionsApplicable: { instrumentId: 'I1', provisions: ['all'] },
  InstrumentReviewMeetingHeld: { instrumentId: 'I1', body: 'JRC', conclusions: 'Backlog discussed.' },
  InstrumentSuspensionDeclared: { instrumentId: 'I1', declaredBy: 'partner', reason: 'Political tension.', effect: 'observed-in-practice' },
  InstrumentResumed: { instrumentId: 'I1' },
  InstrumentTerminated: { instrumentId: 'I1' },
  InstrumentSuperseded: { instrumentId: 'I1', byInstrumentId: 'I2' },
  MemberStateNotificationSubmitted: { notificationId: 'N1', notifyingState: 'NL', indicatorsCited: ['c'] },
  NotificationExaminationConcluded: { notificationId: 'N1', finding: 'not-established' },
  CommissionAssessmentReported: { reportNo: 5, dataPeriod: '2023', finding: 'insufficient', documentRef: 'COM(2024) 1' },
  VisaMeasureProposed: { measureId: 'M1', legalBasis: '25a(5)(a)', provisions: ['14(6)', '16(5)(b)', '23(1)', '24(2)', '24(2c)'], scope: 'all-nationals', proposalRef: 'COM(2023) 568' },
  VisaMeasureAdopted: { measureId: 'M1', councilActRef: 'Implementing Decision (EU) 2024/1341' },
  VisaMeasureApplicable: { measureId: 'M1', applicableFrom: '2024-06-01' },
  VisaMeasureProgressReported: { measureId: 'M1', documentRef: 'COM(2024) 9' },
  VisaMeasureAmended: { measureId: 'M1', actRef: 'ID 2025/1', newProvisions: ['14(6)', '23(1)'] },
  VisaMeasureRenewed: { measureId: 'M1', actRef: 'ID 2025/2', newEnd: '2026-01-01' },
  VisaMeasureRepealed: { measureId: 'M1', repealActRef: 'ID 2025/3', ground: 'substantial-sustained-improvement' },
  VisaMeasureExpired: { measureId: 'M1' },
  VisaMeasureProposalWithdrawn: { measureId: 'M1' },
  IdentificationRequestSubmitted: { requestId: 'R1', caseRef: 'ab'.repeat(16), requestingState: 'NL', channel: 'embassy' },
  ConsularPresentationHeld: { requestId: 'R1' },
  IdentificationRequestAnswered: { requestId: 'R1', outcome: 'identified-national' },
  ReadmissionRequestSubmitted: { requestId: 'R1', caseRef: 'cd'.repeat(16), requestingState: 'NL', procedure: 'normal', personCategory: 'own-national' },
  ReadmissionRequestAnswered: { requestId: 'R1', outcome: 'accepted' },
  RequestDeadlineLapsed: { requestId: 'R1', deadline: '2024-02-01', deemedAccepted: false },
  TravelDocumentIssued: { requestId: 'R1', documentType: 'laissez-passer' },
  EUTravelDocumentPresented: { requestId: 'R1', accepted: true },
  ReadmissionTransferRecorded: { requestId: 'R1', admitted: true },
  ReturnOperationPlanned: { operationId: 'O1', mode: 'national-charter', plannedDate: '2024-05-01', plannedReturnees: 20, organiser: 'DT&V' },
  LandingPermitRequested: { operationId: 'O1' },
  LandingPermitGranted: { operationId: 'O1' },
  LandingPermitRefused: { operationId: 'O1' },
  ReturnOperationExecuted: { operationId: 'O1', returnees: 18, forced: 18, voluntary: 0 },
  ReturnOperationCancelled: { operationId: 'O1', cause: 'member-state-logistics' },
  PartnerMoratoriumDeclared: { moratoriumId: 'MOR1', scope: 'charter' },
  PartnerMoratoriumLifted: { moratoriumId: 'MOR1' },
  ReturnDecisionsReported: { period: '2023', reportingScope: 'NL', count: 1000, dataset: 'migr_eiord' },
  ReturnsReported: { period: '2023', reportingScope: 'NL', count: 100, destination: 'third-countries', returnType: 'all', dataset: 'migr_eirtn' },
  ReadmissionStatisticsReported: { period: '2023', reportingScope: 'NL', submitted: 100, accepted: 40, travelDocsIssued: 30, source: 'RCMS' },
  QualitativeAssessmentRecorded: { period: '2023', indicator: 'd-i', rating: 2, rationale: 'Slow answers.', assessor: 'desk ET' },
  EntryCorrected: { correctedEventId: '00000000-0000-4000-8000-000000000000', reason: 'Typo.', data: {} },
  EntryRetracted: { retractedEventId: '00000000-0000-4000-8000-000000000000', reason: 'Recorded in error.' },
  ScoringModelVersionPublished: {},
  PeriodClosed: { period: '2023' },
};

export interface FactInput {
  type: EventType;
  occurredOn: string;
  data: Record<string, unknown>;
  /** Fix the event id when a later correction must name it. */
  eventId?: string;
}

/** Validates `data` (defaults merged with overrides) against the catalogue and returns the parsed data. */
export function validData(type: EventType, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const merged: Record<string, unknown> = { ...DEFAULT_DATA[type], ...overrides };
  for (const [k, v] of Object.entries(merged)) if (v === undefined) delete merged[k];
  const def = eventDefinition(type);
  if (!def) throw new Error(`unknown type ${type}`);
  const parsed = def.data.safeParse(merged);
  if (!parsed.success) throw new Error(`fixture ${type} is not valid: ${parsed.error.message}`);
  return parsed.data as Record<string, unknown>;
}

/** A fact of `type` on `occurredOn` with default data plus `overrides` (undefined removes a default). */
export function fact(type: EventType, occurredOn: string, overrides: Record<string, unknown> = {}, eventId?: string): FactInput {
  return eventId === undefined ? { type, occurredOn, data: validData(type, overrides) } : { type, occurredOn, data: validData(type, overrides), eventId };
}

/** Deterministic v4-shaped UUIDs: eventUuid(7) = 00000000-0000-4000-8000-000000000007. */
export function eventUuid(n: number): string {
  return `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
}

/** Builds the StoredEvent envelopes of one country stream (revisions 0.., positions 1..). */
export function storedStream(facts: readonly FactInput[], country = COUNTRY, firstRevision = 0): StoredEvent[] {
  return facts.map((f, i) => storedEvent(f, firstRevision + i, country));
}

export function storedEvent(f: FactInput, revision: number, country = COUNTRY): StoredEvent {
  const countryOffset = country.charCodeAt(0) * 1_000_000 + country.charCodeAt(1) * 10_000;
  return {
    eventId: f.eventId ?? eventUuid(countryOffset + revision + 1),
    type: f.type,
    schemaVersion: eventDefinition(f.type)?.schemaVersion ?? 1,
    streamId: `country-${country}`,
    streamRevision: revision,
    position: revision + 1,
    country,
    occurredOn: f.occurredOn,
    recordedAt: `${f.occurredOn}T12:00:00.000Z`,
    recordedBy: 'desk-test',
    provenance: { sourceKind: 'nl-desk', reference: 'test fixture', evidenceStatus: 'confirmed' },
    data: f.data,
    prevHash: FAKE_HASH,
    hash: FAKE_HASH,
  };
}

export function command(type: EventType, occurredOn: string, overrides: Record<string, unknown> = {}): CountryCommand & { type: EventType } {
  return {
    type,
    occurredOn,
    data: validData(type, overrides),
    provenance: { sourceKind: 'nl-desk', reference: 'test command', evidenceStatus: 'confirmed' },
  };
}

/** Runs a command the way the command handler does: corrections against the history, the rest against the replayed state. */
export function decide(history: readonly StoredEvent[], cmd: CountryCommand, country = COUNTRY, today = TODAY): NewFact {
  if (cmd.type === 'EntryCorrected' || cmd.type === 'EntryRetracted') return decideCorrection(country, [...history], cmd, today);
  return decideFact(replayCountry(country, [...history]), cmd, today);
}

export function spec(t: Test) {
  return {
    given(history: readonly (FactInput | StoredEvent)[]) {
      const events = history.map((h, i) => ('streamRevision' in h ? h : storedEvent(h, i)));
      return {
        when(cmd: CountryCommand) {
          const run = () => decide(events, cmd);
          return {
            /** The command is accepted and yields exactly `expected`. */
            then(expected: NewFact) {
              t.same(run(), expected, `${cmd.type} yields the expected fact`);
            },
            /** The command is accepted and yields its own type, date and data. */
            thenAccepts() {
              let result: NewFact | undefined;
              try {
                result = run();
              } catch (err) {
                t.fail(`${cmd.type} should be accepted, got ${isAppError(err) ? `${err.code}: ${err.message}` : String(err)}`);
                return;
              }
              t.same(result, { type: cmd.type, occurredOn: cmd.occurredOn, data: cmd.data }, `${cmd.type} accepted`);
            },
            /** The command is refused with `code` (and a message matching `message`, if given). */
            thenThrows(code: string, message?: RegExp) {
              try {
                const fact = run();
                t.fail(`${cmd.type} should be refused with ${code}, but was accepted: ${JSON.stringify(fact.data)}`);
              } catch (err) {
                if (!isAppError(err)) throw err;
                t.equal(err.code, code, `${cmd.type} refused with ${code}: ${err.message}`);
                if (message) t.match(err.message, message);
              }
            },
          };
        },
      };
    },
  };
}
