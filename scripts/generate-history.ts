/**
 * Generates a realistic event history straight into a SQLite event-store file (`npm run generate`).
 *
 *   node --import tsx scripts/generate-history.ts --events 1000000 --out tmp/bench/history-1000000.sqlite
 *     [--countries ET,SO,TN,DZ,TR,NG,GH,SN,IQ,PK,BD,MA] [--years 11] [--to-year 2025] [--seed 7]
 *     [--verify 3]   (replay that many country streams through the domain afterwards; 0 = none)
 *
 * All event families, every country a story over years: dialogue sessions and commitments, a
 * readmission instrument (reviews, suspensions), the Art. 25a track (notifications, assessments,
 * visa measures through their lifecycle), statistics with corrections and retractions, return
 * operations and moratoria, and, as in reality, mostly identification and readmission requests.
 */
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { CountryStory, Random, governanceDrafts, dayOf, type Draft } from './history/story.js';
import { verifyHistory } from './history/verify.js';
import { HistoryWriter } from './history/write.js';
import { parseCommandLine } from './lib/command-line.js';

const USAGE = `Usage:
  npm run generate -- [--events 1000000] [--out FILE] [--countries ET,SO,...] [--years 11] [--to-year YYYY] [--seed 7] [--verify 2] [--force]
Writes a realistic history into a new SQLite event log (default tmp/bench/history-<events>.sqlite).
`;

export const DEFAULT_COUNTRIES = ['ET', 'SO', 'TN', 'DZ', 'TR', 'NG', 'GH', 'SN', 'IQ', 'PK', 'BD', 'MA'];

/** Bump when the generator writes other events for the same options: histories cached by name are then made again. */
export const HISTORY_VERSION = 3; // 2: one desk fact in 32 marked as an estimate; 3: deemed consent only where the terms allow it

/** Where a history of `events` events is kept under tmp/bench (what the benchmark reuses). */
export const historyFileName = (events: number) => `history-${events}-v${HISTORY_VERSION}.sqlite`;

export interface GenerateOptions {
  events: number;
  out: string;
  countries?: readonly string[];
  years?: number;
  toYear?: number;
  seed?: number;
  /** Country streams to replay through the domain afterwards (0: none). */
  verify?: number;
  /** Replace an existing file. */
  force?: boolean;
}

export interface GenerateResult {
  path: string;
  events: number;
  streams: number;
  byType: Record<string, number>;
  firstDay: string;
  lastDay: string;
  seconds: number;
  verified: { streams: string[]; events: number } | null;
}

export async function generateHistory(options: GenerateOptions): Promise<GenerateResult> {
  const started = process.hrtime.bigint();
  const countries = options.countries ?? DEFAULT_COUNTRIES;
  const years = options.years ?? 11;
  const toYear = options.toYear ?? new Date().getUTCFullYear() - 1;
  const fromYear = toYear - years + 1;
  const path = resolve(options.out);
  if (existsSync(path)) {
    if (!options.force) throw new Error(`${path} exists (use --force to replace it)`);
    for (const suffix of ['', '-wal', '-shm']) rmSync(path + suffix, { force: true });
  }
  mkdirSync(dirname(path), { recursive: true });

  const rnd = new Random(options.seed ?? 7);
  const stories = countries.map((c, i) => new CountryStory(c, rnd, i));
  // ~2 % slack so that the facts carried past the last year do not leave the file short.
  const perCountryYear = Math.max(1, Math.ceil((options.events * 1.02) / (countries.length * years)));
  const writer = new HistoryWriter(path);
  const byType: Record<string, number> = {};
  const streams = new Set<string>();
  let carried: Draft[] = [];
  let firstDay = '';
  let lastDay = '';

  try {
    for (let year = fromYear; year <= toYear && writer.written < options.events; year++) {
      const drafts: Draft[] = carried;
      governanceDrafts(drafts, rnd, year, year === fromYear);
      for (const story of stories) {
        if (year === fromYear) story.opening(drafts, year);
        story.year(drafts, year, perCountryYear, year === toYear);
      }
      // Stable sort: facts of one day keep the causal order in which the stories produced them.
      drafts.sort((a, b) => a.day - b.day);
      const nextYear = dayOf(year + 1);
      carried = [];
      for (const d of drafts) {
        if (d.day >= nextYear) {
          carried.push(d);
          continue;
        }
        if (writer.written >= options.events) break;
        const e = writer.add(d);
        byType[e.type] = (byType[e.type] ?? 0) + 1;
        streams.add(e.streamId);
        firstDay ||= e.occurredOn;
        lastDay = e.occurredOn;
      }
    }
  } finally {
    writer.close();
  }

  let verified: GenerateResult['verified'] = null;
  const verifyCount = Math.min(options.verify ?? 0, countries.length);
  if (verifyCount > 0) {
    // Spread over the list: the first country, the last, and between.
    const picks = new Set<string>();
    for (let i = 0; i < verifyCount; i++) picks.add(`country-${countries[Math.round((i * (countries.length - 1)) / Math.max(1, verifyCount - 1))]}`);
    verified = await verifyHistory(path, [...picks, 'scoring-models', 'reporting-periods']);
  }
  return {
    path,
    events: writer.written,
    streams: streams.size,
    byType,
    firstDay,
    lastDay,
    seconds: Number(process.hrtime.bigint() - started) / 1e9,
    verified,
  };
}

async function main(): Promise<void> {
  const { values, exitCode } = parseCommandLine(USAGE, {
    events: { type: 'string', default: '1000000' },
    out: { type: 'string' },
    countries: { type: 'string' },
    years: { type: 'string', default: '11' },
    'to-year': { type: 'string' },
    seed: { type: 'string', default: '7' },
    verify: { type: 'string', default: '2' },
    force: { type: 'boolean', default: false },
  });
  if (exitCode !== undefined) {
    process.exitCode = exitCode;
    return;
  }
  const events = Number(values.events);
  if (!Number.isInteger(events) || events < 1) throw new Error('--events must be a positive integer');
  const result = await generateHistory({
    events,
    out: values.out ?? `tmp/bench/${historyFileName(events)}`,
    countries: values.countries ? values.countries.split(',').map((c) => c.trim().toUpperCase()) : DEFAULT_COUNTRIES,
    years: Number(values.years),
    ...(values['to-year'] ? { toYear: Number(values['to-year']) } : {}),
    seed: Number(values.seed),
    verify: Number(values.verify),
    force: values.force,
  });
  const types = Object.keys(result.byType).length;
  process.stdout.write(
    `Wrote ${result.events.toLocaleString('en')} events (${types} event types, ${result.streams} streams, ${result.firstDay} .. ${result.lastDay}) ` +
      `to ${result.path} in ${result.seconds.toFixed(1)} s` +
      (result.verified ? `; domain replay accepted ${result.verified.events.toLocaleString('en')} events of ${result.verified.streams.join(', ')}` : '') +
      '\n',
  );
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((e: unknown) => {
    process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exit(1);
  });
}
