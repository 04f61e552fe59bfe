/**
 * Status of an instrument or a visa measure on a reference date, from its step history (pure).
 * The read models hold the latest state; a report for an earlier year needs the state then.
 */

const INSTRUMENT_STATUS: Record<string, string> = {
  InstrumentNegotiationOpened: 'negotiating',
  InstrumentAgreed: 'agreed',
  InstrumentAdopted: 'adopted',
  InstrumentProvisionsApplicable: 'in-force',
  InstrumentResumed: 'in-force',
  InstrumentTerminated: 'terminated',
  InstrumentSuperseded: 'superseded',
};

const MEASURE_STATUS: Record<string, string> = {
  VisaMeasureProposed: 'proposed',
  VisaMeasureAdopted: 'adopted',
  VisaMeasureApplicable: 'in-force',
  VisaMeasureRepealed: 'repealed',
  VisaMeasureExpired: 'expired',
  VisaMeasureProposalWithdrawn: 'withdrawn',
};

export interface Step {
  on: string;
  type: string;
  eventId: string;
}

/** Steps on or before `date`, in date order (stable for equal dates). */
export function stepsUntil(history: readonly Step[] | undefined, date: string): Step[] {
  return (history ?? []).filter((s) => s.on <= date).map((s, i) => ({ s, i })).sort((a, b) => (a.s.on < b.s.on ? -1 : a.s.on > b.s.on ? 1 : a.i - b.i)).map(({ s }) => s);
}

/**
 * Instrument status at the end of `steps`. A suspension only changes it when it was observed in
 * practice (`suspensionObserved`); a declared-only suspension (Turkey, July 2019) leaves it in force.
 */
export function instrumentStatusAt(steps: readonly Step[], suspensionObserved: (step: Step) => boolean): string {
  let status = 'unknown';
  for (const s of steps) {
    if (s.type === 'InstrumentSuspensionDeclared') {
      if (suspensionObserved(s)) status = 'suspended';
    } else status = INSTRUMENT_STATUS[s.type] ?? status;
  }
  return status;
}

export function measureStatusAt(steps: readonly Step[]): string {
  let status = 'unknown';
  for (const s of steps) status = MEASURE_STATUS[s.type] ?? status;
  return status;
}
