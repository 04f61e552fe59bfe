/**
 * Token administration without the HTTP API (e.g. before the first start, or to recover access).
 *
 *   npm run token -- --principal desk-horn --role desk --countries ET,SO [--expires 2027-01-01T00:00:00Z]
 *   echo "$SECRET" | npm run token -- --principal desk-horn --role desk --countries ET,SO --token-from-stdin
 *       (the same token on several instances, each with its own auth database)
 *   npm run token -- --list
 *   npm run token -- --revoke <tokenId>
 */
import { join, resolve } from 'node:path';
import { CreateTokenBody } from '../contracts/index.js';
import { existsSync, readFileSync } from 'node:fs';
import { looksLikeToken, TokenStore } from '../src/auth/token-store.js';
import { loadConfig } from '../src/config/config.js';
import { openSqliteDatabase } from '../src/store/open-sqlite.js';
import { parseCommandLine } from './lib/command-line.js';

const USAGE = `Usage:
  npm run token -- --principal NAME --role desk|analyst|auditor|admin [--countries ET,SO] [--expires 2027-01-01T00:00:00Z] [--token-from-stdin]
  npm run token -- --list
  npm run token -- --revoke TOKEN_ID
The auth database is <RCM_DATA_DIR>/auth.sqlite (default ./data).
`;

const commandLine = parseCommandLine(USAGE, {
  principal: { type: 'string' },
  role: { type: 'string' },
  countries: { type: 'string' },
  expires: { type: 'string' },
  list: { type: 'boolean' },
  revoke: { type: 'string' },
  'token-from-stdin': { type: 'boolean' },
});
if (commandLine.exitCode !== undefined) process.exit(commandLine.exitCode);
const values = commandLine.values;

const config = loadConfig();
const authPath = join(config.dataDir, 'auth.sqlite');
// Listing or revoking reads an existing token database: a mistyped RCM_DATA_DIR must not create an empty one.
if ((values.list || values.revoke) && !existsSync(authPath)) {
  process.stderr.write(`No token database at ${resolve(authPath)}: is ${resolve(config.dataDir)} the data directory (RCM_DATA_DIR)?\n`);
  process.exit(2);
}
let db: ReturnType<typeof openSqliteDatabase>;
try {
  db = openSqliteDatabase(authPath);
} catch (e) {
  process.stderr.write(`Cannot open ${resolve(authPath)} (RCM_DATA_DIR ${resolve(config.dataDir)}): ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(2);
}
const tokens = new TokenStore(db);
try {
  if (values.list) {
    for (const t of tokens.list()) {
      process.stdout.write(`${t.tokenId}  ${t.role.padEnd(7)}  ${t.principal}  ${t.countries.join(',') || '-'}  ${t.revokedAt ? `revoked ${t.revokedAt}` : t.expiresAt ? `expires ${t.expiresAt}` : 'active'}\n`);
    }
  } else if (values.revoke) {
    if (!tokens.revoke(values.revoke)) throw new Error(`No active token ${values.revoke}`);
    process.stdout.write(`Revoked ${values.revoke}\n`);
  } else {
    const spec = CreateTokenBody.safeParse({
      principal: values.principal,
      role: values.role,
      countries: values.countries?.split(',').map((c) => c.trim().toUpperCase()),
      expiresAt: values.expires,
    });
    if (!spec.success) throw new Error(spec.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
    const unknown = (spec.data.countries ?? []).filter((c) => !config.countries.includes(c));
    if (unknown.length > 0) throw new Error(`Countries not configured: ${unknown.join(', ')}`);
    // Read from stdin, never from the command line: arguments are visible to other users in `ps`.
    const given = values['token-from-stdin'] ? readFileSync(0, 'utf8').trim() : undefined;
    if (given !== undefined && !looksLikeToken(given)) throw new Error('The token must be 24-256 characters of letters, digits and . _ ~ -');
    const { token, info } = tokens.create({ ...spec.data, token: given });
    // A secret the operator supplied is not printed back (stdout often ends up in logs), as RCM_ADMIN_TOKEN is not.
    process.stdout.write(`${JSON.stringify(given === undefined ? { ...info, token } : info, null, 2)}\n`);
  }
} catch (e) {
  process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
  process.exitCode = 1;
} finally {
  db.close();
}
