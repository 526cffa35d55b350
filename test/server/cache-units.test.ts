/** The cache's pure parts: keys, freshness, ETags and the byte-bounded LRU. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  cacheKey,
  canonicalJson,
  sharedKeyOf,
  type CacheKeyParts,
} from '../../src/server/cache/cache-key.js';
import { etagOf, matchesIfNoneMatch } from '../../src/server/cache/etag.js';
import { STALE_IF_ERROR_MS, retentionMs, stateOf, ttlMsFor } from '../../src/server/cache/freshness.js';
import { BoundedLru } from '../../src/server/cache/lru.js';
import { MemoryAnswerStore } from '../../src/server/cache/memory-store.js';
import type { CachedAnswer } from '../../src/server/cache/types.js';

const BASE: CacheKeyParts = {
  name: 'daily_active_users',
  version: 3,
  variables: { date_from: '-7d', org: 'acme' },
  limit: undefined,
  offset: undefined,
  tenant: undefined,
};

describe('cacheKey', () => {
  test('variable order does not matter, at any depth', async () => {
    const a = cacheKey({
      ...BASE,
      variables: { org: 'acme', date_from: '-7d', f: { y: 1, x: [2, { b: 1, a: 2 }] } },
    });
    const b = cacheKey({
      ...BASE,
      variables: { f: { x: [2, { a: 2, b: 1 }], y: 1 }, date_from: '-7d', org: 'acme' },
    });
    assert.equal(a, b);
  });

  test('endpoint, version, each variable, limit, offset and tenant each change the key', async () => {
    const base = cacheKey(BASE);
    const variants: CacheKeyParts[] = [
      { ...BASE, name: 'total_signups' },
      { ...BASE, version: 4 },
      { ...BASE, version: undefined },
      { ...BASE, variables: { date_from: '-7d', org: 'globex' } },
      { ...BASE, variables: { date_from: '-7d' } },
      { ...BASE, variables: { date_from: '-7d', org: ['acme'] } },
      { ...BASE, limit: 10 },
      { ...BASE, limit: 10, offset: 10 },
      { ...BASE, tenant: 'acme' },
    ];
    const keys = variants.map(cacheKey);
    assert.equal(new Set([base, ...keys]).size, variants.length + 1);
  });

  test('a tenant cannot craft variables that produce another tenant key', () => {
    const forged = cacheKey({ ...BASE, variables: { x: '"],null,null,"acme"]' }, tenant: 'evil' });
    assert.notEqual(forged, cacheKey({ ...BASE, variables: { x: '' }, tenant: 'acme' }));
    assert.ok(forged.endsWith('"evil"]'), 'strings are JSON-escaped, so the tenant stays the last element');
  });

  test('the shared (Redis) key holds no tenant name or variable value', async () => {
    const key = await sharedKeyOf(
      cacheKey({ ...BASE, tenant: 'acme-corp', variables: { secret_filter: 'hunter2' } }),
    );
    assert.match(key, /^daily_active_users:[A-Za-z0-9_-]{43}$/);
    assert.ok(!key.includes('acme') && !key.includes('hunter2'));
    assert.notEqual(key, await sharedKeyOf(cacheKey({ ...BASE, tenant: 'globex' })));
  });

  test('canonicalJson sorts keys and keeps arrays in order', () => {
    assert.equal(
      canonicalJson({ b: [2, 1], a: { d: null, c: true } }),
      '{"a":{"c":true,"d":null},"b":[2,1]}',
    );
  });
});

describe('freshness', () => {
  test('the TTL is data_freshness_seconds when positive, else the configured default', () => {
    assert.equal(ttlMsFor({ data_freshness_seconds: 900 }, 60), 900_000);
    assert.equal(ttlMsFor({ data_freshness_seconds: 0 }, 60), 60_000);
    assert.equal(ttlMsFor({ data_freshness_seconds: '900' }, 60), 60_000);
    assert.equal(ttlMsFor({}, 45), 45_000);
    assert.equal(ttlMsFor({ data_freshness_seconds: 10 ** 9 }, 60), 7 * 24 * 3600 * 1000, 'capped at a week');
  });

  test('fresh, then revalidate for one more TTL, then stale-if-error for a day, then expired', () => {
    const answer: CachedAnswer = { body: '{}', etag: 'W/"x"', storedAt: 1000, ttlMs: 60_000 };
    assert.equal(stateOf(answer, 1000), 'fresh');
    assert.equal(stateOf(answer, 60_999), 'fresh');
    assert.equal(stateOf(answer, 61_000), 'revalidate');
    assert.equal(stateOf(answer, 120_999), 'revalidate');
    assert.equal(stateOf(answer, 121_000), 'stale-if-error');
    assert.equal(stateOf(answer, 121_000 + STALE_IF_ERROR_MS - 1), 'stale-if-error');
    assert.equal(stateOf(answer, 121_000 + STALE_IF_ERROR_MS), 'expired');
    assert.equal(retentionMs(60_000), 120_000 + STALE_IF_ERROR_MS);
  });
});

describe('ETags', () => {
  test('are weak, stable per body, and differ between bodies', async () => {
    const a = await etagOf('{"results":[1]}');
    assert.match(a, /^W\/"[A-Za-z0-9_-]{27}"$/);
    assert.equal(await etagOf('{"results":[1]}'), a);
    assert.notEqual(await etagOf('{"results":[2]}'), a);
  });

  test('If-None-Match uses weak comparison, lists and *', () => {
    const tag = 'W/"abc"';
    assert.ok(matchesIfNoneMatch('W/"abc"', tag));
    assert.ok(matchesIfNoneMatch('"abc"', tag));
    assert.ok(matchesIfNoneMatch('"zzz", W/"abc"', tag));
    assert.ok(matchesIfNoneMatch('*', tag));
    assert.ok(!matchesIfNoneMatch('W/"abd"', tag));
    assert.ok(!matchesIfNoneMatch('', tag));
    assert.ok(!matchesIfNoneMatch(null, tag));
  });
});

describe('MemoryAnswerStore', () => {
  const answer = (body: string): CachedAnswer => ({ body, etag: 'W/"x"', storedAt: 0, ttlMs: 1000 });

  test('is bounded in bytes: the least recently used entries go first', async () => {
    const store = new MemoryAnswerStore(64 * 1024);
    const body = `{"results":"${'x'.repeat(10 * 1024)}"}`;
    for (let i = 0; i < 20; i++) await store.set(`k${i}`, answer(body), 60_000);
    assert.ok(store.bytes() <= 64 * 1024, `${store.bytes()} bytes held`);
    assert.ok(store.size < 20 && store.size >= 5, `${store.size} entries kept`);
    assert.equal(await store.get('k0'), undefined, 'the oldest was evicted');
    assert.ok(await store.get('k19'), 'the newest is kept');
  });

  test('counts UTF-8 bytes, not characters', async () => {
    const store = new MemoryAnswerStore(1024 * 1024);
    await store.set('ascii', answer('a'.repeat(1000)), 60_000);
    const ascii = store.bytes();
    await store.set('emoji', answer('😀'.repeat(500)), 60_000);
    // 500 emoji are 1000 UTF-16 code units but 2000 bytes; the keys and overheads are equal.
    assert.equal(store.bytes() - ascii, ascii + 1000);
    await store.set('accents', answer('é'.repeat(1000)), 60_000);
    assert.equal(store.bytes() - ascii * 2 - 1000, ascii + 1000 + 'accents'.length * 2 - 'ascii'.length * 2);
  });

  test('an entry over a quarter of the budget is not kept at all', async () => {
    const store = new MemoryAnswerStore(40 * 1024);
    await store.set('small', answer('{}'), 60_000);
    await store.set('huge', answer(`"${'x'.repeat(11 * 1024)}"`), 60_000);
    assert.equal(await store.get('huge'), undefined);
    assert.ok(await store.get('small'), 'and it evicted nothing');
  });

  test('drops entries past their retention on its clock', async () => {
    let now = 1_000_000;
    const store = new MemoryAnswerStore(1024 * 1024, () => now);
    await store.set('k', answer('{}'), 5000);
    now += 4999;
    assert.ok(await store.get('k'));
    now += 2;
    assert.equal(await store.get('k'), undefined);
  });
});

describe('BoundedLru', () => {
  test('a read makes an entry the most recently used, to the second', () => {
    let now = 0;
    const lru = new BoundedLru<string>({ maxSize: 3, sizeOf: () => 1, clock: () => now });
    lru.set('a', 'A', 60_000);
    lru.set('b', 'B', 60_000);
    lru.set('c', 'C', 60_000);
    now += 1000;
    assert.equal(lru.get('a'), 'A');
    lru.set('d', 'D', 60_000);
    assert.equal(lru.get('b'), undefined, 'b was the least recently used');
    assert.deepEqual(
      ['a', 'c', 'd'].map((key) => lru.get(key)),
      ['A', 'C', 'D'],
    );
    assert.equal(lru.size, 3);
  });

  test('reads within a second of the last move leave the order as it is', () => {
    let now = 0;
    const lru = new BoundedLru<string>({ maxSize: 2, sizeOf: () => 1, clock: () => now });
    lru.set('a', 'A', 60_000);
    lru.set('b', 'B', 60_000);
    now += 999;
    assert.equal(lru.get('a'), 'A');
    lru.set('c', 'C', 60_000);
    assert.equal(lru.get('a'), undefined, 'a had not moved: it was still the oldest');
    assert.equal(lru.get('b'), 'B');
  });

  test('replacing an entry replaces its size', () => {
    const lru = new BoundedLru<string>({ maxSize: 100, sizeOf: (value) => value.length });
    lru.set('k', 'x'.repeat(40), 60_000);
    lru.set('k', 'x'.repeat(10), 60_000);
    assert.equal(lru.size, 10);
    assert.equal(lru.set('k', 'x'.repeat(101), 60_000), false);
    assert.equal(lru.size, 0, 'a value too big to keep also drops the old one');
  });
});
