/**
 * Two (or more) backends on one library file, as the desktop app and `npm run web` would be:
 * (a) started at the same moment on a file that does not exist yet (migrations and the sample
 *     map race), every start must succeed and the library must hold one sample map;
 * (b) each receiving hundreds of concurrent writes: none may fail ("database is locked"), and
 *     every acknowledged write must be in the library.
 */
import path from 'node:path';
import { diffMaps } from '../shared/model/diff';
import type { MapDoc } from '../shared/model/types';
import { callHttp, must, startBackend, stopBackend, StartFailed, type Backend, type Outcome } from './backend';
import { bump, newResult, note, tempDir, timed, type ScenarioResult } from './common';

export function firstStarts(opts: { rounds: number; processes: number }): Promise<ScenarioResult> {
  const r = newResult(`${opts.processes} first starts at once`);
  return timed(r, async () => {
    for (let round = 1; round <= opts.rounds; round++) {
      const file = path.join(tempDir('first'), 'lanemap.sqlite');
      const starts = await Promise.allSettled(Array.from({ length: opts.processes }, () => startBackend(file)));
      const up: Backend[] = [];
      for (const s of starts) {
        if (s.status === 'fulfilled') up.push(s.value);
        else {
          r.crashes++;
          const e = s.reason as Error;
          note(r, `round ${round}: a start failed: ${e.message} ${e instanceof StartFailed ? lastLine(e.stderr) : ''}`);
        }
      }
      bump(r, 'starts', opts.processes);
      if (up.length > 0) {
        const maps = await must(up[0]!, 'maps:list', {});
        if (maps.length !== 1) {
          bump(r, 'libraries without exactly one sample map');
          note(r, `round ${round}: the new library holds ${maps.length} maps`);
        }
      }
      for (const b of up) {
        const end = await stopBackend(b);
        if (end.code !== 0) {
          r.crashes++;
          note(r, `round ${round}: a backend ended with ${end.signal ?? end.code}: ${lastLine(b.stderr())}`);
        }
      }
    }
  });
}

export function concurrentWrites(opts: { processes: number; writes: number; maps: number }): Promise<ScenarioResult> {
  const r = newResult(`${opts.processes} processes, ${opts.writes} writes each`);
  return timed(r, async () => {
    const file = path.join(tempDir('writes'), 'lanemap.sqlite');
    // the first start makes the library; the others open it
    const backends: Backend[] = [await startBackend(file)];
    for (let p = 1; p < opts.processes; p++) backends.push(await startBackend(file));
    /** Each process writes to maps of its own (created through it). */
    const own: MapDoc[][] = [];
    for (const [p, b] of backends.entries()) {
      const docs: MapDoc[] = [];
      for (let m = 0; m < opts.maps; m++) docs.push(await must(b, 'maps:create', { title: `Процесс ${p}, карта ${m}` }));
      own.push(docs);
    }
    const created: string[] = [];
    const addedSteps: { mapId: string; stepId: string }[] = [];
    const failures = new Map<string, number>();

    /** Write i of process p: a new map, a rename, or a new step on one of its maps. */
    async function write(p: number, i: number): Promise<void> {
      const b = backends[p]!;
      const doc = own[p]![i % opts.maps]!;
      const kind = i % 3;
      let out: Outcome<'maps:create'> | Outcome<'maps:rename'> | Outcome<'maps:applyChanges'>;
      let done: () => void = () => undefined;
      if (kind === 0) {
        const o = await callHttp(b, 'maps:create', { title: `Новая карта ${p}-${i}` });
        out = o;
        done = () => void (o.kind === 'reply' && o.reply.ok && created.push(o.reply.value.id));
      } else if (kind === 1) {
        out = await callHttp(b, 'maps:rename', { id: doc.id, title: `Карта ${p}-${i % opts.maps}, правка ${i}` });
      } else {
        const stepId = `soak-${p}-${i}`;
        const next = structuredClone(doc);
        next.steps[stepId] = {
          id: stepId,
          kind: 'task',
          title: `Шаг ${i} процесса ${p}`,
          description: '',
          roleId: Object.keys(doc.roles)[0]!,
          phaseId: null,
          x: (i % 40) * 200,
          y: 40,
          duration: null,
          inputs: [],
          outputs: [],
          resources: [],
        };
        out = await callHttp(b, 'maps:applyChanges', { id: doc.id, changes: diffMaps(doc, next) });
        done = () => void addedSteps.push({ mapId: doc.id, stepId });
      }
      if (out.kind === 'transport') {
        failures.set(`transport: ${out.error}`, (failures.get(`transport: ${out.error}`) ?? 0) + 1);
        return;
      }
      if (!out.reply.ok) {
        if (out.reply.error.code === 'conflict') r.conflicts++;
        const k = `${out.reply.error.code}: ${out.reply.error.message}`.slice(0, 160);
        failures.set(k, (failures.get(k) ?? 0) + 1);
        return;
      }
      r.acknowledged++;
      done();
    }

    await Promise.all(backends.flatMap((_, p) => Array.from({ length: opts.writes }, (_, i) => write(p, i))));
    const failed = [...failures.values()].reduce((a, b) => a + b, 0);
    r.extra['writes failed'] = failed;
    for (const [k, n] of [...failures].sort((a, b) => b[1] - a[1]).slice(0, 4)) note(r, `${n} × ${k}`);

    // every acknowledged write is in the library, read through a fresh process
    for (const b of backends) {
      const end = await stopBackend(b);
      if (end.code !== 0) {
        r.crashes++;
        note(r, `a backend ended with ${end.signal ?? end.code}: ${lastLine(b.stderr())}`);
      }
    }
    const reader = await startBackend(file);
    const ids = new Set((await must(reader, 'maps:list', {})).map((m) => m.id));
    for (const id of created) if (!ids.has(id)) r.lost++;
    const docs = new Map<string, MapDoc>();
    for (const { mapId, stepId } of addedSteps) {
      if (!docs.has(mapId)) docs.set(mapId, await must(reader, 'maps:get', { id: mapId }));
      if (!docs.get(mapId)!.steps[stepId]) r.lost++;
    }
    await stopBackend(reader);
  });
}

/** The error line of a child's stderr (not its stack, not Node's banner). */
function lastLine(s: string): string {
  const lines = s.split('\n').map((l) => l.trim());
  const error = lines.find((l) => /^\w*Error\b|Error:/.test(l));
  return (
    error ??
    lines
      .filter((l) => l && !l.startsWith('at ') && !l.startsWith('Node.js'))
      .slice(-2)
      .join(' | ')
  ).slice(0, 400);
}
