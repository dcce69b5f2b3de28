/**
 * The map store's contract (src-main/storage/store.ts), run against both stores: the local
 * SQLite library (sqliteStore over the repository) and the team library on a real PostgreSQL
 * (src-main/storage/pg/pgStore.ts, on a throw-away cluster started for this file). Whatever
 * one store answers, the other must answer too: the same maps read back, the same conditional
 * writes (stale values refused and named, other fields merged, deletes against edits, retries),
 * the same revisions, any script and any size of text.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { diffMaps } from '../../shared/model/diff';
import { cloneWithNewIds } from '../../shared/model/clone';
import type { MapChanges } from '../../shared/model/schema';
import type { MapDoc, Step } from '../../shared/model/types';
import { openLibrary } from '../../src-main/storage/database';
import { createMapRepository } from '../../src-main/storage/mapRepository';
import { openPgStore } from '../../src-main/storage/pg/pgStore';
import { ConflictError, NotFoundError, sqliteStore, type MapStore } from '../../src-main/storage/store';
import { content, salesMap } from '../support/builders';
import { removeTempDirs, tempDir, tickingClock } from '../support/library';
import { startCluster, type TempCluster } from '../support/postgres';
import { randomMap } from '../support/randomMaps';

let cluster: TempCluster | undefined;
afterAll(async () => {
  await cluster?.stop();
  removeTempDirs();
});

const backends: { name: string; open(): Promise<{ store: MapStore; close(): Promise<void> }> }[] = [
  {
    name: 'SQLite',
    async open() {
      const { db } = openLibrary(path.join(tempDir(), 'lanemap.sqlite'));
      return { store: sqliteStore(createMapRepository(db)), close: async () => void db.close() };
    },
  },
  {
    name: 'PostgreSQL',
    async open() {
      cluster ??= await startCluster();
      const store = await openPgStore(await cluster.createDatabase());
      return { store, close: () => store.close() };
    },
  },
];

let made = 0;
/** A sales map with ids of its own (ids are unique across a whole library). */
const freshMap = (overrides: Parameters<typeof salesMap>[1] = {}) => salesMap(`m${++made}`, overrides);
/** `doc` changed by `fn` (on a deep copy), as an editor would have it. */
function edited(doc: MapDoc, fn: (d: MapDoc) => void): MapDoc {
  const copy = structuredClone(doc);
  fn(copy);
  return copy;
}
const stepOf = (doc: MapDoc, suffix: string): Step => Object.values(doc.steps).find((s) => s.id.endsWith(`-${suffix}`))!;

/** The refusal `promise` ends with, or a failure if it is not one. */
async function refusal<E extends Error>(promise: Promise<unknown>, kind: new (...args: never[]) => E): Promise<E> {
  try {
    await promise;
  } catch (e) {
    expect(e).toBeInstanceOf(kind);
    return e as E;
  }
  throw new Error(`expected a ${kind.name}, the call succeeded`);
}

