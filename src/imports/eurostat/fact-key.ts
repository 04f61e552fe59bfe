/**
 * What identifies one reported statistic in a country stream: the same key means "the same
 * figure", so a second import with the same value is unchanged and a different value is a
 * revision. The dataset is part of the key: a national figure for the same period is another
 * source, not an earlier version of Eurostat's.
 */
export function factKey(type: string, data: Record<string, unknown>): string {
  const parts = [type, data['dataset'], data['period'], data['reportingScope']];
  if (type === 'ReturnsReported') parts.push(data['destination'], data['returnType']);
  return parts.map((p) => String(p ?? '')).join('|');
}
