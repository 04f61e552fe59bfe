/**
 * Summarises a V8 .cpuprofile (from `node --cpu-prof`): self time by function and by file, and
 * inclusive time of the functions that match --focus. Used to decide what to optimise.
 *   node --import tsx bench/tools/cpuprofile-top.ts <file.cpuprofile> [--top 30] [--focus regex]
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: Node[];
  samples: number[];
  timeDeltas: number[];
}

const { values, positionals } = parseArgs({ allowPositionals: true, options: { top: { type: 'string', default: '30' }, focus: { type: 'string' } } });
const profile = JSON.parse(readFileSync(positionals[0]!, 'utf8')) as Profile;
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map<number, number>();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const self = new Map<number, number>();
profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
const total = [...self.values()].reduce((a, b) => a + b, 0);

const short = (url: string) => url.replace(/^.*node_modules\//, 'nm:').replace(/^file:\/\/.*\/main\//, '');
const fnKey = (n: Node) => `${n.callFrame.functionName || '(anon)'} ${short(n.callFrame.url)}:${n.callFrame.lineNumber + 1}`;
const fileKey = (n: Node) => {
  const u = short(n.callFrame.url);
  if (!u) return n.callFrame.functionName || '(native)';
  return u.startsWith('nm:') ? u.split('/').slice(0, u.startsWith('nm:@') ? 2 : 1).join('/') : u;
};

function top(key: (n: Node) => string, label: string): void {
  const acc = new Map<string, number>();
  for (const [id, t] of self) {
    const k = key(byId.get(id)!);
    acc.set(k, (acc.get(k) ?? 0) + t);
  }
  console.log(`\n== self time by ${label} (total ${(total / 1000).toFixed(0)} ms)`);
  for (const [k, t] of [...acc].sort((a, b) => b[1] - a[1]).slice(0, Number(values.top))) console.log(`${((100 * t) / total).toFixed(1).padStart(5)}%  ${k}`);
}
top(fnKey, 'function');
top(fileKey, 'file/package');

if (values.focus) {
  const re = new RegExp(values.focus);
  const inclusive = new Map<string, number>();
  for (const [id, t] of self) {
    const seen = new Set<string>();
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const k = fnKey(byId.get(cur)!);
      if (re.test(k) && !seen.has(k)) {
        seen.add(k);
        inclusive.set(k, (inclusive.get(k) ?? 0) + t);
      }
    }
  }
  console.log(`\n== inclusive time of functions matching ${values.focus}`);
  for (const [k, t] of [...inclusive].sort((a, b) => b[1] - a[1]).slice(0, Number(values.top))) console.log(`${((100 * t) / total).toFixed(1).padStart(5)}%  ${k}`);
}
