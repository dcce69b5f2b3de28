/**
 * Copy, cut, paste and duplicate of the selected steps with the flows among them (issue 13).
 *
 * What is copied is a fragment (shared/model/fragment.ts): the steps with every property, the
 * flows with both ends among them, and their lanes' and phases' names. It goes to the system
 * clipboard as `application/x-lanemap+json` (the copy event's clipboardData; the async
 * Clipboard API's web custom format `web application/x-lanemap+json`) beside the titles as
 * plain text, one a line, so it survives switching maps and reaches another window; an
 * in-memory copy serves the same window when the system clipboard cannot be read.
 *
 * A paste is one `pasteFragment` command (one undo): in the same map next to the copied steps
 * (+40, +40 per repeated paste, never exactly on a step), or, when the pointer is over the
 * canvas (or `at` is given), with the first step under the pointer, in the lane under it (the
 * other steps keep their lanes relative to it, as in Visio); in another map lanes and phases
 * are matched by name and the missing ones created, with a notice. Lines of plain text pasted
 * from elsewhere become steps, one a line, in the lane under the pointer.
 */
import { useReactFlow, type ReactFlowInstance } from '@xyflow/react';
import { useEffect } from 'react';
import { cmd } from '../../shared/model/commands';
import { FRAGMENT_MIME, fragmentText, makeFragment, matchFragment, parseFragment, type Fragment } from '../../shared/model/fragment';
import { columnAt, frameSize, laneAt } from '../../shared/model/geometry';
import { newId } from '../../shared/model/ids';
import { LIMITS, type MapDoc, type Point } from '../../shared/model/types';
import { geometryOf, isDown, toFrame, toScreen } from '../canvas/frame';
import { revealStep } from '../canvas/viewport';
import { t } from '../i18n';
import { notify } from '../store/notices';
import { useEditorStore } from '../store/context';
import type { EditorStore } from '../store/editorStore';
import { deleteSelection } from './actions';
import { isTyping } from './useEditorShortcuts';

/** The async Clipboard API's name for our type (a web custom format). */
const WEB_MIME = `web ${FRAGMENT_MIME}`;
const OFFSET = 40;

/** The last copy of this window: the fallback when the system clipboard cannot be read. */
let memory: { fragment: Fragment; text: string } | null = null;
/** Pastes of the current copy into its own map so far (each one 40 further). */
let repeats = 0;
/** Where the pointer is over the canvas (screen point), null when it is elsewhere. */
let pointer: Point | null = null;
/** A fragment waiting for the next copy event (a copy asked for without a key: execCommand). */
let pendingCopy: { fragment: Fragment; text: string } | null = null;

/** A paste asked for without a key (the context menu): the paste event it raises goes here. */
let commandPaste: { at: Point | undefined; done: boolean } | null = null;

/** Absolute frame x of each step (a paste under the pointer keeps the steps' distances across phase columns). */
type Carried = Fragment & { at?: Record<string, number> };

function fragmentOf(store: EditorStore): Carried | null {
  const { doc, selection } = store.getState();
  if (!doc) return null;
  const f: Carried | null = makeFragment(doc, selection.steps);
  if (!f) return null;
  const g = geometryOf(doc);
  f.at = Object.fromEntries(f.steps.map((s) => [s.id, g.positions.get(s.id)?.x ?? s.x]));
  return f;
}

function remember(f: Fragment): { fragment: Fragment; text: string } {
  memory = { fragment: f, text: fragmentText(f) };
  repeats = 0;
  return memory;
}

/** Writes to the system clipboard through the async API (our type and the titles); false when not allowed. */
async function writeAsync(entry: { fragment: Fragment; text: string }): Promise<boolean> {
  try {
    if (typeof ClipboardItem === 'undefined' || !navigator.clipboard?.write) return false;
    const item = new ClipboardItem({
      'text/plain': new Blob([entry.text], { type: 'text/plain' }),
      [WEB_MIME]: new Blob([JSON.stringify(entry.fragment)], { type: WEB_MIME }),
    });
    await navigator.clipboard.write([item]);
    return true;
  } catch {
    return false;
  }
}

