/**
 * Fuzzed imports: valid `.lanemap.json` texts (the bundled templates, and the sample map with
 * comments, replies, pain points and a saved version) mutated in every way a damaged or
 * hostile file could be (truncated, bytes flipped, keys deleted or duplicated, wrong types,
 * huge strings, `__proto__` / `constructor` / `toString` ids, deep nesting, invalid dates,
 * Cyrillic and other scripts, NULs, broken references), sent to `maps:import` over the bridge.
 * Checked: the backend survives every one; a refused import changes nothing (every table before
 * and after); an accepted one reads back with `maps:get` as a valid map (then it is deleted).
 */
import Database from 'better-sqlite3';
import path from 'node:path';
import { toLanemapJson, type LanemapVersion } from '../shared/export/lanemapJson';
import { bundledTemplates } from '../src-main/services/templates';
import { callHttp, must, startBackend, stopBackend, type Backend } from './backend';
import { bump, newResult, note, rng, tempDir, timed, type ScenarioResult } from './common';
import { hostileRequest } from './hostile';
import { integrityProblems } from './integrity';

const SPECIAL_IDS = ['__proto__', 'constructor', 'toString', 'valueOf', 'hasOwnProperty', 'prototype', 'isPrototypeOf', '__defineGetter__', 'toLocaleString'];
const BAD_DATES: unknown[] = [
  '2026-13-45T00:00:00.000Z',
  '2026-02-30T10:00:00Z',
  'yesterday',
  '',
  '0000-00-00T00:00:00Z',
  '+275760-09-13T00:00:00.000Z',
  '2026-03-01T09:00:00.000Z\u0000',
  '2026-03-01',
  `2026-03-01T09:00:00.000Z${' '.repeat(100)}`,
  1e20,
  null,
  {},
];
const SCRIPTS = [
  'Квалификация лида ёЁ',
  '🙂🚀 emoji',
  '\u200f\u202eשלום مرحبا',
  '中文 日本語',
  'a\u0301\u0301\u0301',
  '\u0000',
  'tab\tnew\nline',
  '\ufeffBOM',
  ' ',
  '',
];
const REF_FIELDS = ['roleId', 'phaseId', 'fromStepId', 'toStepId', 'targetId', 'parentId', 'stepId', 'linkedMapId'];
const DATE_FIELDS = ['createdAt', 'updatedAt', 'exportedAt', 'resolvedAt', 'at'];
const WRONG: unknown[] = [null, 0, -1, 1.5, 1e308, '', 'x', true, false, [], {}, [1, 2], { a: 1 }, '1', 'null'];

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** The valid files every mutation starts from. */
function corpus(): string[] {
  const at = '2026-03-05T12:00:00.000Z';
  const templates = bundledTemplates();
  const texts = templates.map((t) => toLanemapJson(t.doc, { exportedAt: at, app: 'Lanemap soak' }));
  // the sample with the review features: comments on the map, a step and a flow, a reply, a pain point, a version
  const sample = structuredClone(templates.find((t) => t.id === 'sample-sales-map')!.doc);
  const step = Object.values(sample.steps)[1]!;
  const flow = Object.values(sample.flows)[0]!;
  const c = (id: string, targetKind: 'map' | 'step' | 'flow', targetId: string | null, parentId: string | null, text: string) => ({
    id,
    targetKind,
    targetId,
    parentId,
    author: 'Анна',
    text,
    createdAt: at,
    resolvedAt: null,
    resolvedBy: null,
  });
  sample.comments = {
    'c-map': c('c-map', 'map', null, null, 'Кто владелец карты?'),
    'c-step': c('c-step', 'step', step.id, null, 'Этот шаг слишком долгий'),
    'c-reply': c('c-reply', 'step', step.id, 'c-step', 'Согласна'),
    'c-flow': c('c-flow', 'flow', flow.id, null, 'Почему сюда?'),
  };
  sample.painPoints = { 'pp-1': { id: 'pp-1', stepId: step.id, kind: 'bottleneck', votes: 3, createdAt: at } };
  const version: LanemapVersion = {
    id: 'v-1',
    name: 'Как есть',
    note: 'Согласовано',
    author: 'Анна',
    kind: 'manual',
    createdAt: at,
    doc: structuredClone(sample),
  };
  texts.push(toLanemapJson(sample, { exportedAt: at, app: 'Lanemap soak' }, [version]));
  return texts;
}

