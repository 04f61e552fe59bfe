import t from 'tap';
import { TokenStore } from '../../src/auth/token-store.js';
import { openSqliteDatabase } from '../../src/store/open-sqlite.js';

t.test('tokens: hashes only, expiry, revocation seen at once even when cached', async (t) => {
  const db = openSqliteDatabase(':memory:');
  t.teardown(() => db.close());
  const store = new TokenStore(db);
  const { token, info } = store.create({ principal: 'desk-horn', role: 'desk', countries: ['SO', 'ET', 'ET'] });
  t.same(info.countries, ['ET', 'SO'], 'scope sorted and de-duplicated');
  const raw = db.prepare('SELECT * FROM tokens').all();
  t.notMatch(JSON.stringify(raw), token, 'the token itself is never stored');

  t.match(store.authenticate(token), { ok: true, principal: { id: 'desk-horn', countries: ['ET', 'SO'] } });
  t.match(store.authenticate(token), { ok: true }, 'second call served from the cache');
  t.ok(store.revoke(info.tokenId));
  t.same(store.authenticate(token), { ok: false, reason: 'revoked' }, 'revocation clears the cache');
  t.notOk(store.revoke(info.tokenId), 'revoking twice reports false');

  const soon = store.create({ principal: 'a', role: 'analyst', expiresAt: '2030-01-01T00:00:00Z' });
  t.match(store.authenticate(soon.token, new Date('2029-12-31T23:59:59Z')), { ok: true });
  t.same(store.authenticate(soon.token, new Date('2030-01-01T00:00:00Z')), { ok: false, reason: 'expired' }, 'expiry is checked on cached tokens too');
  t.same(store.authenticate('not a token'), { ok: false, reason: 'unknown' });
  t.same(store.authenticate('rcm_' + 'z'.repeat(40)), { ok: false, reason: 'unknown' });
});

t.test('a revocation by another process is seen within the cache lifetime', async (t) => {
  const db = openSqliteDatabase(':memory:');
  t.teardown(() => db.close());
  const store = new TokenStore(db);
  const { token, info } = store.create({ principal: 'x', role: 'auditor' });
  const t0 = new Date('2026-01-01T00:00:00Z');
  t.match(store.authenticate(token, t0), { ok: true });
  db.prepare('UPDATE tokens SET revoked_at = ? WHERE token_id = ?').run(t0.toISOString(), info.tokenId);
  t.same(store.authenticate(token, new Date(t0.getTime() + 5_000)), { ok: false, reason: 'revoked' });
});
