/**
 * The app:// protocol serves the built renderer's files and nothing else, and every response
 * carries the CSP in its headers (the layout worker's script included).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../shared/csp';
import { createAppProtocolHandler, resolveRendererFile } from '../../src-main/shell/appProtocol';

let root: string;
let rendererDir: string;
let reads: string[];
let handler: (request: Request) => Promise<Response>;

beforeAll(() => {
  // given a built renderer next to files it must never serve
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'lanemap-app-protocol-'));
  rendererDir = path.join(root, 'renderer');
  fs.mkdirSync(path.join(rendererDir, 'assets'), { recursive: true });
  fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>Lanemap</title>');
  fs.writeFileSync(path.join(rendererDir, 'assets', 'index-abc.js'), 'console.log(1)');
  fs.writeFileSync(path.join(rendererDir, 'assets', 'layout.worker-abc.js'), 'self.onmessage = () => {}');
  fs.writeFileSync(path.join(rendererDir, 'assets', 'Интер.woff2'), 'font');
  fs.writeFileSync(path.join(root, 'secret.txt'), 'library secrets');
  fs.writeFileSync(path.join(root, 'renderer-evil.txt'), 'sibling with a shared prefix');
  reads = [];
  handler = createAppProtocolHandler({
    rendererDir,
    readFile: (file) => {
      reads.push(file);
      return fs.promises.readFile(file);
    },
  });
});

afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

const get = (url: string, method = 'GET') => handler(new Request(url, { method }));

describe('app:// serves the built renderer', () => {
  it('serves index.html for the root and for /index.html, with the CSP and nosniff in the headers', async () => {
    for (const url of ['app://lanemap/', 'app://lanemap', 'app://lanemap/index.html', 'app://lanemap/index.html?x=1#top']) {
      const res = await get(url);
      expect(res.status, url).toBe(200);
      expect(await res.text()).toContain('<title>Lanemap</title>');
      expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(res.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    }
  });

  it('sends the layout worker script with the CSP, so the policy applies inside the worker', async () => {
    const res = await get('app://lanemap/assets/layout.worker-abc.js');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(res.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
  });

  it('serves a file with a Cyrillic name, percent-encoded in the address', async () => {
    const res = await get(`app://lanemap/assets/${encodeURIComponent('Интер.woff2')}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('font/woff2');
    expect(await res.text()).toBe('font');
  });

  it('answers HEAD without a body and refuses other methods', async () => {
    const head = await get('app://lanemap/index.html', 'HEAD');
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
    expect((await get('app://lanemap/index.html', 'POST')).status).toBe(405);
  });

  it('says 404 for a missing file or a folder', async () => {
    expect((await get('app://lanemap/missing.js')).status).toBe(404);
    expect((await get('app://lanemap/assets/')).status).toBe(404);
  });
});

describe('app:// refuses everything outside the built renderer, without reading it', () => {
  const hostile = [
    'app://lanemap/../secret.txt',
    'app://lanemap/%2e%2e/secret.txt',
    'app://lanemap/%2E%2E/%2e%2e/secret.txt',
    'app://lanemap/..%2fsecret.txt',
    'app://lanemap/assets/..%2f..%2fsecret.txt',
    'app://lanemap/..%5csecret.txt',
    'app://lanemap/..\\secret.txt',
    'app://lanemap/assets\\..\\..\\secret.txt',
    'app://lanemap/%00',
    'app://lanemap/index.html%00.png',
    'app://lanemap/index.html\u0000.png',
    'app://lanemap/%252e%252e/secret.txt',
    'app://lanemap/..%252fsecret.txt',
    'app://lanemap/%E0%A4%A',
    'app://lanemap/' + encodeURIComponent(path.join(os.tmpdir(), 'secret.txt')),
    'app://lanemap/%2f' + encodeURIComponent('etc/passwd'),
    'app://lanemap//etc/passwd',
    'app://evil/index.html',
    'app://lanemap.evil/index.html',
    'app://lanemap:80/index.html',
    'file:///etc/passwd',
    'https://lanemap/index.html',
  ];

  it.each(hostile)('%s', async (url) => {
    const before = reads.length;
    const res = await get(url);
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(await res.text()).not.toContain('secrets');
    expect(res.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    // the file names left may only ever be inside the renderer folder
    for (const file of reads.slice(before)) expect(file.startsWith(rendererDir + path.sep), file).toBe(true);
  });

  it('never resolves a refused address to a file', () => {
    expect(resolveRendererFile(rendererDir, 'app://lanemap/index.html%00.png')).toBeNull();
    // (a Request refuses credentials itself; the resolver does too)
    expect(resolveRendererFile(rendererDir, 'app://user:pass@lanemap/index.html')).toBeNull();
    expect(resolveRendererFile(rendererDir, 'app://lanemap/..%2f' + path.basename(root) + '-evil.txt')).toBeNull();
    expect(resolveRendererFile(rendererDir, 'app://lanemap/assets/index-abc.js')).toBe(path.join(rendererDir, 'assets', 'index-abc.js'));
  });

  it('does not serve a sibling folder that shares the renderer folder name as a prefix', async () => {
    const res = await get('app://lanemap/../renderer-evil.txt');
    expect(res.status).toBe(404);
  });
});
