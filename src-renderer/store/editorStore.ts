/**
 * The editor's state: the open map, its undo history, the selection. Every edit goes through
 * `run(command)`: the next document is computed by the pure command, pushed on the history,
 * and the row-level difference is written to storage at once. Undo and redo move along the
 * history and write their difference the same way, so what is stored is what is on screen.
 */
import { createStore } from 'zustand/vanilla';
import type { LanemapApi } from '../../shared/contract';
import { applyCommand, CommandError, type Command } from '../../shared/model/commands';
import { diffMaps, isEmptyChange } from '../../shared/model/diff';
import { describeIssues, MapChangesSchema, type MapChanges } from '../../shared/model/schema';
import type { MapDoc } from '../../shared/model/types';

export interface Selection {
  steps: string[];
  flows: string[];
}

interface HistoryEntry {
  doc: MapDoc;
  /** Edits with the same key in a row (typing in one field) merge into one undo step. */
  key?: string;
}

export interface EditorState {
  doc: MapDoc | null;
  loading: boolean;
  past: HistoryEntry[];
  future: MapDoc[];
  lastKey?: string;
  selection: Selection;
  pendingWrites: number;
  load(mapId: string): Promise<void>;
  close(): void;
  /** Runs an edit; returns false (and tells the user) when the edit is not possible. */
  run(command: Command, opts?: { coalesceKey?: string }): boolean;
  undo(): void;
  redo(): void;
  select(selection: Selection): void;
  /** Resolves when every edit so far is stored. */
  flush(): Promise<void>;
}

const HISTORY_LIMIT = 500;
const EMPTY: Selection = { steps: [], flows: [] };

function sameSelection(a: Selection, b: Selection) {
  return (
    a.steps.length === b.steps.length &&
    a.flows.length === b.flows.length &&
    a.steps.every((s, i) => s === b.steps[i]) &&
    a.flows.every((f, i) => f === b.flows[i])
  );
}

/** Keeps only selected ids that still exist in `doc`. */
function prune(sel: Selection, doc: MapDoc): Selection {
  const steps = sel.steps.filter((id) => doc.steps[id]);
  const flows = sel.flows.filter((id) => doc.flows[id]);
  return steps.length === sel.steps.length && flows.length === sel.flows.length ? sel : { steps, flows };
}

export function createEditorStore(api: LanemapApi, notify: { error(text: string): void }) {
  let queue: Promise<void> = Promise.resolve();
  // bumped when a write fails and the map is reloaded: writes queued before that are dropped
  let generation = 0;
  // only the latest load may set the document (opening maps quickly one after another)
  let loadSeq = 0;

  return createStore<EditorState>((set, get) => {
    /** Writes `changes` after the writes before it; on failure reloads what is stored. */
    function persist(mapId: string, changes: MapChanges) {
      if (isEmptyChange(changes)) return;
      const gen = generation;
      set({ pendingWrites: get().pendingWrites + 1 });
      queue = queue
        .then(() => (gen === generation ? api['maps:applyChanges']({ id: mapId, changes }) : undefined))
        .then(
          () => set({ pendingWrites: get().pendingWrites - 1 }),
          async (e: Error) => {
            generation += 1;
            set({ pendingWrites: get().pendingWrites - 1 });
            notify.error(`Could not save the last change: ${e.message}. The map was reloaded as stored.`);
            try {
              const stored = await api['maps:get']({ id: mapId });
              if (get().doc?.id === stored.id) set({ doc: stored, past: [], future: [], lastKey: undefined, selection: prune(get().selection, stored) });
            } catch (e2) {
              notify.error(`The map could not be reloaded: ${(e2 as Error).message}`);
            }
          },
        );
    }

    function moveTo(target: MapDoc, past: HistoryEntry[], future: MapDoc[]) {
      const current = get().doc;
      if (!current) return;
      set({ doc: target, past, future, lastKey: undefined, selection: prune(get().selection, target) });
      persist(target.id, diffMaps(current, target));
    }

    return {
      doc: null,
      loading: false,
      past: [],
      future: [],
      selection: EMPTY,
      pendingWrites: 0,
      async load(mapId) {
        const seq = ++loadSeq;
        set({ loading: true, doc: null, past: [], future: [], selection: EMPTY, lastKey: undefined });
        try {
          const doc = await api['maps:get']({ id: mapId });
          if (seq === loadSeq) set({ doc, loading: false });
        } catch (e) {
          if (seq !== loadSeq) return;
          set({ loading: false });
          notify.error(`Could not open the map: ${(e as Error).message}`);
        }
      },
      close() {
        loadSeq += 1;
        set({ doc: null, past: [], future: [], selection: EMPTY, lastKey: undefined });
      },
      run(command, opts) {
        const doc = get().doc;
        if (!doc) return false;
        let next: MapDoc;
        try {
          next = applyCommand(doc, command);
        } catch (e) {
          if (e instanceof CommandError) {
            notify.error(e.message);
            return false;
          }
          throw e;
        }
        if (next === doc) return true;
        const changes = diffMaps(doc, next);
        if (isEmptyChange(changes)) return true;
        // the same rules the backend enforces, checked before the screen changes
        const valid = MapChangesSchema.safeParse(changes);
        if (!valid.success) {
          notify.error(`That edit is not possible: ${describeIssues(valid.error)}`);
          return false;
        }
        const key = opts?.coalesceKey;
        const merge = key !== undefined && key === get().lastKey && get().past.length > 0;
        const past = merge ? get().past : [...get().past, { doc, key }].slice(-HISTORY_LIMIT);
        set({ doc: next, past, future: [], lastKey: key, selection: prune(get().selection, next) });
        persist(next.id, changes);
        return true;
      },
      undo() {
        const { past, future, doc } = get();
        const entry = past[past.length - 1];
        if (!entry || !doc) return;
        moveTo(entry.doc, past.slice(0, -1), [doc, ...future]);
      },
      redo() {
        const { past, future, doc } = get();
        const target = future[0];
        if (!target || !doc) return;
        moveTo(target, [...past, { doc }], future.slice(1));
      },
      select(selection) {
        if (!sameSelection(selection, get().selection)) set({ selection });
      },
      flush() {
        return queue;
      },
    };
  });
}

export type EditorStore = ReturnType<typeof createEditorStore>;
