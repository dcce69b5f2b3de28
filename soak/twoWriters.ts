/**
 * Two editors on one map, each an editor store (src-renderer/store/editorStore.ts) over HTTP
 * to the same backend, as two browser tabs would be. Every edit each side makes is recorded
 * field by field (what its screen showed before and after); once both have flushed, each
 * side's last edit of every field is classified against the stored map:
 *   stored      the stored map has it;
 *   superseded  the other side changed it, having seen it (its "before" was this value);
 *   conflict    its author's store reported a conflict on that row after the edit;
 *   told        its author was shown a save error after the edit (but no conflict on the row);
 *   cascaded    none of these, and the row went with a step the other side deleted without
 *               knowing of it (a flow or comment on it): lost without a word, counted as lost;
 *   LOST        none of these: lost without a word.
 * Scripted cases from the probe (title vs description, delete vs rename both ways, undo after
 * the other's edit) and a randomised mix of edits, undos and redos.
 */
import fs from 'node:fs';
import path from 'node:path';
import { cmd, type Command } from '../shared/model/commands';
import type { LanemapApi } from '../shared/contract';
import type { MapDoc } from '../shared/model/types';
import { createEditorStore, type EditorStore } from '../src-renderer/store/editorStore';
import { httpApi, must, startBackend, stopBackend } from './backend';
import { bump, newResult, note, rng, tempDir, timed, type ScenarioResult } from './common';
import { integrityProblems } from './integrity';

const TABLES = ['roles', 'phases', 'steps', 'flows', 'comments', 'painPoints'] as const;
const MAP_FIELDS = ['title', 'description', 'direction', 'purpose', 'owner', 'status', 'approval'] as const;
const DELETED = '(deleted)';
const CREATED = '(created)';

/** One field of one row as an author's screen changed it. */
interface Atom {
  author: 'A' | 'B';
  seq: number;
  table: string;
  id: string;
  /** A field name, or DELETED / CREATED for the whole row. */
  field: string;
  value: unknown;
  /** The author's screen before: the field's old value (the whole old row for a delete). */
  before: unknown;
  /** The row as the author's screen has it after the edit (before it, for a delete). */
  row: Record<string, unknown> | null;
  what: string;
}

interface Author {
  name: 'A' | 'B';
  store: EditorStore;
  /** When (in edit order) a conflict was reported, and on which rows. */
  conflicts: { at: number; ids: Set<string>; titles: string[] }[];
  errors: { at: number; text: string }[];
}

type Verdict = 'stored' | 'superseded' | 'conflict' | 'told' | 'cascaded' | 'lost';

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** The atoms of one screen change, field by field. */
function atomsOf(author: 'A' | 'B', seq: number, before: MapDoc, after: MapDoc, what: string): Atom[] {
  const out: Atom[] = [];
  for (const f of MAP_FIELDS) {
    if (!same(before[f], after[f]))
      out.push({ author, seq, table: 'map', id: after.id, field: f, value: after[f] ?? null, before: before[f] ?? null, row: null, what });
  }
  for (const t of TABLES) {
    const ra = (before[t] ?? {}) as unknown as Record<string, Record<string, unknown>>;
    const rb = (after[t] ?? {}) as unknown as Record<string, Record<string, unknown>>;
    if (ra === rb) continue;
    for (const [id, row] of Object.entries(rb)) {
      const old = Object.hasOwn(ra, id) ? ra[id] : undefined;
      if (old === row) continue;
      if (!old) {
        out.push({ author, seq, table: t, id, field: CREATED, value: row, before: null, row, what });
        continue;
      }
      for (const k of new Set([...Object.keys(old), ...Object.keys(row)])) {
        if (!same(old[k], row[k])) out.push({ author, seq, table: t, id, field: k, value: row[k] ?? null, before: old[k] ?? null, row, what });
      }
    }
    for (const [id, old] of Object.entries(ra))
      if (!Object.hasOwn(rb, id)) out.push({ author, seq, table: t, id, field: DELETED, value: null, before: old, row: old, what });
  }
  return out;
}