/** Copies the selected steps (with the flows among them) to the system clipboard. */
export async function copySelection(store: EditorStore): Promise<boolean> {
  const f = fragmentOf(store);
  if (!f) {
    notify.info(t('clipboard.nothingSelected'));
    return false;
  }
  const entry = remember(f);
  if (await writeAsync(entry)) return true;
  // no permission for the async API: the copy command's event carries it (needs a user's click)
  pendingCopy = entry;
  try {
    document.execCommand('copy');
  } catch {
    // the in-memory copy still serves this window
  }
  pendingCopy = null;
  return true;
}

/** Copies, then deletes the selection as one undoable edit. */
export async function cutSelection(store: EditorStore): Promise<boolean> {
  if (!(await copySelection(store))) return false;
  deleteSelection(store);
  return true;
}

/** What the system clipboard holds, through the async API (null: nothing readable or not allowed). */
async function readAsync(): Promise<{ fragment: Fragment | null; text: string | null } | null> {
  try {
    if (!navigator.clipboard?.read) return null;
    const items = await navigator.clipboard.read();
    let fragment: Fragment | null = null;
    let text: string | null = null;
    for (const item of items) {
      if (!fragment && item.types.includes(WEB_MIME)) fragment = parseFragment(await (await item.getType(WEB_MIME)).text());
      if (text === null && item.types.includes('text/plain')) text = await (await item.getType('text/plain')).text();
    }
    return { fragment, text };
  } catch {
    try {
      return { fragment: null, text: await navigator.clipboard.readText() };
    } catch {
      return null;
    }
  }
}

/** Pastes what the clipboard holds; `at` is a screen point (the pointer, a context menu's place). */
export async function pasteClipboard(store: EditorStore, flow: ReactFlowInstance | null, at?: { x: number; y: number }): Promise<boolean> {
  const where = at ?? pointer ?? undefined;
  // the desktop shell lets the page run the paste command: its paste event carries the
  // clipboard as a key press does (a browser refuses it, and the async API is asked instead)
  commandPaste = { at: where, done: false };
  try {
    document.execCommand('paste');
  } catch {
    // not allowed here
  }
  const handled = commandPaste.done;
  commandPaste = null;
  if (handled) return true;
  const read = await readAsync();
  return pasteFrom(store, flow, where, read?.fragment ?? null, read ? read.text : null);
}

/**
 * Pastes `fragment` when there is one; else the in-memory copy when the clipboard's text is
 * its text (or unreadable); else the text's lines as new steps.
 */
function pasteFrom(store: EditorStore, flow: ReactFlowInstance | null, at: Point | undefined, fragment: Fragment | null, text: string | null): boolean {
  if (fragment) return pasteFragment(store, flow, fragment, at);
  if (memory && (text === null || text.trim() === '' || text.replace(/\r\n/g, '\n').trim() === memory.text.trim())) return pasteFragment(store, flow, memory.fragment, at);
  if (text && text.trim()) return pasteLines(store, flow, text, at);
  notify.info(t('clipboard.empty'));
  return false;
}

/** Copies the selection next to itself in the same map (one undo). */
export function duplicateSelection(store: EditorStore, flow: ReactFlowInstance | null): boolean {
  const f = fragmentOf(store);
  if (!f) {
    notify.info(t('clipboard.nothingSelected'));
    return false;
  }
  return pasteFragment(store, flow, f, undefined, 1);
}

const quoteAll = (names: string[]) => names.map((name) => t('clipboard.quoted', { name })).join(', ');

/**
 * Where each step of `f` goes when the first one is put under screen point `at`: lanes keep
 * their distance from the first step's lane, phase columns follow from where each step lands.
 */
