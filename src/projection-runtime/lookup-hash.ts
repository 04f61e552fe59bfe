/** FNV-1a over UTF-16 code units; 0 is reserved for empty slots. */
function hash32(value: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < value.length; i++) h = Math.imul(h ^ value.charCodeAt(i), 0x01000193);
  return h === 0 ? 1 : h;
}

/**
 * Candidate integer keys by a text value (an event id -> timeline position), in typed arrays: about
 * 16 bytes per row whatever the text, instead of a SQLite index maintained row by row while a
 * version is built (random inserts into a B-tree are the costliest writes of a rebuild) or a Map
 * of a million strings. Only a 32-bit hash is kept, so a lookup returns candidates the caller must
 * confirm against the row itself; a candidate whose row was rolled back is simply not confirmed.
 */
export class LookupHash {
  private hashes: Int32Array;
  /** Integer keys (global positions) below 2^31. */
  private keys: Int32Array;
  private used = 0;

  constructor(capacity = 1 << 16) {
    this.hashes = new Int32Array(capacity);
    this.keys = new Int32Array(capacity);
  }


  add(value: string, key: number): void {
    if (!Number.isInteger(key) || key < 0 || key > 0x7fffffff) throw new Error(`LookupHash: key ${key} is not a 31-bit integer`);
    if ((this.used + 1) * 2 > this.hashes.length) this.grow();
    this.insert(hash32(value), key);
  }

  private insert(h: number, key: number): void {
    const mask = this.hashes.length - 1;
    let i = h & mask;
    while (this.hashes[i] !== 0) {
      if (this.hashes[i] === h && this.keys[i] === key) return; // the same row written again
      i = (i + 1) & mask;
    }
    this.hashes[i] = h;
    this.keys[i] = key;
    this.used++;
  }

  private grow(): void {
    const oldHashes = this.hashes;
    const oldKeys = this.keys;
    this.hashes = new Int32Array(oldHashes.length * 2);
    this.keys = new Int32Array(oldHashes.length * 2);
    this.used = 0;
    for (let i = 0; i < oldHashes.length; i++) if (oldHashes[i] !== 0) this.insert(oldHashes[i]!, oldKeys[i]!);
  }

  /** Keys whose value may be `value` (confirm each against its row). */
  candidates(value: string): number[] {
    const h = hash32(value);
    const mask = this.hashes.length - 1;
    const out: number[] = [];
    for (let i = h & mask; this.hashes[i] !== 0; i = (i + 1) & mask) if (this.hashes[i] === h) out.push(this.keys[i]!);
    return out;
  }
}

/**
 * The text keys a table may hold, as 32-bit hashes: while a version is built, most `get`s ask for a
 * key that was never written (a new request, transfer or report); a key whose hash is absent here
 * is certainly absent from the table, so the lookup skips SQLite. A hit may be a collision: the
 * caller then reads the table as before. Keys are only added (a deleted row's hash stays: a miss
 * on it is simply confirmed by SQLite).
 */
export class KeyFilter {
  private hashes: Int32Array;
  private used = 0;

  constructor(capacity = 1 << 12) {
    this.hashes = new Int32Array(capacity);
  }


  add(value: string): void {
    if ((this.used + 1) * 2 > this.hashes.length) this.grow();
    this.insert(hash32(value));
  }

  private insert(h: number): void {
    const mask = this.hashes.length - 1;
    let i = h & mask;
    while (this.hashes[i] !== 0) {
      if (this.hashes[i] === h) return;
      i = (i + 1) & mask;
    }
    this.hashes[i] = h;
    this.used++;
  }

  private grow(): void {
    const old = this.hashes;
    this.hashes = new Int32Array(old.length * 2);
    this.used = 0;
    for (let i = 0; i < old.length; i++) if (old[i] !== 0) this.insert(old[i]!);
  }

  /** false: the key was never added. */
  mayContain(value: string): boolean {
    const h = hash32(value);
    const mask = this.hashes.length - 1;
    for (let i = h & mask; this.hashes[i] !== 0; i = (i + 1) & mask) if (this.hashes[i] === h) return true;
    return false;
  }
}
