/**
 * The browser build's way for team events to reach a page: the team client hands each event
 * to a client id (`deliver`), and the page's `/events?client=` stream on the HTTP bridge
 * (web/server.ts) is `attach`ed under that id. Events for a page whose stream is not open yet
 * (it calls `team:watch` and opens its EventSource at about the same time) wait, a bounded
 * number of them; a page whose stream stays closed longer than `graceMs` is `gone` (the team
 * client then closes its stream to the server).
 */
import type { TeamEventMessage } from '../../shared/team/protocol';

export interface EventRelay {
  deliver(client: string, message: TeamEventMessage): void;
  /** The page's stream opened (an earlier one of the same client is ended). Returns the way to detach it. */
  attach(client: string, sink: { send(message: TeamEventMessage): void; end(): void }): () => void;
  /** Pages with a stream open now. */
  attached(): number;
  close(): void;
}

export interface EventRelayOptions {
  /** A page's stream stayed closed this long (or never opened): it is gone. */
  graceMs?: number;
  /** Events kept for a page whose stream is not open; the oldest are dropped past this. */
  maxPending?: number;
  gone?: (client: string) => void;
}

export function createEventRelay(opts: EventRelayOptions = {}): EventRelay {
  const graceMs = opts.graceMs ?? 30_000;
  const maxPending = opts.maxPending ?? 200;
  const sinks = new Map<string, { send(message: TeamEventMessage): void; end(): void }>();
  const pending = new Map<string, TeamEventMessage[]>();
  const timers = new Map<string, ReturnType<typeof setTimeout>>();

  const forget = (client: string) => {
    clearTimeout(timers.get(client));
    timers.delete(client);
  };
  const waitFor = (client: string) => {
    forget(client);
    timers.set(
      client,
      setTimeout(() => {
        timers.delete(client);
        pending.delete(client);
        if (!sinks.has(client)) opts.gone?.(client);
      }, graceMs),
    );
  };

  return {
    deliver(client, message) {
      const sink = sinks.get(client);
      if (sink) {
        try {
          sink.send(message);
          return;
        } catch {
          // the stream just broke: kept like for a page not connected
        }
      }
      const queue = pending.get(client) ?? [];
      queue.push(message);
      if (queue.length > maxPending) queue.splice(0, queue.length - maxPending);
      pending.set(client, queue);
      if (!timers.has(client)) waitFor(client);
    },
    attach(client, sink) {
      const old = sinks.get(client);
      sinks.set(client, sink);
      forget(client);
      if (old) {
        try {
          old.end();
        } catch {
          // already ended
        }
      }
      for (const m of pending.get(client) ?? []) sink.send(m);
      pending.delete(client);
      return () => {
        if (sinks.get(client) !== sink) return;
        sinks.delete(client);
        waitFor(client);
      };
    },
    attached: () => sinks.size,
    close() {
      for (const t of timers.values()) clearTimeout(t);
      timers.clear();
      for (const s of sinks.values()) {
        try {
          s.end();
        } catch {
          // already ended
        }
      }
      sinks.clear();
      pending.clear();
    },
  };
}
