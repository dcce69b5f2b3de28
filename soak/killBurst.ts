/**
 * kill -9 burst: several writers stream edits (renames and moves of their own steps, as the
 * editor writes them: `maps:applyChanges` with `diffMaps(before, after)`) while the backend is
 * killed with SIGKILL at random moments and restarted on the same file. After every restart,
 * every acknowledged edit must be in the library (or be overwritten by a later edit of the same
 * field that was in flight when the backend died).
 */
import path from 'node:path';
import { diffMaps } from '../shared/model/diff';
import type { MapDoc } from '../shared/model/types';
import { callHttp, killBackend, must, startBackend, stopBackend, StartFailed, type Backend } from './backend';
import { bump, newResult, note, rng, sleep, tempDir, timed, type ScenarioResult } from './common';

interface Options {
  kills: number;
  writers: number;
  seed: number;
  /** The backend runs this long (random between the two) before it is killed. */
  upMs: [number, number];
}

type Field = 'title' | 'x' | 'y';
const key = (stepId: string, field: Field) => `${stepId}\u0000${field}`;

export function killBurst(opts: Options): Promise<ScenarioResult> {
  const r = newResult('kill -9 burst');
  return timed(r, async () => {
    const random = rng(opts.seed);
    const file = path.join(tempDir('kill'), 'lanemap.sqlite');
    let backend = await startBackend(file);
    const mapId = (await must(backend, 'maps:list', {}))[0]!.id;
    let stored = await must(backend, 'maps:get', { id: mapId });
    const stepIds = Object.keys(stored.steps).sort();
    /** The value last acknowledged for each step field. */
    const acked = new Map<string, unknown>();
    /** Values sent but not answered before the backend died: each may or may not be stored. */
    const inDoubt = new Map<string, unknown[]>();
    let seq = 0;
    let up = true;

    /** One writer: its own steps only, one request at a time, its own idea of what is stored. */
    async function writer(w: number): Promise<void> {
      const mine = stepIds.filter((_, i) => i % opts.writers === w);
      let view: MapDoc = stored;
      while (up) {
        const stepId = mine[Math.floor(random() * mine.length)]!;
        const step = view.steps[stepId]!;
        const n = ++seq;
        const next: MapDoc = structuredClone(view);
        const fields: Partial<Record<Field, unknown>> =
          random() < 0.5
            ? { title: `Правка ${n}: ${step.title.slice(0, 40)}`.slice(0, 120) }
            : { x: Math.round(random() * 2000), y: 20 + Math.round(random() * 100) };
        Object.assign(next.steps[stepId]!, fields);
        const out = await callHttp(backend, 'maps:applyChanges', { id: mapId, changes: diffMaps(view, next) }, 10_000);
        if (out.kind === 'transport') {
          // the backend is gone: this edit may or may not have been stored
          for (const [f, v] of Object.entries(fields)) inDoubt.set(key(stepId, f as Field), [...(inDoubt.get(key(stepId, f as Field)) ?? []), v]);
          return;
        }
        if (!out.reply.ok) {
          bump(r, 'edits refused');
          note(r, `edit ${n} refused: ${out.reply.error.code}: ${out.reply.error.message}`);
          if (out.reply.error.code === 'conflict') r.conflicts++;
          view = await must(backend, 'maps:get', { id: mapId });
          continue;
        }
        r.acknowledged++;
        for (const [f, v] of Object.entries(fields)) {
          acked.set(key(stepId, f as Field), v);
          inDoubt.delete(key(stepId, f as Field));
        }
        view = next;
      }
    }

    /** Every acknowledged value is stored (or one of the values in flight after it). */
    function check(doc: MapDoc, when: string): void {
      for (const [k, value] of acked) {
        const [stepId, field] = k.split('\u0000') as [string, Field];
        const now = doc.steps[stepId]?.[field];
        const allowed = [value, ...(inDoubt.get(k) ?? [])];
        if (!allowed.some((v) => v === now)) {
          r.lost++;
          note(r, `${when}: step ${stepId} ${field} is ${JSON.stringify(now)}, acknowledged ${JSON.stringify(value)}`);
        }
      }
      // what is stored now is the truth every writer continues from
      for (const id of stepIds) for (const f of ['title', 'x', 'y'] as const) acked.set(key(id, f), doc.steps[id]?.[f]);
      inDoubt.clear();
    }

    for (let kill = 1; kill <= opts.kills; kill++) {
      up = true;
      const writers = Array.from({ length: opts.writers }, (_, w) => writer(w));
      await sleep(opts.upMs[0] + random() * (opts.upMs[1] - opts.upMs[0]));
      // died by itself before the kill?
      if (backend.child.exitCode !== null || backend.child.signalCode !== null) {
        r.crashes++;
        note(r, `the backend died by itself before kill ${kill}: ${backend.stderr().slice(-400)}`);
      }
      up = false;
      await killBackend(backend);
      await Promise.all(writers);
      bump(r, 'kills');
      backend = await restart(file, r);
      stored = await must(backend, 'maps:get', { id: mapId });
      check(stored, `after kill ${kill}`);
    }
    const end = await stopBackend(backend);
    if (end.code !== 0) {
      r.crashes++;
      note(r, `the last backend did not stop cleanly: ${end.signal ?? end.code}`);
    }
    // and once more from a fresh process: what is on disk
    const last = await startBackend(file);
    check(await must(last, 'maps:get', { id: mapId }), 'final read');
    await stopBackend(last);
  });
}

/** Starts a backend again on `file`; a start that fails is a crash (tried up to three times). */
async function restart(file: string, r: ScenarioResult): Promise<Backend> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await startBackend(file);
    } catch (e) {
      r.crashes++;
      note(r, `restart failed: ${(e as Error).message} ${e instanceof StartFailed ? e.stderr.slice(-600) : ''}`);
      if (attempt >= 3) throw e;
    }
  }
}