function storedValue(doc: MapDoc, a: Atom): { present: boolean; value: unknown } {
  if (a.table === 'map') return { present: true, value: (doc as unknown as Record<string, unknown>)[a.field] ?? null };
  const rows = (doc[a.table as (typeof TABLES)[number]] ?? {}) as unknown as Record<string, Record<string, unknown>>;
  if (!Object.hasOwn(rows, a.id)) return { present: false, value: undefined };
  return { present: true, value: rows[a.id]![a.field] ?? null };
}

/** The verdict on each author's last change of each field. */
function classify(final: MapDoc, atoms: Atom[], authors: Record<'A' | 'B', Author>): { verdict: Verdict; atom: Atom }[] {
  const last = new Map<string, Atom>();
  for (const a of atoms) {
    // a row's fields and its deletion are one thing to each author: the later one counts
    const k = `${a.author}|${a.table}|${a.id}|${a.field === DELETED || a.field === CREATED ? '*' : a.field}`;
    const prev = last.get(k);
    if (!prev || prev.seq <= a.seq) last.set(k, a);
    if (a.field === DELETED) for (const [k2, b] of last) if (k2.startsWith(`${a.author}|${a.table}|${a.id}|`) && b.seq < a.seq) last.delete(k2);
  }
  const out: { verdict: Verdict; atom: Atom }[] = [];
  for (const a of last.values()) {
    const now = storedValue(final, a);
    let inStore: boolean;
    if (a.field === DELETED) inStore = !now.present;
    else if (a.field === CREATED) inStore = now.present;
    else inStore = now.present && same(now.value, a.value);
    if (inStore) {
      out.push({ verdict: 'stored', atom: a });
      continue;
    }
    // the other side changed it knowing this value (its edit was made from it). Screen order does
    // not matter: an edit made from the old value, stored after this author's undo put that value
    // back, is an edit of that value too
    const seen = atoms.some(
      (b) =>
        b.author !== a.author &&
        b.table === a.table &&
        b.id === a.id &&
        // a created row is seen by whoever touches it; a deleted one by whoever creates it again
        // from its absence (both sides deleted it, then one undid its own delete)
        (a.field === CREATED
          ? true
          : a.field === DELETED
            ? b.field === CREATED
            : (b.field === a.field && same(b.before, a.value)) || (b.field === DELETED && same((b.before as Record<string, unknown>)[a.field], a.value))),
    );
    if (seen) {
      out.push({ verdict: 'superseded', atom: a });
      continue;
    }
    // a flow, comment or pain point that went with a step the other side deleted (not knowing of it)
    const refs = a.row ? [a.row.fromStepId, a.row.toStepId, a.row.targetId, a.row.stepId].filter((x): x is string => typeof x === 'string') : [];
    // (not when the other side deleted this very row: then it knew of it and should have been refused)
    const wentWith =
      !now.present &&
      !atoms.some((b) => b.author !== a.author && b.id === a.id && b.field === DELETED) &&
      refs.some((ref) => !Object.hasOwn(final.steps, ref) && atoms.some((b) => b.author !== a.author && b.id === ref && b.field === DELETED));
    const who = authors[a.author];
    if (who.conflicts.some((c) => c.at >= a.seq && (c.ids.has(a.id) || (a.table === 'map' && c.ids.has('map'))))) out.push({ verdict: 'conflict', atom: a });
    else if (who.errors.some((e) => e.at >= a.seq)) out.push({ verdict: 'told', atom: a });
    else if (wentWith) out.push({ verdict: 'cascaded', atom: a });
    else out.push({ verdict: 'lost', atom: a });
  }
  return out;
}

