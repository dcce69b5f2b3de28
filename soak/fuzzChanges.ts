/**
 * Fuzzed edits: `maps:applyChanges` with the references the import check enforces broken
 * (comments on steps, flows or threads that do not exist or are in another map, replies to
 * replies, flows and pain points on missing steps, lanes named `toString`), and valid edits
 * that delete a step or a flow something hangs on. A refused edit must change nothing; an
 * accepted one must leave a map that is whole (soak/integrity.ts) and can be imported again.
 */
import Database from 'better-sqlite3';
import path from 'node:path';
import { diffMaps } from '../shared/model/diff';
import type { MapComment, MapDoc } from '../shared/model/types';
import { callHttp, must, startBackend, stopBackend } from './backend';
import { bump, newResult, note, rng, tempDir, timed, type ScenarioResult } from './common';
import { integrityProblems } from './integrity';

const SPECIAL = ['toString', 'valueOf', 'hasOwnProperty', 'constructor', '__proto__', 'isPrototypeOf'];

export function fuzzChanges(opts: { edits: number; seed: number }): Promise<ScenarioResult> {
  const r = newResult(`${opts.edits.toLocaleString('en')} fuzzed edits`);
  return timed(r, async () => {
    const random = rng(opts.seed);
    const int = (n: number) => Math.floor(random() * n);
    const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)]!;
    const file = path.join(tempDir('edits'), 'lanemap.sqlite');
    const backend = await startBackend(file);
    const db = new Database(file, { readonly: true, fileMustExist: true });
    const snapshot = () => {
      const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[];
      return JSON.stringify(
        tables.map(({ name }) => [
          name,
          db
            .prepare(`SELECT * FROM "${name}"`)
            .all()
            .map((x) => JSON.stringify(x))
            .sort(),
        ]),
      );
    };
    let sampleId = (await must(backend, 'maps:list', {}))[0]!.id;
    const other = await must(backend, 'maps:get', { id: (await must(backend, 'maps:duplicate', { id: sampleId })).id });
    let seq = 0;
    const comment = (targetKind: MapComment['targetKind'], targetId: string | null, parentId: string | null = null): MapComment => ({
      id: `fz-c-${++seq}`,
      targetKind,
      targetId,
      parentId,
      author: 'Анна',
      text: 'Замечание',
      createdAt: '2026-03-05T12:00:00.000Z',
      resolvedAt: null,
      resolvedBy: null,
    });
    try {
      for (let i = 0; i < opts.edits; i++) {
        const before = await must(backend, 'maps:get', { id: sampleId });
        const after: MapDoc = structuredClone(before);
        const steps = Object.values(after.steps);
        const flows = Object.values(after.flows);
        const threads = Object.values(after.comments).filter((c) => c.parentId === null);
        const replies = Object.values(after.comments).filter((c) => c.parentId !== null);
        let how: string;
        const add = (c: MapComment) => void (after.comments[c.id] = c);
        // a map worn down to a few steps gets new ones first
        switch (steps.length < 4 ? -1 : int(12)) {
          case 0:
            add(comment('step', pick([`missing-${i}`, ...SPECIAL])));
            how = 'a comment on a missing step';
            break;
          case 1:
            add(comment('step', pick(Object.keys(other.steps))));
            how = "a comment on another map's step";
            break;
          case 2:
            add(comment('flow', flows.length ? pick(steps).id : 'none'));
            how = 'a comment on a flow that is a step';
            break;
          case 3:
            add(comment('step', pick(steps).id, pick([`missing-${i}`, 'toString'])));
            how = 'a reply to a missing comment';
            break;
          case 4: {
            if (!replies.length) {
              const root = comment('step', pick(steps).id);
              add(root);
              add(comment('step', root.targetId, root.id));
              how = 'a thread with a reply (valid)';
            } else {
              const reply = pick(replies);
              add(comment(reply.targetKind, reply.targetId, reply.id));
              how = 'a reply to a reply';
            }
            break;
          }
          case 5: {
            const s = pick(steps);
            after.flows[`fz-f-${++seq}`] = {
              id: `fz-f-${seq}`,
              fromStepId: s.id,
              toStepId: pick([`missing-${i}`, ...SPECIAL, pick(Object.keys(other.steps))]),
              label: '',
            };
            how = 'a flow to a missing step';
            break;
          }
          case 6:
            after.painPoints[`fz-p-${++seq}`] = {
              id: `fz-p-${seq}`,
              stepId: pick([`missing-${i}`, ...SPECIAL]),
              kind: 'idea',
              votes: 1,
              createdAt: '2026-03-05T12:00:00.000Z',
            };
            how = 'a pain point on a missing step';
            break;
          case 7:
            pick(steps).roleId = pick(SPECIAL);
            how = 'a step in a lane named like an Object method';
            break;
          case 8: {
            // a valid edit: comment a step (and a flow), mark a pain point, then later cases delete them
            const s = pick(steps);
            add(comment('step', s.id));
            if (flows.length) add(comment('flow', pick(flows).id));
            after.painPoints[`fz-p-${++seq}`] = { id: `fz-p-${seq}`, stepId: s.id, kind: 'bottleneck', votes: 2, createdAt: '2026-03-05T12:00:00.000Z' };
            how = 'comments and a pain point (valid)';
            break;
          }
          case 9: {
            // the step goes in this change; what hangs on it is left for the backend to remove
            const target = threads.find((c) => c.targetKind === 'step' && c.targetId && after.steps[c.targetId]);
            const victim = target?.targetId ?? pick(steps).id;
            delete after.steps[victim];
            for (const f of Object.values(after.flows)) if (f.fromStepId === victim || f.toStepId === victim) delete after.flows[f.id];
            how = 'a step with comments deleted, its comments left to the backend';
            break;
          }
          case 10: {
            const target = threads.find((c) => c.targetKind === 'flow' && c.targetId && after.flows[c.targetId]);
            if (!target) {
              how = 'nothing to delete';
              break;
            }
            delete after.flows[target.targetId!];
            how = 'a flow with comments deleted, its comments left to the backend';
            break;
          }
          default: {
            if (steps.length < 4) {
              // keep a map to work on: a fresh copy of the other map's steps would do, but a new step is enough
              const s = structuredClone(pick(Object.values(other.steps)));
              s.id = `fz-s-${++seq}`;
              s.roleId = Object.keys(after.roles)[0]!;
              s.phaseId = null;
              delete s.linkedMapId;
              after.steps[s.id] = s;
              how = 'a new step (valid)';
            } else {
              pick(steps).title = `Шаг ${i}`;
              how = 'a rename (valid)';
            }
          }
        }
        const snap = snapshot();
        const out = await callHttp(backend, 'maps:applyChanges', { id: sampleId, changes: diffMaps(before, after) });
        if (out.kind === 'transport') {
          r.crashes++;
          note(r, `edit ${i} (${how}): ${out.error}`);
          break;
        }
        if (out.reply.ok) {
          r.acknowledged++;
          const problems = integrityProblems(await must(backend, 'maps:get', { id: sampleId }));
          if (problems.length) {
            r.changes++;
            bump(r, 'broken maps stored');
            note(r, `edit ${i} (${how}) was accepted and left the map broken: ${problems[0]}`);
            // go on with a whole map (a copy of the other one), so one defect is counted once
            await must(backend, 'maps:delete', { id: sampleId });
            sampleId = (await must(backend, 'maps:duplicate', { id: other.id })).id;
          }
        } else {
          bump(r, 'refused');
          if (out.reply.error.code === 'internal') {
            bump(r, 'internal errors');
            note(r, `edit ${i} (${how}): ${out.reply.error.message.slice(0, 200)}`);
          }
          if (snapshot() !== snap) {
            r.changes++;
            note(r, `edit ${i} (${how}) was refused but changed the library`);
          }
        }
      }
    } finally {
      db.close();
      const end = await stopBackend(backend);
      if (end.code !== 0) r.crashes++;
    }
  });
}