describe.each(backends)('the map store on $name', (backend) => {
  let store: MapStore;
  let close: () => Promise<void>;
  const now = tickingClock();
  beforeAll(async () => {
    ({ store, close } = await backend.open());
  }, 120_000);
  afterAll(async () => {
    await close?.();
  });

  /** Stores a new map and returns it as the store reads it back. */
  async function stored(doc = freshMap()): Promise<MapDoc> {
    await store.insert(doc);
    return store.read(doc.id);
  }
  const apply = (id: string, changes: MapChanges, then?: MapChanges[]) => store.apply(id, changes, now(), then);

  test('a new map reads back as it was written, is listed with its step count and summary, and starts at revision 0', async () => {
    const doc = freshMap();
    await store.insert(doc);
    expect(await store.read(doc.id)).toEqual(doc);
    expect((await store.read(doc.id, { fieldsOnly: true })).steps).toEqual({});
    const listed = (await store.list()).find((m) => m.id === doc.id);
    expect(listed).toEqual({
      id: doc.id,
      title: doc.title,
      status: 'draft',
      owner: '',
      nextReview: null,
      createdAt: doc.createdAt,
      updatedAt: doc.updatedAt,
      stepCount: 5,
      partOf: [],
    });
    expect(await store.summary(doc.id)).toEqual(listed);
    expect(await store.state(doc.id)).toEqual({ revision: 0, updatedAt: doc.updatedAt });
    // the same ids again are refused, and the first map is untouched
    await expect(store.insert({ ...doc, title: 'Другая' })).rejects.toThrow();
    expect((await store.read(doc.id)).title).toBe(doc.title);
  });

  test('an edit is stored, and each write raises the revision by one', async () => {
    const base = await stored();
    const qualify = stepOf(base, 'qualify');
    const renamed = edited(base, (d) => {
      d.steps[qualify.id]!.title = 'Квалификация по BANT';
      d.steps[qualify.id]!.inputs.push('Бриф');
    });
    expect(await apply(base.id, diffMaps(base, renamed))).toEqual({ previousRevision: 0, revision: 1 });
    const moved = edited(renamed, (d) => {
      d.steps[qualify.id]!.x += 40;
      d.title = 'Воронка (новая)';
    });
    expect(await apply(base.id, diffMaps(renamed, moved))).toEqual({ previousRevision: 1, revision: 2 });
    expect(content(await store.read(base.id))).toEqual(content(moved));
    expect(await store.state(base.id)).toMatchObject({ revision: 2 });
    expect((await store.summary(base.id)).title).toBe('Воронка (новая)');
  });

  test('rows added and removed in one write: a new step with its flow in, a step with its flows out', async () => {
    const base = await stored();
    const [offer, manager] = [stepOf(base, 'offer'), Object.values(base.roles)[0]!];
    const next = edited(base, (d) => {
      d.steps[`${base.id}-new`] = { ...stepOf(base, 'won'), id: `${base.id}-new`, title: 'Архив', kind: 'task', roleId: manager.id, inputs: ['Договор'] };
      d.flows[`${base.id}-fnew`] = { id: `${base.id}-fnew`, fromStepId: stepOf(base, 'won').id, toStepId: `${base.id}-new`, label: '' };
      delete d.steps[offer.id];
      for (const f of Object.values(d.flows)) if (f.fromStepId === offer.id || f.toStepId === offer.id) delete d.flows[f.id];
    });
    await apply(base.id, diffMaps(base, next));
    const back = await store.read(base.id);
    expect(content(back)).toEqual(content(next));
    expect(Object.keys(back.steps)).not.toContain(offer.id);
    expect((await store.summary(base.id)).stepCount).toBe(5);
  });

  test('comments stay consistent: one on a step not in the map is refused (nothing of the edit stored), a thread goes with its replies', async () => {
    const base = await stored();
    const comment = (id: string, over: Partial<MapDoc['comments'][string]> = {}) => ({
      id: `${base.id}-${id}`,
      targetKind: 'map' as const,
      targetId: null,
      parentId: null,
      author: 'Анна',
      text: `Комментарий ${id}`,
      createdAt: '2026-03-02T10:00:00.000Z',
      resolvedAt: null,
      resolvedBy: null,
      ...over,
    });
    const astray = edited(base, (d) => {
      d.title = 'Не сохранится';
      d.comments[`${base.id}-x`] = comment('x', { targetKind: 'step', targetId: 'no-such-step' });
    });
    await expect(apply(base.id, diffMaps(base, astray))).rejects.toThrow('A comment is on a step or flow that is not in this map.');
    expect(await store.read(base.id)).toEqual(base);
    const threaded = edited(base, (d) => {
      d.comments[`${base.id}-t`] = comment('t');
      d.comments[`${base.id}-r`] = comment('r', { parentId: `${base.id}-t`, createdAt: '2026-03-02T10:05:00.000Z' });
    });
    await apply(base.id, diffMaps(base, threaded));
    expect(Object.keys((await store.read(base.id)).comments)).toEqual([`${base.id}-t`, `${base.id}-r`]);
    await apply(base.id, diffMaps(threaded, edited(threaded, (d) => {
      delete d.comments[`${base.id}-t`];
      delete d.comments[`${base.id}-r`];
    })));
    expect((await store.read(base.id)).comments).toEqual({});
  });

  test('a change made on a stale value is refused whole, naming the row, and nothing of it is stored', async () => {
    const base = await stored();
    const lead = stepOf(base, 'lead');
    const theirs = edited(base, (d) => void (d.steps[lead.id]!.title = 'Их заголовок'));
    await apply(base.id, diffMaps(base, theirs));
    const mine = edited(base, (d) => {
      d.steps[lead.id]!.title = 'Мой заголовок';
      d.steps[stepOf(base, 'won').id]!.title = 'Тоже моё';
    });
    const e = await refusal(apply(base.id, diffMaps(base, mine)), ConflictError);
    expect(e.conflicts).toEqual([{ table: 'steps', id: lead.id, title: 'Их заголовок', reason: 'changed' }]);
    expect(e.message).toContain('«Их заголовок»');
    const back = await store.read(base.id);
    expect(back.steps[lead.id]!.title).toBe('Их заголовок');
    expect(back.steps[stepOf(base, 'won').id]!.title).toBe('Сделка закрыта');
    expect(await store.state(base.id)).toMatchObject({ revision: 1 });
    // the map's own fields too
    const t1 = edited(base, (d) => void (d.title = 'Первый'));
    const t2 = edited(base, (d) => void (d.title = 'Второй'));
    await apply(base.id, diffMaps(base, t1));
    expect((await refusal(apply(base.id, diffMaps(base, t2)), ConflictError)).conflicts).toEqual([{ table: 'map', id: base.id, title: 'Первый', reason: 'changed' }]);
  });

  test('two writers changing different fields of one step (and of the map) both keep theirs', async () => {
    const base = await stored();
    const qualify = stepOf(base, 'qualify');
    const a = edited(base, (d) => {
      d.steps[qualify.id]!.title = 'Квалификация по BANT';
      d.description = 'Описание от А';
    });
    const b = edited(base, (d) => {
      d.steps[qualify.id]!.description = 'Звонок в течение часа';
      d.steps[qualify.id]!.outputs = ['Лид', 'Оценка'];
      d.owner = 'Б. Иванова';
    });
    await apply(base.id, diffMaps(base, a));
    await apply(base.id, diffMaps(base, b));
    const back = await store.read(base.id);
    expect(back.steps[qualify.id]).toMatchObject({ title: 'Квалификация по BANT', description: 'Звонок в течение часа', outputs: ['Лид', 'Оценка'] });
    expect(back.steps[qualify.id]!.inputs).toEqual(qualify.inputs);
    expect(back).toMatchObject({ description: 'Описание от А', owner: 'Б. Иванова' });
  });

  test('delete against edit: a rename of a deleted step is refused (deleted), a delete of a renamed step is refused (changed)', async () => {
    const base = await stored();
    const [offer, won] = [stepOf(base, 'offer'), stepOf(base, 'won')];
    const without = (d: MapDoc, id: string) => {
      delete d.steps[id];
      for (const f of Object.values(d.flows)) if (f.fromStepId === id || f.toStepId === id) delete d.flows[f.id];
    };
    await apply(base.id, diffMaps(base, edited(base, (d) => without(d, offer.id))));
    const rename = edited(base, (d) => void (d.steps[offer.id]!.title = 'Скидка 10 %'));
    expect((await refusal(apply(base.id, diffMaps(base, rename)), ConflictError)).conflicts).toEqual([
      { table: 'steps', id: offer.id, title: 'Согласование скидки', reason: 'deleted' },
    ]);
    const now1 = await store.read(base.id);
    await apply(base.id, diffMaps(now1, edited(now1, (d) => void (d.steps[won.id]!.title = 'Сделка выиграна'))));
    const conflicts = (await refusal(apply(base.id, diffMaps(now1, edited(now1, (d) => without(d, won.id)))), ConflictError)).conflicts;
    expect(conflicts).toContainEqual({ table: 'steps', id: won.id, title: 'Сделка выиграна', reason: 'changed' });
    expect((await store.read(base.id)).steps[won.id]?.title).toBe('Сделка выиграна');
    expect((await store.read(base.id)).steps[offer.id]).toBeUndefined();
  });

  test('a step both writers delete: the second is told it was gone already; a step commented on meanwhile is not deleted', async () => {
    const base = await stored();
    const offer = stepOf(base, 'offer');
    const gone = edited(base, (d) => {
      delete d.steps[offer.id];
      for (const f of Object.values(d.flows)) if (f.fromStepId === offer.id || f.toStepId === offer.id) delete d.flows[f.id];
    });
    await apply(base.id, diffMaps(base, gone));
    const again = await apply(base.id, diffMaps(base, gone));
    expect(again.alreadyGone).toEqual(expect.arrayContaining([{ table: 'steps', id: offer.id }]));
    // someone comments on a step; another editor, not knowing, deletes it: refused, the comment named
    const now1 = await store.read(base.id);
    const won = stepOf(now1, 'won');
    const commented = edited(now1, (d) => {
      d.comments[`${base.id}-c1`] = { id: `${base.id}-c1`, targetKind: 'step', targetId: won.id, parentId: null, author: 'Анна', text: 'Проверить «сделку»', createdAt: now(), resolvedAt: null, resolvedBy: null };
    });
    await apply(base.id, diffMaps(now1, commented));
    const deleting = edited(now1, (d) => {
      delete d.steps[won.id];
      for (const f of Object.values(d.flows)) if (f.fromStepId === won.id || f.toStepId === won.id) delete d.flows[f.id];
    });
    expect((await refusal(apply(base.id, diffMaps(now1, deleting)), ConflictError)).conflicts).toEqual([
      { table: 'comments', id: `${base.id}-c1`, title: 'Проверить «сделку»', reason: 'exists' },
    ]);
    // deleting it knowing the comment takes the comment with it
    const current = await store.read(base.id);
    await apply(base.id, diffMaps(current, edited(current, (d) => {
      delete d.steps[won.id];
      delete d.comments[`${base.id}-c1`];
      for (const f of Object.values(d.flows)) if (f.fromStepId === won.id || f.toStepId === won.id) delete d.flows[f.id];
    })));
    expect((await store.read(base.id)).comments).toEqual({});
  });

  test('the same change sent twice (its first answer lost) is no conflict; repeated with `then` it is skipped; over a newer value it is refused', async () => {
    const base = await stored();
    const lead = stepOf(base, 'lead');
    const moved = edited(base, (d) => void (d.steps[lead.id]!.x += 10));
    const change = diffMaps(base, moved);
    await apply(base.id, change);
    await apply(base.id, change);
    expect((await store.read(base.id)).steps[lead.id]!.x).toBe(lead.x + 10);
    // a closing page: the write on its way, then everything since
    const later = edited(moved, (d) => void (d.steps[lead.id]!.title = 'Заявка с сайта'));
    const r = await apply(base.id, change, [diffMaps(moved, later)]);
    expect(r.revision).toBe(r.previousRevision + 1);
    expect((await store.read(base.id)).steps[lead.id]).toMatchObject({ x: lead.x + 10, title: 'Заявка с сайта' });
    // an added step sent twice
    const added = edited(later, (d) => void (d.steps[`${base.id}-new`] = { ...d.steps[lead.id]!, id: `${base.id}-new`, title: 'Новый' }));
    const add = diffMaps(later, added);
    await apply(base.id, add);
    await apply(base.id, add);
    expect((await store.read(base.id)).steps[`${base.id}-new`]?.title).toBe('Новый');
    // a repeat over someone else's newer value
    const theirs = edited(added, (d) => void (d.steps[lead.id]!.title = 'Их'));
    await apply(base.id, diffMaps(added, theirs));
    const mine = diffMaps(added, edited(added, (d) => void (d.steps[lead.id]!.title = 'Моё')));
    expect((await refusal(apply(base.id, mine), ConflictError)).conflicts).toEqual([{ table: 'steps', id: lead.id, title: 'Их', reason: 'changed' }]);
    // as a write on its way (with `then`) it is dropped, and what came after it stored
    const after = diffMaps(theirs, edited(theirs, (d) => void (d.steps[lead.id]!.description = 'Потом')));
    await apply(base.id, mine, [after]);
    expect((await store.read(base.id)).steps[lead.id]).toMatchObject({ title: 'Их', description: 'Потом' });
  });

  test('a row of another map is refused, and a write to a map that is gone says so', async () => {
    const one = await stored();
    const two = await stored();
    const foreign = stepOf(one, 'lead');
    const stealing = edited(two, (d) => void (d.steps[foreign.id] = { ...foreign, roleId: Object.keys(two.roles)[0]!, title: 'Чужой' }));
    const e = await refusal(apply(two.id, diffMaps(two, stealing)), ConflictError);
    expect(e.message).toContain(foreign.id);
    expect((await store.read(one.id)).steps[foreign.id]!.title).toBe(foreign.title);
    await store.remove(two.id);
    await refusal(apply(two.id, diffMaps(two, edited(two, (d) => void (d.title = 'x')))), NotFoundError);
    await refusal(store.read(two.id), NotFoundError);
    await refusal(store.state(two.id), NotFoundError);
    await refusal(store.summary(two.id), NotFoundError);
    await refusal(store.remove(two.id), NotFoundError);
    await refusal(store.rename(two.id, 'x', now()), NotFoundError);
    expect((await store.list()).map((m) => m.id)).not.toContain(two.id);
  });

  test('an approved map whose content changes is a draft again; a change of its owner alone keeps the approval', async () => {
    const base = await stored(freshMap());
    const approved = edited(base, (d) => {
      d.status = 'approved';
      d.approval = { by: 'Руководитель', at: '2026-03-02T10:00:00.000Z' };
    });
    await apply(base.id, diffMaps(base, approved));
    await apply(base.id, diffMaps(approved, edited(approved, (d) => void (d.owner = 'Пётр'))));
    expect(await store.read(base.id)).toMatchObject({ status: 'approved', owner: 'Пётр' });
    const now1 = await store.read(base.id);
    await apply(base.id, diffMaps(now1, edited(now1, (d) => void (d.steps[stepOf(d, 'lead').id]!.title = 'Иначе'))));
    const back = await store.read(base.id);
    expect(back.status).toBeUndefined();
    expect(back.approval).toEqual({ by: 'Руководитель', at: '2026-03-02T10:00:00.000Z' });
  });

  test('everything a step, flow and map carry round-trips, and an edit made from the written map (not the one read back) is no conflict', async () => {
    const base = freshMap();
    const [r0, r1, r2] = Object.keys(base.roles);
    const qualify = stepOf(base, 'qualify');
    const lead = stepOf(base, 'lead');
    const full = edited(base, (d) => {
      d.phases[`${base.id}-ph`] = { id: `${base.id}-ph`, name: 'Квалификация', order: 0, kpis: [{ id: 'k1', name: 'Конверсия', unit: '%', target: 30, current: 25, better: 'higher' }] };
      Object.assign(d.steps[qualify.id]!, {
        phaseId: `${base.id}-ph`,
        // keys in an order no sorting gives back: a long id first
        raci: { [r2!]: 'A', [r0!]: 'I', [r1!]: 'C' },
        parties: [{ kind: 'inputs', item: 'Заявка с сайта', party: 'Клиент' }],
        kpis: [{ id: 'k2', name: 'Время ответа', unit: 'ч', target: 1, current: 3, better: 'lower' }],
        wait: { value: 2, unit: 'h' },
        automation: 'partial',
        system: 'amoCRM',
        width: 300,
        pinned: true,
      });
      Object.assign(d.steps[lead.id]!, { trigger: 'message' });
      const ev = { ...d.steps[lead.id]!, id: `${base.id}-ev`, kind: 'event' as const, trigger: 'timer' as const, throwing: true as const, x: 130 };
      d.steps[ev.id] = ev;
      const f = Object.values(d.flows)[0]!;
      Object.assign(f, { route: [{ x: 0.1, y: 0.2 }, { x: 260.5, y: 40 }], share: 62.5, message: true });
      d.notes = { [`${base.id}-n1`]: { id: `${base.id}-n1`, text: 'Заметка 📝', x: 10, y: -40, width: 180, stepId: qualify.id } };
      d.painPoints[`${base.id}-p1`] = { id: `${base.id}-p1`, stepId: qualify.id, kind: 'waiting', votes: 3, createdAt: '2026-03-02T10:00:00.000Z' };
      d.comments[`${base.id}-c1`] = { id: `${base.id}-c1`, targetKind: 'map', targetId: null, parentId: null, author: 'Анна', text: 'Тема', createdAt: '2026-03-02T10:00:00.000Z', resolvedAt: null, resolvedBy: null };
      d.comments[`${base.id}-c2`] = { id: `${base.id}-c2`, targetKind: 'map', targetId: null, parentId: `${base.id}-c1`, author: 'Борис', text: 'Ответ', createdAt: '2026-03-02T10:01:00.000Z', resolvedAt: null, resolvedBy: null };
      Object.assign(d, {
        direction: 'down',
        purpose: 'optimisation',
        owner: 'Отдел продаж',
        dismissed: [{ rule: 'dead-end', targetKind: 'step', targetId: qualify.id, reason: 'Так задумано', by: 'Анна', at: '2026-03-02T10:00:00.000Z' }],
        rulesOff: ['no-end'],
        swot: [{ id: 's1', quadrant: 'weaknesses', text: 'Долгий ответ', stepIds: [qualify.id] }],
        reviewEveryMonths: 6,
        nextReview: '2026-09-01',
      });
    });
    await store.insert(full);
    expect(content(await store.read(base.id))).toEqual(content(full));
    // the editor's own copy (its key order), not what was read back
    const next = edited(full, (d) => {
      d.steps[qualify.id]!.raci = { [r2!]: 'A', [r0!]: 'C', [r1!]: 'I' };
      d.steps[qualify.id]!.kpis![0]!.current = 2;
      d.phases[`${base.id}-ph`]!.kpis![0]!.current = 28;
      d.swot![0]!.text = 'Очень долгий ответ';
      d.painPoints[`${base.id}-p1`]!.votes = 4;
    });
    await apply(base.id, diffMaps(full, next));
    expect(content(await store.read(base.id))).toEqual(content(next));
  });

  test('text in any script, markup as text, and 10,000-character titles come back exactly', async () => {
    const long = 'Этап продаж — 销售流程 — مرحلة — 🚀👩🏽‍💼 '.repeat(300).slice(0, 10_000);
    const texts = ['Квалификация лида ёЁ', '销售漏斗：从线索到成交', 'مرحلة المبيعات', 'שלב מכירה', '👩🏽‍💼🤝💼 сделка', 'Ünïcödé ça va', 'e\u0301 combining', '<script>alert("x")</script>', "'; DROP TABLE maps; --", '$1 ${x} \\n \\u0000 `'];
    const base = freshMap({ title: long, description: long });
    const doc = edited(base, (d) => {
      Object.values(d.steps).forEach((s, i) => {
        s.title = texts[i % texts.length]!;
        s.description = texts[(i + 1) % texts.length]!;
        s.inputs = texts.slice(0, 3);
      });
      Object.values(d.roles).forEach((r, i) => (r.name = texts[(i + 4) % texts.length]!));
      Object.values(d.flows)[0]!.label = '<b>да</b>';
    });
    await store.insert(doc);
    expect(content(await store.read(doc.id))).toEqual(content(doc));
    const listed = (await store.list()).find((m) => m.id === doc.id);
    expect(listed?.title).toBe(long);
    expect(listed?.title).toHaveLength(10_000);
    await store.rename(doc.id, '<img src=x onerror=alert(1)> 名前 🚀', now());
    expect((await store.summary(doc.id)).title).toBe('<img src=x onerror=alert(1)> 名前 🚀');
    expect((await store.state(doc.id)).revision).toBe(1);
  });

  test('a 1000-step map is stored and read back equal to what was written, and edited by a one-step change', async () => {
    const big = cloneWithNewIds(randomMap({ seed: 16, steps: 1000, lanes: 8, phases: 7, loops: 0.1, decisions: 0.1 }), { now: '2026-03-02T10:00:00.000Z' });
    await store.insert(big);
    expect(await store.read(big.id)).toEqual(big);
    expect((await store.summary(big.id)).stepCount).toBe(1000);
    const one = Object.keys(big.steps)[500]!;
    const next = edited(big, (d) => void (d.steps[one]!.title = 'Изменён'));
    await apply(big.id, diffMaps(big, next));
    expect(content(await store.read(big.id))).toEqual(content(next));
  });

  test('versions: kept as the map was, listed newest first, deleted when manual, kept when approved', async () => {
    const base = await stored();
    const v1 = await store.saveVersion(base.id, { id: `${base.id}-v1`, name: 'До правок', note: 'заметка', author: 'Анна', kind: 'manual', createdAt: '2026-03-02T10:00:00.000Z' });
    expect(v1).toEqual({ id: `${base.id}-v1`, mapId: base.id, name: 'До правок', note: 'заметка', author: 'Анна', kind: 'manual', createdAt: '2026-03-02T10:00:00.000Z', stepCount: 5 });
    await apply(base.id, diffMaps(base, edited(base, (d) => void (d.title = 'После'))));
    await store.saveVersion(base.id, { id: `${base.id}-v2`, name: 'Утверждена', note: '', author: 'Руководитель', kind: 'approved', createdAt: '2026-03-02T11:00:00.000Z' });
    expect((await store.versions(base.id)).map((v) => v.id)).toEqual([`${base.id}-v2`, `${base.id}-v1`]);
    const got = await store.version(base.id, `${base.id}-v1`);
    expect(got.version).toEqual(v1);
    expect(got.doc).toEqual(base);
    expect((await store.version(base.id, `${base.id}-v2`)).doc.title).toBe('После');
    await refusal(store.deleteVersion(base.id, `${base.id}-v2`), ConflictError);
    await store.deleteVersion(base.id, `${base.id}-v1`);
    await refusal(store.version(base.id, `${base.id}-v1`), NotFoundError);
    await store.insertVersions(base.id, [{ version: { id: `${base.id}-v3`, name: 'Импорт', note: '', author: '', kind: 'manual', createdAt: '2026-03-01T09:00:00.000Z' }, doc: base }]);
    expect((await store.versions(base.id)).map((v) => v.id)).toEqual([`${base.id}-v2`, `${base.id}-v3`]);
    await store.remove(base.id);
    await refusal(store.versions(base.id), NotFoundError);
  });

  test('several maps at once (insertAll): all stored with their versions and links between them, or none when one id is taken', async () => {
    const child = freshMap({ title: 'Подпроцесс: согласование' });
    const parent = freshMap({ title: 'Ландшафт продаж' });
    const sub = stepOf(parent, 'offer');
    Object.assign(parent.steps[sub.id]!, { kind: 'subprocess', linkedMapId: child.id });
    const version = (id: string, doc: MapDoc) => ({ version: { id, name: 'Версия «до»', note: 'импорт', author: 'Анна', kind: 'manual' as const, createdAt: '2026-03-01T09:00:00.000Z' }, doc });
    // the linked map first: a link reaches only maps stored before it
    await store.insertAll([{ doc: child, versions: [version(`${child.id}-v`, child)] }, { doc: parent }]);
    expect(await store.read(child.id)).toEqual(child);
    expect(await store.read(parent.id)).toEqual(parent);
    expect((await store.summary(child.id)).partOf).toEqual([{ id: parent.id, title: parent.title }]);
    expect(await store.versions(child.id)).toEqual([{ id: `${child.id}-v`, mapId: child.id, name: 'Версия «до»', note: 'импорт', author: 'Анна', kind: 'manual', createdAt: '2026-03-01T09:00:00.000Z', stepCount: 5 }]);
    expect(await store.versions(parent.id)).toEqual([]);

    // one map id already in the library: refused, and the new map before it is not stored either
    const before = (await store.list()).length;
    const fresh = freshMap();
    const taken = await refusal(store.insertAll([{ doc: fresh, versions: [version(`${fresh.id}-v`, fresh)] }, { doc: { ...child, title: 'Другая' } }]), ConflictError);
    expect(taken.message).toContain(child.id);
    await refusal(store.read(fresh.id), NotFoundError);
    expect((await store.list()).length).toBe(before);
    expect((await store.read(child.id)).title).toBe(child.title);
    // the same id twice in one call
    await refusal(store.insertAll([{ doc: fresh }, { doc: { ...fresh, title: 'Копия' } }]), ConflictError);
    await refusal(store.read(fresh.id), NotFoundError);
    // a step id of another map (the second entry): refused as a whole
    const thief = edited(freshMap(), (d) => {
      const s = Object.values(d.steps)[0]!;
      delete d.steps[s.id];
      d.steps[sub.id] = { ...s, id: sub.id };
      for (const f of Object.values(d.flows)) if (f.fromStepId === s.id || f.toStepId === s.id) delete d.flows[f.id];
    });
    await refusal(store.insertAll([{ doc: fresh }, { doc: thief }]), ConflictError);
    await refusal(store.read(fresh.id), NotFoundError);
    await refusal(store.read(thief.id), NotFoundError);
    expect((await store.read(parent.id)).steps[sub.id]).toEqual(parent.steps[sub.id]);
    // nothing at all is fine
    await store.insertAll([]);
    expect((await store.list()).length).toBe(before);
  });

  test('sub-processes: a map opened from another lists it as a parent, and deleting the child unlinks the step', async () => {
    const child = await stored();
    const parent = freshMap();
    const sub = stepOf(parent, 'offer');
    Object.assign(parent.steps[sub.id]!, { kind: 'subprocess', linkedMapId: child.id });
    const top = freshMap();
    Object.assign(top.steps[stepOf(top, 'offer').id]!, { kind: 'subprocess', linkedMapId: parent.id });
    await store.insert(parent);
    await store.insert(top);
    expect((await store.summary(child.id)).partOf).toEqual([{ id: parent.id, title: parent.title }]);
    expect(await store.parents(child.id)).toEqual([
      { id: top.id, title: top.title },
      { id: parent.id, title: parent.title },
    ]);
    expect((await store.list()).find((m) => m.id === child.id)?.partOf).toEqual([{ id: parent.id, title: parent.title }]);
    // a link to a map not in the library is dropped
    const stray = freshMap();
    Object.assign(stray.steps[stepOf(stray, 'offer').id]!, { kind: 'subprocess', linkedMapId: 'no-such-map' });
    await store.insert(stray);
    expect((await store.read(stray.id)).steps[stepOf(stray, 'offer').id]!.linkedMapId).toBeUndefined();
    await store.remove(child.id);
    expect((await store.read(parent.id)).steps[sub.id]!.linkedMapId).toBeUndefined();
  });
});