/** Every (container, key) in a JSON value, with its path. */
function slots(root: Json): { parent: Json[] | Record<string, Json>; key: string | number; path: string[] }[] {
  const out: { parent: Json[] | Record<string, Json>; key: string | number; path: string[] }[] = [];
  const walk = (v: Json, p: string[]) => {
    // files nested deeper than a map ever is (an earlier mutation) are walked to this depth only
    if (p.length > 40) return;
    if (Array.isArray(v)) {
      v.forEach((x, i) => {
        out.push({ parent: v, key: i, path: [...p, String(i)] });
        walk(x, [...p, String(i)]);
      });
    } else if (v && typeof v === 'object') {
      for (const k of Object.keys(v)) {
        out.push({ parent: v, key: k, path: [...p, k] });
        walk(v[k]!, [...p, k]);
      }
    }
  };
  walk(root, []);
  return out;
}

/** JSON text of `root` with `key` written twice in `target` (the first time with `first`). */
function withDuplicateKey(root: Json, target: Record<string, Json>, key: string, first: Json): string {
  const write = (v: Json): string => {
    if (Array.isArray(v)) return `[${v.map(write).join(',')}]`;
    if (v && typeof v === 'object') {
      const parts = Object.keys(v).map((k) => `${JSON.stringify(k)}:${write(v[k]!)}`);
      if (v === target) parts.unshift(`${JSON.stringify(key)}:${write(first)}`);
      return `{${parts.join(',')}}`;
    }
    return JSON.stringify(v);
  };
  return write(root);
}

/** One mutation of `text`, named (for the notes). */
function mutate(text: string, random: () => number): { text: string; how: string } {
  try {
    return mutateOnce(text, random);
  } catch {
    // a text too deep to rewrite (an earlier mutation nested it): cut it instead
    const at = Math.floor(random() * text.length);
    return { text: text.slice(0, at), how: `truncated at ${at}` };
  }
}

