/**
 * The desktop app's team events to its windows: each client id (one per page) is the window
 * that called `team:watch` with it; its events go there as `lanemap:team-event` (the preload's
 * `onTeamEvent`). A window that is gone (closed, crashed) is `gone`: the team client then
 * closes its stream to the server.
 */
import type { TeamEventMessage } from '../../shared/team/protocol';

export const TEAM_EVENT_CHANNEL = 'lanemap:team-event';

/** What is used of Electron's WebContents. */
export interface ContentsLike {
  send(channel: string, ...args: unknown[]): void;
  isDestroyed(): boolean;
  once(event: 'destroyed', listener: () => void): unknown;
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
  return {
    follow(client, contents) {
      if (pages.get(client) === contents) return;
      pages.set(client, contents);
      contents.once('destroyed', () => drop(client, contents));
    },
    deliver(client, message) {
      const contents = pages.get(client);
      if (!contents) return;
      if (contents.isDestroyed()) return drop(client, contents);
      contents.send(TEAM_EVENT_CHANNEL, message);
    },
  };
}
