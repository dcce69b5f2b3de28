/**
 * How the library makes new maps, whatever store keeps them: the local app's services
 * (./library.ts, over SQLite) and a team server's (./storeServices.ts, over any MapStore).
 * Pure: no storage, no Vite-only imports (a team server runs these sources on Node).
 */
import { cloneWithNewIds } from '../../shared/model/clone';
import { newId } from '../../shared/model/ids';
import { distinctTitle, linkedTemplates, mapsTitled } from '../../shared/model/titles';
import type { MapDoc } from '../../shared/model/types';
import type { Template } from './templates';

/** The lanes of a new blank map when the renderer names none (it sends them in the interface's language). */
export const DEFAULT_ROLE_NAMES = ['Sales manager', 'Client'];
const ROLE_COLOURS = ['#2f80ed', '#27ae60', '#f2994a', '#7c5cff', '#eb5757', '#00a3a3', '#c2549d', '#8d6e63'];

/** A new blank map with one lane per name. */
export function blankMap(title: string, roleNames: readonly string[] | undefined, now: string): MapDoc {
  const doc: MapDoc = { id: newId(), title, description: '', createdAt: now, updatedAt: now, roles: {}, phases: {}, steps: {}, flows: {}, comments: {}, painPoints: {} };
  (roleNames ?? DEFAULT_ROLE_NAMES).forEach((name, order) => {
    const id = newId();
    doc.roles[id] = { id, name, color: ROLE_COLOURS[order % ROLE_COLOURS.length]!, order };
  });
  return doc;
}

/**
 * The maps made from `template`, to store in this order: a landscape's sub-processes first
 * (each from its template in the same language, or, with `existing: 'link'`, the library's map
 * of the same title instead), the map itself last. Every new title differs from the library's
 * and from each other's ("… (2)").
 */
export function mapsFromTemplate(
  all: readonly Template[],
  template: Template,
  opts: { title?: string; existing: 'copy' | 'link'; library: readonly { id: string; title: string; updatedAt: string }[]; now: string },
): MapDoc[] {
  const taken = opts.library.map((m) => m.title);
  const distinct = (t: string) => {
    const d = distinctTitle(t, taken);
    taken.push(d);
    return d;
  };
  const out: MapDoc[] = [];
  const source = structuredClone(template.doc);
  const children = linkedTemplates(all, template);
  const reuse = opts.existing === 'link' ? mapsTitled(Object.fromEntries(Object.entries(children).map(([id, c]) => [id, c.doc.title])), opts.library) : {};
  for (const [stepId, child] of Object.entries(children)) {
    const step = source.steps[stepId];
    if (!step) continue;
    const found = reuse[stepId];
    if (found) {
      step.linkedMapId = found.id;
      continue;
    }
    const childDoc = cloneWithNewIds(child.doc, { title: distinct(child.doc.title), now: opts.now });
    out.push(childDoc);
    step.linkedMapId = childDoc.id;
  }
  out.push(cloneWithNewIds(source, { title: distinct(opts.title ?? template.doc.title), now: opts.now }));
  return out;
}