function mutateOnce(text: string, random: () => number): { text: string; how: string } {
  const int = (n: number) => Math.floor(random() * n);
  const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)]!;
  let root: Json;
  try {
    root = JSON.parse(text) as Json;
  } catch {
    root = null;
  }
  const all = root !== null && typeof root === 'object' ? slots(root) : [];
  const strings = all.filter((s) => typeof (s.parent as Record<string, Json>)[s.key as string] === 'string');
  const set = (s: (typeof all)[number], v: Json) => ((s.parent as Record<string, Json>)[s.key as string] = v);
  const kind = int(20);
  switch (kind) {
    case 0: {
      const at = int(text.length);
      return { text: text.slice(0, at), how: `truncated at ${at}` };
    }
    case 1: {
      const chars = [...text];
      const n = 1 + int(8);
      for (let i = 0; i < n; i++) chars[int(chars.length)] = String.fromCharCode(int(0x10000));
      return { text: chars.join(''), how: `${n} characters flipped` };
    }
    case 2: {
      const a = int(text.length);
      const b = Math.min(text.length, a + int(200));
      return random() < 0.5
        ? { text: text.slice(0, a) + text.slice(b), how: 'a slice deleted' }
        : { text: text.slice(0, b) + text.slice(a), how: 'a slice repeated' };
    }
    case 3:
      return {
        text: pick(['', ' ', 'null', '[]', '{}', '"lanemap"', '1', '\ufeff' + text, text + '\u0000', '\u0000' + text, text.replace(/\n/g, '\r\n')]),
        how: 'replaced / wrapped',
      };
    case 4: {
      const s = all.length ? pick(all) : null;
      if (!s) break;
      if (Array.isArray(s.parent)) s.parent.splice(s.key as number, 1);
      else delete s.parent[s.key as string];
      return { text: JSON.stringify(root), how: `deleted ${s.path.join('.')}` };
    }
    case 5: {
      const s = all.length ? pick(all) : null;
      if (!s) break;
      const v = structuredClone(pick(WRONG)) as Json;
      set(s, v);
      return { text: JSON.stringify(root), how: `${s.path.join('.')} = ${JSON.stringify(v)}` };
    }
    case 6: {
      const s = strings.length ? pick(strings) : null;
      if (!s) break;
      const n = pick([65, 301, 5001, 20_001, 100_000, 2_000_000]);
      set(s, pick(['я', 'a', '🙂', '\u0000']).repeat(n));
      return { text: JSON.stringify(root), how: `${s.path.join('.')} is ${n} characters long` };
    }
    case 7: {
      // an id of every table renamed everywhere (key, id field, references) to a special name
      const ids = [...text.matchAll(/"id": "([^"]+)"/g)].map((m) => m[1]!);
      if (!ids.length) break;
      const id = pick(ids);
      const special = pick(SPECIAL_IDS);
      const how = random() < 0.7 ? 'everywhere' : 'first only';
      return {
        text: how === 'everywhere' ? text.split(`"${id}"`).join(`"${special}"`) : text.replace(`"${id}"`, `"${special}"`),
        how: `id ${id} → ${special} (${how})`,
      };
    }
    case 8: {
      // a reference pointing at a special name, a missing row, or a row of another kind
      const refs = all.filter((s) => REF_FIELDS.includes(String(s.key)));
      if (!refs.length) break;
      const s = pick(refs);
      const ids = [...text.matchAll(/"id": "([^"]+)"/g)].map((m) => m[1]!);
      const v = random() < 0.4 ? pick(SPECIAL_IDS) : random() < 0.5 ? `missing-${int(1000)}` : pick(ids);
      set(s, v);
      return { text: JSON.stringify(root), how: `${s.path.join('.')} → ${v}` };
    }
    case 9: {
      const dates = all.filter((s) => DATE_FIELDS.includes(String(s.key)));
      if (!dates.length) break;
      const s = pick(dates);
      const v = structuredClone(pick(BAD_DATES)) as Json;
      set(s, v);
      return { text: JSON.stringify(root), how: `${s.path.join('.')} = ${JSON.stringify(v)}` };
    }
    case 10: {
      const s = strings.length ? pick(strings) : null;
      if (!s) break;
      const v = pick(SCRIPTS);
      set(s, random() < 0.5 ? v : `${(s.parent as Record<string, Json>)[s.key as string] as string}${v}`);
      return { text: JSON.stringify(root), how: `${s.path.join('.')} with ${JSON.stringify(v)}` };
    }
    case 11: {
      // a lone surrogate or an escaped NUL, written as JSON escapes
      const at = text.indexOf('"title": "');
      if (at < 0) break;
      const esc = pick(['\\ud800', '\\udfff', '\\u0000', '\\ud83d\\u0000', '\\uffff']);
      return { text: text.slice(0, at + 10) + esc + text.slice(at + 10), how: `title with ${esc}` };
    }
    case 12: {
      const s = all.length ? pick(all) : null;
      if (!s) break;
      const depth = pick([50, 1000, 10_000, 100_000]);
      const open = random() < 0.5 ? '[' : '{"a":';
      const close = open === '[' ? ']' : '}';
      const marker = '"__soak_nest__"';
      set(s, '__soak_nest__');
      return { text: JSON.stringify(root).replace(marker, open.repeat(depth) + '1' + close.repeat(depth)), how: `${s.path.join('.')} nested ${depth} deep` };
    }
    case 13: {
      const objects = all.filter((s) => {
        const v = (s.parent as Record<string, Json>)[s.key as string];
        return v && typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length > 0;
      });
      if (!objects.length || root === null) break;
      const s = pick(objects);
      const target = (s.parent as Record<string, Json>)[s.key as string] as Record<string, Json>;
      const key = pick(Object.keys(target));
      const first = random() < 0.5 ? (structuredClone(pick(WRONG)) as Json) : pick(SPECIAL_IDS);
      return { text: withDuplicateKey(root, target, key, first), how: `duplicate key ${s.path.join('.')}.${key}` };
    }
    case 14: {
      if (!root || typeof root !== 'object' || Array.isArray(root)) break;
      const v = pick<Json>([3, 0, -1, '2', 1.5, 1e9, null]);
      if (random() < 0.5) root.schemaVersion = v;
      else root.format = pick(['lanemapx', 'Lanemap', '', 'lanemap\u0000']);
      return { text: JSON.stringify(root), how: 'format or version changed' };
    }
    case 15: {
      // a record as an array, or an array as a record
      const records = all.filter((x) => ['steps', 'flows', 'roles', 'phases', 'comments', 'painPoints', 'inputs', 'versions'].includes(String(x.key)));
      const s = records.length ? pick(records) : null;
      if (!s) break;
      const v = (s.parent as Record<string, Json>)[s.key as string];
      set(s, Array.isArray(v) ? Object.fromEntries(v.map((x, i) => [String(i), x])) : v && typeof v === 'object' ? Object.values(v) : (v ?? null));
      return { text: JSON.stringify(root), how: `${s.path.join('.')} record ⇄ array` };
    }
    case 16: {
      // a comment answering a reply, or on a step of another kind of target
      if (!text.includes('"c-reply"')) break;
      const t =
        random() < 0.5
          ? text.replace('"parentId": "c-step"', '"parentId": "c-reply"').replace('"parentId": null', '"parentId": "c-reply"')
          : text.replace('"targetKind": "flow"', '"targetKind": "step"');
      return { text: t, how: 'comment thread broken' };
    }
    case 17: {
      // numbers JSON can write but a map cannot hold
      const nums = all.filter((s) => typeof (s.parent as Record<string, Json>)[s.key as string] === 'number');
      if (!nums.length) break;
      const s = pick(nums);
      set(s, '__soak_num__');
      const v = pick(['1e309', '-1e309', '-0', '1e-400', '123456789012345678901234567890', '0.1e1']);
      return { text: JSON.stringify(root).replace('"__soak_num__"', v), how: `${s.path.join('.')} = ${v}` };
    }
    case 18: {
      const objects = all.filter((s) => {
        const v = (s.parent as Record<string, Json>)[s.key as string];
        return v && typeof v === 'object' && !Array.isArray(v);
      });
      if (!objects.length) break;
      const s = pick(objects);
      const target = (s.parent as Record<string, Json>)[s.key as string] as Record<string, Json>;
      target[pick(['extra', 'constructor', 'toString', 'x-unknown', 'Id'])] = pick<Json>(['1', 2, null, {}]);
      return { text: JSON.stringify(root), how: `an unknown key in ${s.path.join('.')}` };
    }
    default: {
      // a flow or a comment on a step that is not there, or an id shared by two rows
      const flowIds = [...text.matchAll(/"fromStepId": "([^"]+)"/g)].map((m) => m[1]!);
      if (!flowIds.length) break;
      const victim = pick(flowIds);
      return { text: text.replace(new RegExp(`"${victim}": \\{[^{}]*\\}`), '"gone": {"id": "gone"}'), how: `step ${victim} replaced` };
    }
  }
  return { text: text.slice(0, int(text.length)), how: 'truncated (fallback)' };
}

