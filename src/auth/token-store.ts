import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { CreateTokenBody, Role } from '../../contracts/index.js';
import type { Principal } from './principal.js';

export interface TokenInfo {
  tokenId: string;
  principal: string;
  role: Role;
  countries: string[];
  createdAt: string;
  expiresAt: string | null;
  revokedAt: string | null;
}

export type AuthResult = { ok: true; principal: Principal } | { ok: false; reason: 'unknown' | 'revoked' | 'expired' };

interface TokenRow {
  token_id: string;
  principal: string;
  role: Role;
  countries: string;
  created_at: string;
  expires_at: string | null;
  revoked_at: string | null;
}

const CACHE_TTL_MS = 5_000;
const CACHE_MAX = 10_000;
const TOKEN_PATTERN = /^rcm_[A-Za-z0-9_-]{20,200}$|^[A-Za-z0-9._~-]{24,256}$/;

export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** True when the string could be a token at all (cheap check before any lookup). */
export function looksLikeToken(token: string): boolean {
  return TOKEN_PATTERN.test(token);
}

/**
 * Bearer tokens, stored only as sha-256 hashes. Tokens are 32 random bytes, so an unsalted hash is
 * enough: there is nothing to brute-force.
 */
export class TokenStore {
  /**
   * Recently authenticated tokens, so the hot path does not hit SQLite on every request. Revocation
   * through this store clears the entry at once; a revocation by another process (the token script)
   * is seen within CACHE_TTL_MS.
   */
  private readonly recent = new Map<string, { row: TokenRow; checkedAt: number }>();
  private readonly byHash;
  private readonly insert;
  private readonly listAll;
  private readonly revokeStmt;
  private readonly countStmt;

  constructor(private readonly db: Database.Database) {
    db.exec(`CREATE TABLE IF NOT EXISTS tokens (
      token_id TEXT PRIMARY KEY,
      token_hash TEXT NOT NULL UNIQUE,
      principal TEXT NOT NULL,
      role TEXT NOT NULL CHECK (role IN ('desk','analyst','auditor','admin')),
      countries TEXT NOT NULL CHECK (json_valid(countries)),
      created_at TEXT NOT NULL,
      expires_at TEXT,
      revoked_at TEXT
    ) STRICT`);
    this.byHash = db.prepare<[string], TokenRow>('SELECT * FROM tokens WHERE token_hash = ?');
    this.insert = db.prepare(
      'INSERT INTO tokens (token_id, token_hash, principal, role, countries, created_at, expires_at) VALUES (?,?,?,?,?,?,?)',
    );
    this.listAll = db.prepare<[], TokenRow>('SELECT * FROM tokens ORDER BY created_at, token_id');
    this.revokeStmt = db.prepare('UPDATE tokens SET revoked_at = ? WHERE token_id = ? AND revoked_at IS NULL');
    this.countStmt = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM tokens');
  }

  count(): number {
    return this.countStmt.get()!.n;
  }

  /** Creates a token; `token` may be supplied (RCM_ADMIN_TOKEN), otherwise a random one is made. */
  create(spec: CreateTokenBody & { token?: string | undefined }, now = new Date()): { token: string; info: TokenInfo } {
    const token = spec.token ?? `rcm_${randomBytes(32).toString('base64url')}`;
    const info: TokenInfo = {
      tokenId: randomUUID(),
      principal: spec.principal,
      role: spec.role,
      countries: spec.role === 'desk' ? [...new Set(spec.countries ?? [])].sort() : [],
      createdAt: now.toISOString(),
      expiresAt: spec.expiresAt ? new Date(spec.expiresAt).toISOString() : null,
      revokedAt: null,
    };
    this.insert.run(
      info.tokenId,
      hashToken(token),
      info.principal,
      info.role,
      JSON.stringify(info.countries),
      info.createdAt,
      info.expiresAt,
    );
    return { token, info };
  }

  authenticate(token: string, now = new Date()): AuthResult {
    if (!looksLikeToken(token)) return { ok: false, reason: 'unknown' };
    const hash = hashToken(token);
    const row = this.lookup(hash, now.getTime());
    if (!row) return { ok: false, reason: 'unknown' };
    if (row.revoked_at) return { ok: false, reason: 'revoked' };
    if (row.expires_at && Date.parse(row.expires_at) <= now.getTime()) return { ok: false, reason: 'expired' };
    return {
      ok: true,
      principal: { id: row.principal, tokenId: row.token_id, role: row.role, countries: JSON.parse(row.countries) as string[] },
    };
  }

  private lookup(hash: string, nowMs: number): TokenRow | undefined {
    const cached = this.recent.get(hash);
    if (cached && nowMs - cached.checkedAt < CACHE_TTL_MS) return cached.row;
    const row = this.byHash.get(hash);
    if (!row || row.revoked_at) {
      this.recent.delete(hash);
      return row;
    }
    if (this.recent.size >= CACHE_MAX) this.recent.clear();
    this.recent.set(hash, { row, checkedAt: nowMs });
    return row;
  }

  list(): TokenInfo[] {
    return this.listAll.all().map(toInfo);
  }

  /** Returns false when the token does not exist or was already revoked. */
  revoke(tokenId: string, now = new Date()): boolean {
    const revoked = this.revokeStmt.run(now.toISOString(), tokenId).changes === 1;
    if (revoked) for (const [hash, entry] of this.recent) if (entry.row.token_id === tokenId) this.recent.delete(hash);
    return revoked;
  }
}

function toInfo(r: TokenRow): TokenInfo {
  return {
    tokenId: r.token_id,
    principal: r.principal,
    role: r.role,
    countries: JSON.parse(r.countries) as string[],
    createdAt: r.created_at,
    expiresAt: r.expires_at,
    revokedAt: r.revoked_at,
  };
}