/** The API with every write and read written to the round's log (for the trace of a round that lost an edit). */
function tracedApi(api: LanemapApi, name: string, log: string[], seq: () => number): LanemapApi {
  const short = (v: unknown) => JSON.stringify(v)?.slice(0, 300);
  const traced = { ...api };
  traced['maps:applyChanges'] = async (input) => {
    const c = input.changes;
    const parts = [
      c.map ? `map ${short(c.map)}` : '',
      ...Object.entries(c.upsert).flatMap(([t, rows]) => (rows as { id: string }[]).map((row) => `upsert ${t} ${row.id}`)),
      ...Object.entries(c.remove).flatMap(([t, ids]) => ids.map((id) => `remove ${t} ${id}`)),
    ].filter(Boolean);
    log.push(`  @${seq()} ${name} → applyChanges ${parts.join(', ')}`);
    try {
      const out = await api['maps:applyChanges'](input);
      log.push(`  @${seq()} ${name} ← stored ${short(out)}`);
      return out;
    } catch (e) {
      log.push(`  @${seq()} ${name} ← refused ${(e as { code?: string }).code}: ${(e as Error).message.slice(0, 200)}`);
      throw e;
    }
  };
  traced['maps:get'] = async (input) => {
    log.push(`  @${seq()} ${name} → maps:get`);
    return api['maps:get'](input);
  };
  return traced;
}