/** Every row of every table, sorted: equal snapshots mean nothing changed. */
function snapshot(db: Database.Database): string {
  const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[];
  return JSON.stringify(
    tables.map(({ name }) => [
      name,
      db
        .prepare(`SELECT * FROM "${name}"`)
        .all()
        .map((r) => JSON.stringify(r))
        .sort(),
    ]),
  );
}

export function fuzzImports(opts: { imports: number; seed: number }): Promise<ScenarioResult> {
  const r = newResult(`${opts.imports.toLocaleString('en')} fuzzed imports`);
  return timed(r, async () => {
    const random = rng(opts.seed);
    const texts = corpus();
    const file = path.join(tempDir('fuzz'), 'lanemap.sqlite');
    let backend: Backend = await startBackend(file);
    const db = new Database(file, { readonly: true, fileMustExist: true });
    const version = () => db.pragma('data_version', { simple: true }) as number;
    try {
      for (let i = 0; i < opts.imports; i++) {
        let { text, how } = mutate(texts[Math.floor(random() * texts.length)]!, random);
        // sometimes two or three mutations at once
        for (let k = random() < 0.3 ? 1 + Math.floor(random() * 2) : 0; k > 0; k--) {
          const m = mutate(text, random);
          text = m.text;
          how = `${how}; ${m.how}`;
        }
        // now and then a hostile request from another page or a broken client: the backend must still answer
        if (i % 50 === 25) {
          const h = await hostileRequest(backend, Math.floor(random() * 1_000_000));
          bump(r, 'hostile requests');
          if (!h.answered) {
            r.crashes++;
            note(r, `hostile request ${h.what}: ${h.detail}`);
            await stopBackend(backend, 1000);
            backend = await startBackend(file);
          }
        }
        const before = snapshot(db);
        const v0 = version();
        const out = await callHttp(backend, 'maps:import', { text }, 60_000);
        if (out.kind === 'transport') {
          const dead = backend.child.exitCode !== null || backend.child.signalCode !== null;
          r.crashes++;
          note(r, `import ${i} (${how}): ${dead ? 'the backend died' : 'no answer'}: ${out.error} ${backend.stderr().slice(-300)}`);
          await stopBackend(backend, 1000);
          backend = await startBackend(file);
          continue;
        }
        if (out.reply.ok) {
          r.acknowledged++;
          const id = (out.reply.value as { id: string }).id;
          const read = await callHttp(backend, 'maps:get', { id });
          const problems = read.kind === 'reply' && read.reply.ok ? integrityProblems(read.reply.value) : ['it does not read back'];
          if (problems.length > 0) {
            // the backend stored a broken map: the library changed by input it should have refused
            r.changes++;
            bump(r, 'broken maps accepted');
            note(r, `import ${i} (${how}) was accepted but ${problems[0]}`);
          }
          await must(backend, 'maps:delete', { id });
          continue;
        }
        bump(r, 'refused');
        if (out.reply.error.code === 'internal' || out.status >= 500) {
          bump(r, 'internal errors');
          note(r, `import ${i} (${how}): ${out.status} ${out.reply.error.message.slice(0, 200)}`);
        }
        if (version() !== v0) bump(r, 'commits by refused imports');
        if (snapshot(db) !== before) {
          r.changes++;
          note(r, `import ${i} (${how}) was refused but changed the library`);
        }
      }
      if (!(await callHttp(backend, 'maps:list', {})).kind.startsWith('reply')) r.crashes++;
    } finally {
      db.close();
      await stopBackend(backend).catch(() => undefined);
    }
  });
}