function placesUnder(doc: MapDoc, flow: ReactFlowInstance, f: Carried, roles: Record<string, string>, at: Point) {
  const g = geometryOf(doc);
  if (g.lanes.length === 0) return null;
  const p = toFrame(isDown(doc), flow.screenToFlowPosition(at));
  const sizeOf = frameSize(doc.direction);
  const first = f.steps[0]!;
  const firstSize = sizeOf(first);
  const lane = laneAt(g.lanes, p.y) ?? (p.y < 0 ? g.lanes[0]! : g.lanes[g.lanes.length - 1]!);
  const laneIndex = (roleId: string | undefined) => g.lanes.findIndex((l) => l.role.id === roleId);
  const shift = laneIndex(lane.role.id) - laneIndex(roles[first.roleId]);
  const absX = (id: string, x: number) => f.at?.[id] ?? x;
  const dx = p.x - firstSize.width / 2 - absX(first.id, first.x);
  const dy = Math.round(p.y - lane.top - firstSize.height / 2 - first.y);
  const places: Record<string, { x: number; y: number; roleId: string; phaseId: string | null }> = {};
  for (const s of f.steps) {
    const own = laneIndex(roles[s.roleId]);
    // a lane made for this paste is not on the map yet: the step stays in it
    const roleId = own < 0 ? roles[s.roleId]! : g.lanes[Math.max(0, Math.min(g.lanes.length - 1, own + (laneIndex(roles[first.roleId]) < 0 ? 0 : shift)))]!.role.id;
    const x = Math.round(absX(s.id, s.x) + dx);
    const column = columnAt(g.columns, x + sizeOf(s).width / 2);
    places[s.id] = { roleId, phaseId: column ? (column.phase?.id ?? null) : null, x: column ? x - column.left : x, y: Math.max(28, s.y + dy) };
  }
  return places;
}

/** Runs one pasteFragment for `f`; selects what was pasted. `repeat` forces an offset paste (duplicate). */
function pasteFragment(store: EditorStore, flow: ReactFlowInstance | null, f: Carried, at: Point | undefined, repeat?: number): boolean {
  const doc = store.getState().doc;
  if (!doc) return false;
  if (!Array.isArray(f.steps) || f.steps.length === 0 || !Array.isArray(f.flows)) {
    notify.error(t('clipboard.damaged'));
    return false;
  }
  let m: ReturnType<typeof matchFragment>;
  try {
    m = matchFragment(doc, f, newId);
  } catch {
    notify.error(t('clipboard.damaged'));
    return false;
  }
  const ids = {
    steps: Object.fromEntries(f.steps.map((s) => [String(s?.id), newId()])),
    flows: Object.fromEntries(f.flows.map((x) => [String(x?.id), newId()])),
  };
  const sameMap = f.mapId === doc.id;
  let places: ReturnType<typeof placesUnder> = null;
  if (at && flow && repeat === undefined) {
    try {
      places = placesUnder(doc, flow, f, m.roles, at);
    } catch {
      places = null;
    }
  }
  // never exactly on a step: the same lane and column and (nearly) the same place
  const taken = (roleId: string | undefined, phaseId: string | null, x: number, y: number) =>
    Object.values(doc.steps).some((s) => s.roleId === roleId && (s.phaseId ?? null) === phaseId && Math.abs(s.x - x) < 10 && Math.abs(s.y - y) < 10);
  const phaseOf = (s: Fragment['steps'][number]) => (s.phaseId ? (m.phases[s.phaseId] ?? null) : null);
  let offset = { x: 0, y: 0 };
  if (places) {
    const first = f.steps[0]!;
    let k = 0;
    while (k < 50 && taken(places[first.id]!.roleId, places[first.id]!.phaseId, places[first.id]!.x + k * OFFSET, places[first.id]!.y + k * OFFSET)) k++;
    if (k) for (const p of Object.values(places)) Object.assign(p, { x: p.x + k * OFFSET, y: p.y + k * OFFSET });
  } else {
    let k = repeat ?? (sameMap ? ++repeats : 0);
    const hits = (n: number) => f.steps.some((s) => taken(m.roles[s.roleId], phaseOf(s), s.x + n * OFFSET, s.y + n * OFFSET));
    while (k < 200 && hits(k)) k++;
    if (repeat === undefined && sameMap) repeats = k;
    offset = { x: k * OFFSET, y: k * OFFSET };
  }
  // a route stays right only when everything moved together within its lanes
  const routeShift = !places && sameMap ? toScreen(isDown(doc), offset) : undefined;
  const ok = store.getState().run(
    cmd('pasteFragment', { fragment: f, ids, roles: m.roles, phases: m.phases, newRoles: m.newRoles, newPhases: m.newPhases, places: places ?? undefined, offset, routeShift }),
  );
  if (!ok) return false;
  const pasted = f.steps.map((s) => ids.steps[s.id]!);
  store.getState().select({ steps: pasted, flows: [] });
  if (m.newRoles.length) notify.info(t('clipboard.createdLanes', { names: quoteAll(m.newRoles.map((r) => r.name)) }));
  if (m.newPhases.length) notify.info(t('clipboard.createdPhases', { names: quoteAll(m.newPhases.map((p) => p.name)) }));
  const now = store.getState().doc;
  if (flow && now && !at) revealStep(flow, now, pasted[0]!);
  return true;
}