/** `traceDir`: where a round that lost an edit writes what happened in it. */
export function twoWriters(opts: { rounds: number; seed: number; traceDir?: string }): Promise<ScenarioResult> {
  const r = newResult('two editors on one map');
  return timed(r, async () => {
    const random = rng(opts.seed);
    const file = path.join(tempDir('writers'), 'lanemap.sqlite');
    const backend = await startBackend(file);
    const sampleId = (await must(backend, 'maps:list', {}))[0]!.id;
    let seq = 0;
    let ids = 0;
    let currentLog: string[] = [];
    const verdicts: Record<Verdict, number> = { stored: 0, superseded: 0, conflict: 0, told: 0, cascaded: 0, lost: 0 };

    /** One case: a fresh copy of the sample map, two editors on it, `script` drives them. */
    async function round(
      label: string,
      script: (a: Author, b: Author, edit: (who: Author, fn: () => unknown, what: string) => void, atoms: Atom[]) => Promise<void>,
    ) {
      const copy = await must(backend, 'maps:duplicate', { id: sampleId, title: `Два редактора: ${label}`.slice(0, 120) });
      const atoms: Atom[] = [];
      /** What happened in this round, written out when an edit is lost. */
      const log: string[] = [];
      currentLog = log;
      const make = (name: 'A' | 'B'): Author => {
        const author: Author = { name, store: undefined as unknown as EditorStore, conflicts: [], errors: [] };
        // `conflict` is the editor store's report of a refused, conflicting write (one call per refused write)
        const notify = {
          error: (text: string) => {
            author.errors.push({ at: seq, text });
            log.push(`  @${seq} ${name} is shown: ${text}`);
          },
          conflict: (rows: { table: string; id: string; title: string }[]) => {
            r.conflicts++;
            author.conflicts.push({ at: seq, ids: new Set(rows.map((x) => (x.table === 'map' ? 'map' : x.id))), titles: rows.map((x) => x.title) });
            log.push(`  @${seq} ${name} is told of a conflict on ${rows.map((x) => `${x.table} ${x.id} “${x.title}”`).join(', ')}`);
          },
        };
        author.store = createEditorStore(
          tracedApi(httpApi(backend), name, log, () => seq),
          notify,
        );
        return author;
      };
      const A = make('A');
      const B = make('B');
      await A.store.getState().load(copy.id);
      await B.store.getState().load(copy.id);
      const edit = (who: Author, fn: () => unknown, what: string) => {
        const before = who.store.getState().doc;
        fn();
        const after = who.store.getState().doc;
        seq++;
        if (before && after && before !== after) {
          const found = atomsOf(who.name, seq, before, after, what);
          atoms.push(...found);
          log.push(`#${seq} ${what}: ${found.map((a) => `${a.table} ${a.id} ${a.field}=${JSON.stringify(a.value)?.slice(0, 40)}`).join('; ')}`);
          r.acknowledged += found.length > 0 ? 1 : 0;
        }
      };
      await script(A, B, edit, atoms);
      // everything written, conflicts reloaded (a reload may write nothing more; twice to be sure)
      for (let k = 0; k < 2; k++) await Promise.all([A.store.getState().flush(), B.store.getState().flush()]);
      const final = await must(backend, 'maps:get', { id: copy.id });
      const problems = integrityProblems(final);
      if (problems.length > 0) {
        bump(r, 'broken maps stored');
        note(r, `${label}: the stored map is broken: ${problems[0]}`);
      }
      let lostHere = 0;
      for (const { verdict, atom } of classify(final, atoms, { A, B })) {
        verdicts[verdict]++;
        if (verdict === 'lost' || verdict === 'cascaded') {
          r.lost++;
          lostHere++;
          const now = storedValue(final, atom);
          log.push(
            `${verdict.toUpperCase()}: ${atom.author} #${atom.seq} ${atom.table} ${atom.id} ${atom.field}: stored ${now.present ? JSON.stringify(now.value)?.slice(0, 80) : '(no row)'}`,
          );
          note(
            r,
            `${label}: ${atom.author}'s “${atom.what}” (${atom.table} ${atom.id} ${atom.field} = ${JSON.stringify(atom.value)?.slice(0, 60)}) was lost without a word${verdict === 'cascaded' ? ' (it went with a step the other editor deleted)' : ''}${opts.traceDir ? ` (trace in ${opts.traceDir})` : ''}`,
          );
        }
      }
      if (lostHere > 0 && opts.traceDir) {
        fs.mkdirSync(opts.traceDir, { recursive: true });
        fs.writeFileSync(path.join(opts.traceDir, `${label.replace(/[^\p{L}\p{N}]+/gu, '-')}.log`), `${log.join('\n')}\n`);
      }
      bump(r, 'errors shown', A.errors.length + B.errors.length);
      A.store.getState().close();
      B.store.getState().close();
      await must(backend, 'maps:delete', { id: copy.id });
    }

    const firstTask = (doc: MapDoc) => Object.values(doc.steps).find((s) => s.kind === 'task')!.id;
    const doc = (who: Author) => who.store.getState().doc!;
    const run = (who: Author, c: Command) => who.store.getState().run(c);
    const flush = (who: Author) => {
      currentLog.push(`  ${who.name} waits until its edits are stored`);
      return who.store.getState().flush();
    };

    await round('title vs description', async (A, B, edit) => {
      const id = firstTask(doc(A));
      edit(A, () => run(A, cmd('updateStep', { stepId: id, patch: { title: 'Квалификация (A)' } })), 'A renames the step');
      edit(B, () => run(B, cmd('updateStep', { stepId: id, patch: { description: 'Описание от B' } })), 'B describes the step');
      await Promise.all([flush(A), flush(B)]);
    });
    await round('delete, then a stale rename', async (A, B, edit) => {
      const id = firstTask(doc(A));
      edit(A, () => run(A, cmd('deleteElements', { stepIds: [id], flowIds: [] })), 'A deletes the step');
      await flush(A);
      edit(B, () => run(B, cmd('updateStep', { stepId: id, patch: { title: 'Переименовал B' } })), 'B renames the deleted step');
      await flush(B);
    });
    await round('rename, then a stale delete', async (A, B, edit) => {
      const id = firstTask(doc(A));
      edit(B, () => run(B, cmd('updateStep', { stepId: id, patch: { title: 'Переименовал B' } })), 'B renames the step');
      await flush(B);
      edit(A, () => run(A, cmd('deleteElements', { stepIds: [id], flowIds: [] })), 'A deletes the renamed step');
      await flush(A);
    });
    await round('undo after the other’s edit', async (A, B, edit) => {
      const id = firstTask(doc(A));
      edit(A, () => run(A, cmd('updateStep', { stepId: id, patch: { title: 'Первое название (A)' } })), 'A renames the step');
      await flush(A);
      // B opens the map now and sees A's title
      await B.store.getState().load(doc(A).id);
      edit(B, () => run(B, cmd('updateStep', { stepId: id, patch: { title: 'Второе название (B)' } })), 'B renames it again');
      await flush(B);
      edit(A, () => A.store.getState().undo(), 'A undoes its rename');
      await flush(A);
    });
    await round('undo after a stale editor’s edit', async (A, B, edit) => {
      const id = firstTask(doc(A));
      edit(A, () => run(A, cmd('updateStep', { stepId: id, patch: { title: 'Первое название (A)' } })), 'A renames the step');
      await flush(A);
      edit(B, () => run(B, cmd('updateStep', { stepId: id, patch: { title: 'Второе название (B)' } })), 'B (stale) renames it');
      await flush(B);
      edit(A, () => A.store.getState().undo(), 'A undoes its rename');
      await flush(A);
    });

    for (let n = 1; n <= opts.rounds; n++) {
      await round(`mix ${n}`, async (A, B, edit) => {
        const ops = 4 + Math.floor(random() * 9);
        for (let k = 0; k < ops; k++) {
          const who = random() < 0.5 ? A : B;
          const d = doc(who);
          const steps = Object.values(d.steps);
          const flows = Object.values(d.flows);
          const step = steps[Math.floor(random() * steps.length)];
          const flow = flows[Math.floor(random() * flows.length)];
          const pick = random();
          if (!step) break;
          if (pick < 0.22)
            edit(
              who,
              () => run(who, cmd('updateStep', { stepId: step.id, patch: { title: `${who.name}${k}: ${step.title}`.slice(0, 100) } })),
              `${who.name} renames ${step.id}`,
            );
          else if (pick < 0.36)
            edit(
              who,
              () => run(who, cmd('updateStep', { stepId: step.id, patch: { description: `Описание ${who.name}${k}` } })),
              `${who.name} describes ${step.id}`,
            );
          else if (pick < 0.5)
            edit(
              who,
              () =>
                run(
                  who,
                  cmd('moveSteps', { moves: [{ stepId: step.id, x: Math.round(random() * 1500), y: 20 + Math.round(random() * 80), roleId: step.roleId }] }),
                ),
              `${who.name} moves ${step.id}`,
            );
          else if (pick < 0.58) edit(who, () => run(who, cmd('deleteElements', { stepIds: [step.id], flowIds: [] })), `${who.name} deletes ${step.id}`);
          else if (pick < 0.68) {
            const id = `mix-${opts.seed}-${++ids}`;
            edit(
              who,
              () => run(who, cmd('addStepAfter', { afterStepId: step.id, id, flowId: `${id}-f`, kind: 'task', title: `Новый шаг ${who.name}` })),
              `${who.name} adds ${id}`,
            );
          } else if (pick < 0.75 && flow)
            edit(who, () => run(who, cmd('setFlowLabel', { flowId: flow.id, label: `${who.name}${k}` })), `${who.name} labels ${flow.id}`);
          else if (pick < 0.9) edit(who, () => who.store.getState().undo(), `${who.name} undoes`);
          else edit(who, () => who.store.getState().redo(), `${who.name} redoes`);
          if (random() < 0.5) await flush(who);
          // each user action is its own task in a browser: promise callbacks run before the next one
          else await new Promise((resolve) => setImmediate(resolve));
        }
      });
    }
    Object.assign(r.extra, Object.fromEntries(Object.entries(verdicts).map(([k, v]) => [`edits ${k}`, v])));
    const end = await stopBackend(backend);
    if (end.code !== 0) {
      r.crashes++;
      note(r, `the backend ended with ${end.signal ?? end.code}`);
    }
  });
}
