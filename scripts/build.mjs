// `npm run build` (and the first half of `npm start`): transpiles the TypeScript of src/, contracts/
// and projections/ file by file into .build/ with esbuild (the transpiler tsx uses), keeping the
// tree, so the service starts without loading every module through tsx's loader thread (about half
// of the start-up time). Type checking is `npm run typecheck`'s job, not this one's.
// `--outdir <dir>` (inside the repository, so node_modules and package.json are found) is for tests.
import { readdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));
const { values } = parseArgs({ options: { outdir: { type: 'string', default: '.build' } } });
const outdir = resolve(root, values.outdir);
const entryPoints = ['src', 'contracts', 'projections'].flatMap((dir) =>
  readdirSync(join(root, dir), { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))
    .map((f) => join(root, dir, f)),
);
rmSync(outdir, { recursive: true, force: true });
await build({ entryPoints, outdir, outbase: root, format: 'esm', platform: 'node', target: 'node20', logLevel: 'warning' });
