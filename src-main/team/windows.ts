/**
 * The desktop app's team events to its windows: each client id (one per page) is the window
 * that called `team:watch` with it; its events go there as `lanemap:team-event` (the preload's
 * `onTeamEvent`). A page that is gone (its window closed, or reloaded: a window holds one page,
 * so one client id) is `gone`: the team client then closes its stream to the server.
 */
import type { TeamEventMessage } from '../../shared/team/protocol';

export const TEAM_EVENT_CHANNEL = 'lanemap:team-event';

/** What is used of Electron's WebContents. */
export interface ContentsLike {
  send(channel: string, ...args: unknown[]): void;
  isDestroyed(): boolean;
  once(event: 'destroyed', listener: () => void): unknown;
  on(event: 'did-start-loading', listener: () => void): unknown;
}

export interface WindowEvents {
  /** `client` is the page in `contents` (called on every `team:watch`). */
  follow(client: string, contents: ContentsLike): void;
  deliver(client: string, message: TeamEventMessage): void;
}

export function createWindowEvents(gone: (client: string) => void): WindowEvents {
  const pages = new Map<string, ContentsLike>();
  const drop = (client: string, contents: ContentsLike) => {
    if (pages.get(client) !== contents) return;
    pages.delete(client);
    gone(client);
  };
  const watched = new WeakSet<ContentsLike>();
  /** Every page that was in `contents`, but `keep`. */
  const dropAll = (contents: ContentsLike, keep?: string) => {
    for (const [client, c] of [...pages]) if (c === contents && client !== keep) drop(client, contents);
  };
  return {
    follow(client, contents) {
      if (pages.get(client) === contents) return;
      pages.set(client, contents);
      // a new page in this window: the one before it is gone
      dropAll(contents, client);
      if (watched.has(contents)) return;
      watched.add(contents);
      contents.once('destroyed', () => dropAll(contents));
      contents.on('did-start-loading', () => dropAll(contents));
    },
    deliver(client, message) {
      const contents = pages.get(client);
      if (!contents) return;
      if (contents.isDestroyed()) return drop(client, contents);
      contents.send(TEAM_EVENT_CHANNEL, message);
    },
  };
}
