// Loaders shared by the pages, all through the read API.
import { ApiError, getJson } from './api.js';

/** GET /v1/countries: `{ countries, position }` (read side) or a bare list (write side only). */
export async function loadCountries() {
  const body = await getJson('/v1/countries');
  return Array.isArray(body) ? body : body.countries;
}

/** How many years back the overview charts look from the latest year with data. */
export const YEARS_SHOWN = 8;

export function latestYear(countries) {
  const years = countries.map((c) => c.latestScore?.year).filter((y) => Number.isInteger(y));
  return years.length > 0 ? Math.max(...years) : new Date().getUTCFullYear() - 1;
}

export const returnRateOf = (card) => card?.indicators?.find((i) => i.code === 'B')?.rate ?? null;

const hasData = (card) => card && (card.score !== null || returnRateOf(card) !== null);

/**
 * Annual scorecards of every country for the last YEARS_SHOWN years, years without any data at
 * either end dropped. Returns { years, cards: { [code]: Scorecard[] } } with cards aligned to years.
 */
export async function loadScoreHistory(countries, model) {
  const newest = latestYear(countries);
  const all = Array.from({ length: YEARS_SHOWN }, (_, i) => newest - YEARS_SHOWN + 1 + i);
  const cards = {};
  await Promise.all(
    countries.map(async (c) => {
      cards[c.code] = await Promise.all(all.map((y) => getJson(`/v1/countries/${c.code}/scorecards/${y}`, { model }).catch(nullOn404)));
    }),
  );
  // Years without any data at either end are dropped (a request filed this year opens a year
  // that has no statistics yet); gaps inside the range stay, as gaps.
  const some = (i) => countries.some((c) => hasData(cards[c.code][i]));
  let first = all.findIndex((_, i) => some(i));
  let last = all.findLastIndex((_, i) => some(i));
  if (first < 0) first = last = all.length - 1;
  const years = all.slice(first, last + 1);
  for (const c of countries) cards[c.code] = cards[c.code].slice(first, last + 1);
  return { years, cards };
}

function nullOn404(err) {
  if (err instanceof ApiError && err.status === 404) return null;
  throw err;
}

/** Published scoring models (GET /v1/scoring-models); version 1 alone when the route is absent. */
export async function loadModels() {
  try {
    const body = await getJson('/v1/scoring-models');
    return body.models;
  } catch (err) {
    if (err instanceof ApiError && err.status === 404) return [{ modelVersion: 1, model: { label: 'Default model', bands: { adequate: 60, needsImprovement: 40 } } }];
    throw err;
  }
}
