/**
 * The library cards' pictures, fetched lazily: only for cards on screen (one shared
 * IntersectionObserver), a few requests at a time, in the order the cards came into view (so the
 * cards seen first get theirs first); a card scrolled away before its turn is skipped. Each
 * picture is the backend's small PNG (`maps:thumbnail`, cached there with the map), kept here as
 * an object URL per map while the map's `updatedAt` is the same, so coming back to the library
 * shows them at once.
 */
import { libraryApi as api } from '../team/current';

/** Requests in flight at once: enough to keep the backend busy, few enough that what is on screen goes first. */
const AT_ONCE = 3;

interface Kept {
  /** The map's `updatedAt` the picture was asked for. */
  key: string;
  /** The map's revision it shows. */
  revision: number;
  url: string;
}

const kept = new Map<string, Kept>();
/** Cards waiting for their turn, oldest first. */
const waiting: Card[] = [];
const inFlight = new Map<string, Promise<string | null>>();
let running = 0;

interface Card {
  el: Element;
  id: string;
  key: string;
  show(url: string): void;
  visible: boolean;
  done: boolean;
}
const cards = new Map<Element, Card>();

let observer: IntersectionObserver | undefined;
function watcher(): IntersectionObserver {
  observer ??= new IntersectionObserver((entries) => {
    for (const e of entries) {
      const card = cards.get(e.target);
      if (!card || card.done) continue;
      card.visible = e.isIntersecting;
      const at = waiting.indexOf(card);
      if (card.visible && at < 0) waiting.push(card);
      else if (!card.visible && at >= 0) waiting.splice(at, 1);
    }
    pump();
  });
  return observer;
}

/** The picture kept for map `id` (`current`: only if drawn for this `updatedAt`). */
export function keptThumbnail(id: string, key: string, current = true): string | null {
  const k = kept.get(id);
  return k && (!current || k.key === key) ? k.url : null;
}

function pump() {
  while (running < AT_ONCE && waiting.length > 0) {
    const card = waiting.shift()!;
    running++;
    void fetchThumbnail(card.id, card.key)
      .then((url) => {
        if (url && !card.done && cards.get(card.el) === card) {
          card.done = true;
          observer?.unobserve(card.el);
          card.show(url);
        }
      })
      .finally(() => {
        running--;
        pump();
      });
  }
}

/** The picture of `id` as of `key`, fetched once however many cards ask; null when the map has gone or the call failed. */
function fetchThumbnail(id: string, key: string): Promise<string | null> {
  const now = keptThumbnail(id, key);
  if (now) return Promise.resolve(now);
  const flightKey = `${id}\n${key}`;
  let p = inFlight.get(flightKey);
  if (!p) {
    p = api['maps:thumbnail']({ id })
      .then(async ({ png, revision }) => {
        const bytes = Uint8Array.from(atob(png), (c) => c.charCodeAt(0));
        const url = URL.createObjectURL(new Blob([bytes], { type: 'image/png' }));
        // decoded before it is shown: an old picture is replaced without a blank moment
        const img = new Image();
        img.src = url;
        await img.decode().catch(() => undefined);
        const old = kept.get(id);
        // an answer overtaken by a newer picture of the same map (edited meanwhile) is dropped
        if (old && old.revision > revision) {
          URL.revokeObjectURL(url);
          return old.url;
        }
        kept.set(id, { key, revision, url });
        // an older picture may still be on a card until it re-renders: let it go a little later
        if (old && old.url !== url) setTimeout(() => URL.revokeObjectURL(old.url), 10_000);
        return url;
      })
      .catch(() => null)
      .finally(() => inFlight.delete(flightKey));
    inFlight.set(flightKey, p);
  }
  return p;
}

/**
 * Shows the picture of map `id` (as of `key`, its `updatedAt`) on `el` through `show` once the
 * card is on screen and its turn comes. Returns the function that stops watching (unmount).
 */
export function watchThumbnail(el: Element, id: string, key: string, show: (url: string) => void): () => void {
  const card: Card = { el, id, key, show, visible: false, done: false };
  cards.set(el, card);
  watcher().observe(el);
  return () => {
    card.done = true;
    observer?.unobserve(el);
    if (cards.get(el) === card) cards.delete(el);
    const at = waiting.indexOf(card);
    if (at >= 0) waiting.splice(at, 1);
  };
}
