/**
 * The team client's transport pieces on their own: the server-sent-events parser (any line
 * ending, a CRLF or a Cyrillic letter split between chunks, comments, several data lines),
 * the normalising of a server's address (and what is refused), the token vault's file (mode
 * 0600, encrypted when a codec is given, a damaged file read as empty), the bridge relay
 * (events wait for a page not connected yet; a page gone is reported), the Electron vault's
 * choice, and the window router.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, test, vi } from 'vitest';
import type { TeamEventMessage } from '../../shared/team/protocol';
import { electronTokenVault } from '../../src-main/shell/tokenVault';
import { createEventRelay } from '../../src-main/team/relay';
import { createSseParser } from '../../src-main/team/sse';
import { normaliseTeamUrl } from '../../src-main/team/url';
import { fileVault, memoryVault } from '../../src-main/team/vault';
import { createWindowEvents, TEAM_EVENT_CHANNEL } from '../../src-main/team/windows';
import { removeTempDirs, tempDir } from '../support/library';

afterAll(() => removeTempDirs());

describe('server-sent events', () => {
  test('events with any line ending, comments ignored, data lines joined', () => {
    const p = createSseParser();
    const got = p.push(': ping\n\nevent: change\ndata: {"a":1}\n\nevent: presence\r\ndata: one\r\ndata: two\r\n\r\ndata:three\r\rid: 7\nevent: x\ndata:  spaced\n\n');
    expect(got).toEqual([
      { event: 'change', data: '{"a":1}' },
      { event: 'presence', data: 'one\ntwo' },
      { event: 'message', data: 'three' },
      { event: 'x', data: ' spaced', id: '7' },
    ]);
  });

  test('a message split anywhere, a CRLF split between chunks, a Cyrillic letter split between its bytes', () => {
    const text = '\uFEFFevent: change\r\ndata: {"by":"Анна Петрова","map":"Карта"}\r\n\r\nevent: presence\r\ndata: 日本語 ✓\r\n\r\n';
    const bytes = new TextEncoder().encode(text);
    // every split point, byte by byte included
    for (const size of [1, 2, 3, 5, 7, 13]) {
      const p = createSseParser();
      const got = [];
      for (let i = 0; i < bytes.length; i += size) got.push(...p.push(bytes.subarray(i, i + size)));
      expect(got, `chunks of ${size}`).toEqual([
        { event: 'change', data: '{"by":"Анна Петрова","map":"Карта"}' },
        { event: 'presence', data: '日本語 ✓' },
      ]);
    }
  });

  test('nothing is delivered before the blank line; an event without data is no event; retry is kept', () => {
    const p = createSseParser();
    expect(p.push('event: change\ndata: {}')).toEqual([]);
    expect(p.push('\n')).toEqual([]);
    expect(p.push('\n')).toEqual([{ event: 'change', data: '{}' }]);
    expect(p.push('event: empty\n\nretry: 2500\n\n')).toEqual([]);
    expect(p.retryMs).toBe(2500);
  });
});

describe('a team server address', () => {
  test.each([
    ['https://lanemap.example.com/', 'https://lanemap.example.com'],
    ['  HTTPS://Lanemap.Example.COM:443/team//  ', 'https://lanemap.example.com/team'],
    ['lanemap.example.com', 'https://lanemap.example.com'],
    ['127.0.0.1:5718', 'http://127.0.0.1:5718'],
    ['localhost:5718/', 'http://localhost:5718'],
    ['[::1]:5718', 'http://[::1]:5718'],
    ['http://10.0.0.5:5718', 'http://10.0.0.5:5718'],
    ['https://карты.рф/команда', 'https://xn--80atti9b.xn--p1ai/%D0%BA%D0%BE%D0%BC%D0%B0%D0%BD%D0%B4%D0%B0'],
  ])('%s → %s', (input, url) => {
    expect(normaliseTeamUrl(input)).toEqual({ ok: true, url });
  });

  test.each([
    ['', /empty/],
    ['javascript:alert(1)', /https:\/\//],
    ['ftp://example.com', /https:\/\//],
    ['file:///etc/passwd', /https:\/\//],
    ['https://anna:secret@example.com', /no user name or password/],
    ['https://example.com/?next=evil', /“\?” or “#”/],
    ['https://example.com/#x', /“\?” or “#”/],
    ['https://exa mple.com', /spaces/],
    ['mailto:anna@example.com', /https:\/\//],
  ])('%s is refused with a reason', (input, why) => {
    const r = normaliseTeamUrl(input);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(why);
  });
});

test('<script> in a path stays a percent-encoded path, never markup', () => {
  expect(normaliseTeamUrl('https://example.com/<script>alert(1)</script>')).toEqual({ ok: true, url: 'https://example.com/%3Cscript%3Ealert(1)%3C/script%3E' });
});

describe('the token vault', () => {
  test('a file only its owner can read, written whole, a token per server', () => {
    const file = path.join(tempDir(), 'data', 'team-tokens.json');
    const v = fileVault(file);
    expect(v.kind).toBe('file');
    expect(v.get('s1')).toBeNull();
    v.set('s1', 'token-one');
    v.set('s2', 'token-two');
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    // another vault over the same file (the next run) reads them
    const again = fileVault(file);
    expect(again.get('s1')).toBe('token-one');
    again.delete('s1');
    expect(fileVault(file).get('s1')).toBeNull();
    expect(fileVault(file).get('s2')).toBe('token-two');
    expect(fs.readdirSync(path.dirname(file))).toEqual(['team-tokens.json']);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
  });

  test('with a codec the file holds no token in clear; one that cannot be decoded is forgotten', () => {
    const file = path.join(tempDir(), 'team-tokens.json');
    const codec = { encode: (t: string) => Buffer.from(`enc:${t}`).toString('base64'), decode: (s: string) => Buffer.from(s, 'base64').toString().replace(/^enc:/, '') };
    const v = fileVault(file, codec);
    expect(v.kind).toBe('encrypted');
    v.set('s1', 'секрет-token');
    expect(fs.readFileSync(file, 'utf8')).not.toContain('token');
    expect(v.get('s1')).toBe('секрет-token');
    const broken = fileVault(file, { encode: (t) => t, decode: () => { throw new Error('another machine’s key'); } });
    expect(broken.get('s1')).toBeNull();
  });

  test('a damaged file reads as no tokens, and is replaced by the next sign-in', () => {
    const file = path.join(tempDir(), 'team-tokens.json');
    fs.writeFileSync(file, '{not json');
    const v = fileVault(file);
    expect(v.get('s1')).toBeNull();
    v.set('s1', 't');
    expect(v.get('s1')).toBe('t');
  });

  test('Electron: encrypted with safeStorage when it can; in memory (for this run) when not, or with Linux’s basic_text', () => {
    const file = path.join(tempDir(), 'team-tokens.json');
    const safe = {
      isEncryptionAvailable: () => true,
      getSelectedStorageBackend: () => 'gnome_libsecret',
      encryptString: (t: string) => Buffer.from([...Buffer.from(t)].map((b) => b ^ 0x5a)),
      decryptString: (b: Buffer) => Buffer.from([...b].map((x) => x ^ 0x5a)).toString(),
    };
    const v = electronTokenVault(safe, file, 'linux');
    expect(v.kind).toBe('encrypted');
    v.set('s1', 'plain-token-text');
    expect(fs.readFileSync(file, 'utf8')).not.toContain('plain-token-text');
    expect(electronTokenVault(safe, file, 'linux').get('s1')).toBe('plain-token-text');
    expect(electronTokenVault({ ...safe, getSelectedStorageBackend: () => 'basic_text' }, file, 'linux').kind).toBe('memory');
    expect(electronTokenVault({ ...safe, isEncryptionAvailable: () => false }, file, 'darwin').kind).toBe('memory');
    expect(electronTokenVault(undefined, file).kind).toBe('memory');
    const m = memoryVault();
    m.set('a', 'b');
    expect(m.get('a')).toBe('b');
  });
});

const message = (n: number): TeamEventMessage => ({ server: 'srv', event: { type: 'change', mapId: `m${n}`, kind: 'apply', by: { id: 'u', name: 'Анна' } } });

describe('the bridge relay', () => {
  test('events wait for a page whose stream is not open, then arrive in order; a bounded number of them', () => {
    const relay = createEventRelay({ maxPending: 3 });
    for (let i = 1; i <= 5; i++) relay.deliver('page-0001', message(i));
    const got: TeamEventMessage[] = [];
    relay.attach('page-0001', { send: (m) => got.push(m), end: () => undefined });
    expect(got.map((m) => (m.event as { mapId: string }).mapId)).toEqual(['m3', 'm4', 'm5']);
    relay.deliver('page-0001', message(6));
    expect(got).toHaveLength(4);
    relay.close();
  });

  test('a second stream of the same page replaces the first; a page whose stream stays closed is gone', () => {
    vi.useFakeTimers();
    try {
      const gone: string[] = [];
      const relay = createEventRelay({ graceMs: 1000, gone: (c) => gone.push(c) });
      let firstEnded = false;
      const first: TeamEventMessage[] = [];
      const second: TeamEventMessage[] = [];
      relay.attach('page-0001', { send: (m) => first.push(m), end: () => (firstEnded = true) });
      const detach = relay.attach('page-0001', { send: (m) => second.push(m), end: () => undefined });
      expect(firstEnded).toBe(true);
      relay.deliver('page-0001', message(1));
      expect([first.length, second.length]).toEqual([0, 1]);
      detach();
      vi.advanceTimersByTime(500);
      // back within the grace time: not gone
      const d2 = relay.attach('page-0001', { send: () => undefined, end: () => undefined });
      vi.advanceTimersByTime(2000);
      expect(gone).toEqual([]);
      d2();
      vi.advanceTimersByTime(1001);
      expect(gone).toEqual(['page-0001']);
      relay.close();
    } finally {
      vi.useRealTimers();
    }
  });
});

test('Electron windows: events go to the window that watches; a reloaded or destroyed window’s page is gone', () => {
  const gone: string[] = [];
  const events = createWindowEvents((c) => gone.push(c));
  const sent: unknown[][] = [];
  let destroyed = false;
  let onDestroyed = () => undefined as void;
  let onLoading = () => undefined as void;
  const contents = {
    send: (...a: unknown[]) => void sent.push(a),
    isDestroyed: () => destroyed,
    once: (_e: 'destroyed', l: () => void) => (onDestroyed = l),
    on: (_e: 'did-start-loading', l: () => void) => (onLoading = l),
  };
  events.deliver('page-0001', message(1));
  expect(sent).toEqual([]);
  events.follow('page-0001', contents);
  events.deliver('page-0001', message(2));
  expect(sent).toEqual([[TEAM_EVENT_CHANNEL, message(2)]]);
  // the window reloads: its page (client id) is gone, the new page follows with another id
  onLoading();
  expect(gone).toEqual(['page-0001']);
  events.follow('page-0002', contents);
  // a page changing its id without a reload: the old id is gone too
  events.follow('page-0003', contents);
  expect(gone).toEqual(['page-0001', 'page-0002']);
  destroyed = true;
  onDestroyed();
  expect(gone).toEqual(['page-0001', 'page-0002', 'page-0003']);
  events.deliver('page-0001', message(3));
  expect(sent).toHaveLength(1);
});
