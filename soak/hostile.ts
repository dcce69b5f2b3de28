/**
 * Requests another web page or a broken client could send to the bridge (the probe's NUL path
 * crashed `npm run web`): each is sent raw, then the backend must still answer a normal call.
 */
import net from 'node:net';
import { callHttp, type Backend } from './backend';

const SHAPES: ((host: string, token: string) => string)[] = [
  (h) => `GET /%00 HTTP/1.1\r\nHost: ${h}\r\n\r\n`,
  (h) => `GET /index.html%00.png HTTP/1.1\r\nHost: ${h}\r\n\r\n`,
  (h) => `GET /%2e%2e/%2e%2e/etc/passwd HTTP/1.1\r\nHost: ${h}\r\n\r\n`,
  (h) => `GET /%E0%A4%A HTTP/1.1\r\nHost: ${h}\r\n\r\n`,
  (h) => `GET /${'a'.repeat(50_000)} HTTP/1.1\r\nHost: ${h}\r\n\r\n`,
  (h, t) => `POST /api/maps:list%00 HTTP/1.1\r\nHost: ${h}\r\ncontent-type: application/json\r\nx-lanemap-token: ${t}\r\ncontent-length: 2\r\n\r\n{}`,
  (h, t) => `POST /api/maps:list HTTP/1.1\r\nHost: ${h}\r\ncontent-type: application/jsonx\r\nx-lanemap-token: ${t}\r\ncontent-length: 2\r\n\r\n{}`,
  (h) => `POST /api/maps:create HTTP/1.1\r\nHost: ${h}\r\ncontent-type: text/plain\r\nOrigin: http://evil.example\r\ncontent-length: 20\r\n\r\n{"title":`,
  (h, t) =>
    `POST /api/maps:import HTTP/1.1\r\nHost: ${h}\r\ncontent-type: application/json\r\nx-lanemap-token: ${t}\r\ntransfer-encoding: chunked\r\n\r\nzz\r\n`,
  () => `\u0000\u0001garbage\r\n\r\n`,
  (h) => `GET / HTTP/1.1\r\nHost: ${h}\r\nHost: evil.example\r\n\r\n`,
];

export async function hostileRequest(b: Backend, n: number): Promise<{ what: number; answered: boolean; detail: string }> {
  const what = n % SHAPES.length;
  const url = new URL(b.url);
  const text = SHAPES[what]!(url.host, b.token);
  await new Promise<void>((resolve) => {
    const socket = net.connect(Number(url.port), url.hostname, () => socket.end(text));
    socket.on('data', () => undefined);
    socket.on('error', () => resolve());
    socket.on('close', () => resolve());
    socket.setTimeout(3000, () => socket.destroy());
  });
  const after = await callHttp(b, 'maps:list', {}, 10_000);
  const alive = b.child.exitCode === null && b.child.signalCode === null;
  return {
    what,
    answered: after.kind === 'reply' && after.reply.ok && alive,
    detail: alive ? `no answer after it (${after.kind})` : `the backend died: ${b.stderr().slice(-300)}`,
  };
}