/** Lines of text from elsewhere (a column from Excel, a list from Word) as new steps, one a line, in the lane under the pointer. */
function pasteLines(store: EditorStore, flow: ReactFlowInstance | null, text: string, at: Point | undefined): boolean {
  const doc = store.getState().doc;
  if (!doc) return false;
  const lines = text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    // a row of cells from a spreadsheet: its first cell
    .map((l) => l.split('\t')[0]!.trim())
    .filter(Boolean)
    .slice(0, LIMITS.itemsPerList)
    .map((l) => (l.length > LIMITS.title ? l.slice(0, LIMITS.title) : l));
  if (lines.length === 0) {
    notify.info(t('clipboard.empty'));
    return false;
  }
  const g = geometryOf(doc);
  if (g.lanes.length === 0) {
    notify.error(t('clipboard.noLane'));
    return false;
  }
  let roleId = doc.steps[store.getState().selection.steps[0] ?? '']?.roleId ?? g.lanes[0]!.role.id;
  let phaseId: string | null = null;
  if (at && flow) {
    const p = toFrame(isDown(doc), flow.screenToFlowPosition(at));
    roleId = (laneAt(g.lanes, p.y) ?? g.lanes[0]!).role.id;
    const column = columnAt(g.columns, p.x);
    phaseId = column ? (column.phase?.id ?? null) : null;
  }
  const adds = lines.map((title) => ({ id: newId(), kind: 'task' as const, title, roleId, phaseId }));
  if (!store.getState().run(cmd('pasteSteps', { roles: [], phases: [], updates: [], adds }))) return false;
  store.getState().select({ steps: adds.map((a) => a.id), flows: [] });
  notify.info(t('clipboard.pastedText', { count: adds.length }));
  if (flow) revealStep(flow, store.getState().doc!, adds[0]!.id);
  return true;
}

/** True when the map's canvas is what the keys act on: shown, no dialog open, not typing, not in a view with its own keys. */
function canvasHasKeys(target: EventTarget | null): boolean {
  if (document.querySelector('[role="dialog"]')) return false;
  if (!document.querySelector('.canvas') || document.querySelector('.map-layer[aria-hidden="true"]')) return false;
  if (isTyping(target)) return false;
  if (target instanceof Element && target.closest('[data-own-keys]')) return false;
  // a text selection (a notice, the inspector's read-only text) copies as text
  const sel = document.getSelection();
  if (sel && !sel.isCollapsed && sel.toString().trim()) return false;
  return true;
}

