// Loads the TypeScript sources in tap's test processes and their worker threads (package.json's
// tap "node-arg"). It replaces tap's own TypeScript plugin (ts-node), which cost ~2 s of CPU per
// test file before the first test ran; SWC alone transpiles each file in about a millisecond.
// Source maps are inline so that coverage and stack traces point at the .ts lines.
import { register } from 'node:module';

register('./ts-loader-hooks.mjs', import.meta.url);
