/**
 * Environment for processes a test starts (servers, CLI scripts). They run TypeScript through tsx,
 * whose transpiled offsets differ from tap's loader: their V8 coverage, merged into tap's report,
 * corrupts it (whole files vanish from the summary). So children write no coverage; what they run
 * is covered by the in-process tests.
 */
export function childEnv(extra: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  // tap's process tracker (@tapjs/processinfo) starts coverage in every child unless told not to.
  const env: NodeJS.ProcessEnv = { ...process.env, ...extra, _TAPJS_PROCESSINFO_COVERAGE_: '0' };
  delete env['NODE_V8_COVERAGE'];
  return env;
}