/** Ctrl/Cmd+C, X, V, D on the map (and the copy / cut / paste events they raise). Wired in useEditorShortcuts. */
export function useClipboardShortcuts() {
  const store = useEditorStore();
  const flow = useReactFlow();
  useEffect(() => {
    let copyEvent = false;
    let pasteEvent = false;
    const onMove = (e: PointerEvent) => {
      const el = e.target instanceof Element ? e.target : null;
      pointer = el?.closest('.canvas .react-flow') && !el.closest('.react-flow__panel, .react-flow__minimap, .react-flow__controls') ? { x: e.clientX, y: e.clientY } : null;
    };
    const onLeave = () => {
      pointer = null;
    };
    const onCopy = (e: ClipboardEvent, cut: boolean) => {
      const entry = pendingCopy ?? (canvasHasKeys(e.target) ? (() => {
        const f = fragmentOf(store);
        return f ? remember(f) : null;
      })() : null);
      if (!entry || !e.clipboardData) return;
      copyEvent = true;
      e.preventDefault();
      e.clipboardData.setData('text/plain', entry.text);
      e.clipboardData.setData(FRAGMENT_MIME, JSON.stringify(entry.fragment));
      if (cut && !pendingCopy) deleteSelection(store);
    };
    const onPaste = (e: ClipboardEvent) => {
      const asked = commandPaste;
      if (!asked && !canvasHasKeys(e.target)) return;
      if (asked) asked.done = true;
      pasteEvent = true;
      e.preventDefault();
      const data = e.clipboardData;
      const fragment = parseFragment(data?.getData(FRAGMENT_MIME));
      const text = data?.getData('text/plain') ?? null;
      const at = asked ? asked.at : (pointer ?? undefined);
      if (fragment) {
        pasteFragment(store, flow, fragment, at);
        return;
      }
      // another window's copy through the async API carries our type only there
      void readAsync().then((read) => pasteFrom(store, flow, at, read?.fragment ?? null, text ?? read?.text ?? null));
    };
    const onKey = (e: KeyboardEvent) => {
      const mod = e.ctrlKey || e.metaKey;
      if (!mod || e.altKey || e.shiftKey) return;
      const key = e.key.toLowerCase();
      // layouts other than Latin: the physical key
      const code = e.code === 'KeyC' ? 'c' : e.code === 'KeyX' ? 'x' : e.code === 'KeyV' ? 'v' : e.code === 'KeyD' ? 'd' : key;
      if (!['c', 'x', 'v', 'd'].includes(code) || !canvasHasKeys(e.target)) return;
      if (code === 'd') {
        e.preventDefault();
        if (store.getState().selection.steps.length) duplicateSelection(store, flow);
        return;
      }
      if ((code === 'c' || code === 'x') && store.getState().selection.steps.length === 0) return;
      // the browser raises copy / cut / paste right after this key (handled above); when it
      // does not (a desktop shell without an Edit menu), the next task does the work
      copyEvent = false;
      pasteEvent = false;
      const at = pointer ?? undefined;
      setTimeout(() => {
        if (code === 'v' && !pasteEvent) void pasteClipboard(store, flow, at);
        else if (code === 'c' && !copyEvent) void copySelection(store);
        else if (code === 'x' && !copyEvent) void cutSelection(store);
      }, 0);
    };
    // Chromium raises copy / cut / paste outside text fields only when these are answered
    const enable = (e: Event) => {
      if (canvasHasKeys(e.target) && (e.type === 'beforepaste' || store.getState().selection.steps.length)) e.preventDefault();
    };
    const before = ['beforecopy', 'beforecut', 'beforepaste'];
    for (const type of before) document.addEventListener(type, enable);
    const copy = (e: ClipboardEvent) => onCopy(e, false);
    const cut = (e: ClipboardEvent) => onCopy(e, true);
    document.addEventListener('copy', copy);
    document.addEventListener('cut', cut);
    document.addEventListener('paste', onPaste);
    window.addEventListener('keydown', onKey, true);
    window.addEventListener('pointermove', onMove, true);
    document.documentElement.addEventListener('pointerleave', onLeave);
    return () => {
      for (const type of before) document.removeEventListener(type, enable);
      document.removeEventListener('copy', copy);
      document.removeEventListener('cut', cut);
      document.removeEventListener('paste', onPaste);
      window.removeEventListener('keydown', onKey, true);
      window.removeEventListener('pointermove', onMove, true);
      document.documentElement.removeEventListener('pointerleave', onLeave);
    };
  }, [store, flow]);
}

/** Whether this window holds a copy (the context menu may offer Paste). */
export const hasCopy = () => memory !== null;
