/**
 * Server-sent events, read in Node (the team client's events stream): an incremental parser
 * of the `text/event-stream` format as the HTML standard describes it (lines ended by CRLF, LF
 * or CR, also when a CRLF is split across two chunks; `event:`, `data:` (several joined with
 * LF), `id:`, `retry:`; comments from `:`; a leading BOM dropped), fed raw bytes so a letter of
 * any script split between two network chunks is decoded whole.
 */

export interface SseMessage {
  /** `message` when the server named none. */
  event: string;
  data: string;
  id?: string;
}

export interface SseParser {
  /** Feeds bytes (or text); returns the messages they completed. */
  push(chunk: Uint8Array | string): SseMessage[];
  /** The `retry:` the server asked for, in ms, if any. */
  readonly retryMs: number | undefined;
}

/** One line is never longer than this (a map's change event is small): a longer one is dropped with its message. */
const MAX_LINE = 4 * 1024 * 1024;

export function createSseParser(): SseParser {
  const decoder = new TextDecoder('utf-8');
  let buffer = '';
  let first = true;
  /** The last chunk ended in CR: a LF at the start of the next one belongs to it. */
  let afterCr = false;
  let event = '';
  let data: string[] = [];
  let id: string | undefined;
  let retryMs: number | undefined;
  let tooLong = false;

  const line = (text: string, out: SseMessage[]) => {
    if (text === '') {
      if (data.length && !tooLong) out.push({ event: event || 'message', data: data.join('\n'), ...(id !== undefined ? { id } : {}) });
      event = '';
      data = [];
      tooLong = false;
      return;
    }
    if (text.startsWith(':')) return;
    const colon = text.indexOf(':');
    const field = colon < 0 ? text : text.slice(0, colon);
    let value = colon < 0 ? '' : text.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'event') event = value;
    else if (field === 'data') data.push(value);
    else if (field === 'id') {
      if (!value.includes('\0')) id = value;
    } else if (field === 'retry' && /^\d+$/.test(value)) retryMs = Number(value);
  };

  return {
    get retryMs() {
      return retryMs;
    },
    push(chunk) {
      let text = typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
      if (first && text.length) {
        if (text.startsWith('\uFEFF')) text = text.slice(1);
        first = false;
      }
      if (afterCr && text.startsWith('\n')) text = text.slice(1);
      afterCr = false;
      buffer += text;
      const out: SseMessage[] = [];
      let start = 0;
      for (let i = 0; i < buffer.length; i++) {
        const c = buffer.charCodeAt(i);
        if (c !== 10 && c !== 13) continue;
        line(buffer.slice(start, i), out);
        if (c === 13) {
          if (i + 1 < buffer.length) {
            if (buffer.charCodeAt(i + 1) === 10) i++;
          } else afterCr = true;
        }
        start = i + 1;
      }
      buffer = buffer.slice(start);
      if (buffer.length > MAX_LINE) {
        // a runaway line: its message is dropped, the stream goes on
        buffer = '';
        tooLong = true;
      }
      return out;
    },
  };
}
