/**
 * Review comments and pain points: the commands (threads, resolve / reopen, votes, deleting a
 * step), storage on a real SQLite file across a reopen, the `.lanemap.json` round trip, the
 * renderer's `addComment` API, and the comments in an exported SVG.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { parseLanemapJson, toLanemapJson, mapForImport } from '../../shared/export/lanemapJson';
import { renderMapSvg } from '../../shared/export/svg';
import { applyCommand, cmd, CommandError, type Command } from '../../shared/model/commands';
import { diffMaps } from '../../shared/model/diff';
import type { MapDoc } from '../../shared/model/types';
import { addComment, openCommentCounts, threadsOf } from '../../src-renderer/review/comments';
import { heatLevel, marksByVotes, painByStep } from '../../src-renderer/review/painPoints';
import { useSettings } from '../../src-renderer/settings/settingsStore';
import { createEditorStore } from '../../src-renderer/store/editorStore';
import { salesMap } from '../support/builders';
import { squash, svgTexts, xmlError } from '../support/exportSvg';
import { apiOver, call, openTempLibrary, removeTempDirs, storeMap, tempDir } from '../support/library';

const AT = '2026-03-10T09:00:00.000Z';
const LATER = '2026-03-10T10:30:00.000Z';

function run(doc: MapDoc, ...commands: Command[]): MapDoc {
  return commands.reduce(applyCommand, doc);
}
const comment = (id: string, targetKind: 'map' | 'step' | 'flow', targetId: string | null, text: string, parentId?: string, author = 'Анна Петрова') =>
  cmd('addComment', { id, targetKind, targetId, parentId: parentId ?? null, author, text, at: AT });

/** A sales map with a thread on a step (a comment and a reply), one on a flow, one on the map, and marks. */
function reviewed(): MapDoc {
  return run(
    salesMap('r'),
    comment('c1', 'step', 'r-qualify', 'Слишком долго: 30 минут на звонок?'),
    comment('c2', 'step', 'r-qualify', 'Скрипт можно сократить', 'c1', 'Иван'),
    comment('c3', 'flow', 'r-f2', 'А если лид не квалифицирован?'),
    comment('c4', 'map', null, 'Где этап оплаты?'),
    cmd('markPainPoint', { id: 'p1', stepId: 'r-offer', kind: 'bottleneck', at: AT }),
    cmd('markPainPoint', { id: 'p-ignored', stepId: 'r-offer', kind: 'bottleneck', at: AT }),
    cmd('markPainPoint', { id: 'p2', stepId: 'r-qualify', kind: 'idea', at: AT }),
  );
}

describe('comment commands', () => {
  test('a reply joins the thread of its parent, even a reply to a reply', () => {
    const doc = run(reviewed(), comment('c5', 'map', null, 'Согласен', 'c2'));
    expect(doc.comments.c2).toMatchObject({ parentId: 'c1', targetKind: 'step', targetId: 'r-qualify' });
    // the target given with a reply does not matter: the thread's does
    expect(doc.comments.c5).toMatchObject({ parentId: 'c1', targetKind: 'step', targetId: 'r-qualify' });
    const thread = threadsOf(doc).find((th) => th.root.id === 'c1')!;
    expect(thread.replies.map((r) => r.id)).toEqual(['c2', 'c5']);
  });

  test('resolve, reopen, and a reply reopens a resolved thread', () => {
    const resolved = run(reviewed(), cmd('resolveComment', { id: 'c2', resolved: true, by: 'Мария', at: LATER }));
    // resolving from a reply resolves the thread (its first comment)
    expect(resolved.comments.c1).toMatchObject({ resolvedAt: LATER, resolvedBy: 'Мария' });
    expect(threadsOf(resolved).find((th) => th.root.id === 'c1')!.open).toBe(false);
    expect(openCommentCounts(resolved).steps.get('r-qualify')).toBeUndefined();

    const reopened = applyCommand(resolved, cmd('resolveComment', { id: 'c1', resolved: false }));
    expect(reopened.comments.c1).toMatchObject({ resolvedAt: null, resolvedBy: null });
    expect(openCommentCounts(reopened).steps.get('r-qualify')).toBe(2);

    const replied = applyCommand(resolved, comment('c6', 'step', 'r-qualify', 'Нет, ещё не решено', 'c1'));
    expect(replied.comments.c1!.resolvedAt).toBeNull();
    expect(openCommentCounts(replied).steps.get('r-qualify')).toBe(3);
  });

  test('open threads are listed first', () => {
    const doc = run(reviewed(), cmd('resolveComment', { id: 'c4', resolved: true, by: 'Мария', at: LATER }));
    const threads = threadsOf(doc);
    expect(threads.map((th) => th.open)).toEqual([true, true, false]);
    expect(threads[2]!.root.id).toBe('c4');
  });

  test('deleting a step drops its comments and pain points; the previous document (undo) still has them', () => {
    const before = reviewed();
    const after = applyCommand(before, cmd('deleteElements', { stepIds: ['r-qualify'], flowIds: [] }));
    expect(after.comments.c1).toBeUndefined();
    expect(after.comments.c2).toBeUndefined();
    // the flow r-f2 started at the deleted step: its comment goes too
    expect(after.comments.c3).toBeUndefined();
    expect(after.comments.c4).toBeDefined();
    expect(after.painPoints.p2).toBeUndefined();
    expect(after.painPoints.p1).toBeDefined();
    // applyCommand is pure: what undo goes back to is untouched
    expect(Object.keys(before.comments).sort()).toEqual(['c1', 'c2', 'c3', 'c4']);
    expect(before.painPoints.p2).toBeDefined();
  });

  test('deleting the first comment takes its replies; editing changes the text only', () => {
    const doc = reviewed();
    expect(Object.keys(applyCommand(doc, cmd('deleteComment', { id: 'c1' })).comments).sort()).toEqual(['c3', 'c4']);
    expect(Object.keys(applyCommand(doc, cmd('deleteComment', { id: 'c2' })).comments).sort()).toEqual(['c1', 'c3', 'c4']);
    expect(applyCommand(doc, cmd('editComment', { id: 'c2', text: '  Сократить до 10 минут ' })).comments.c2).toMatchObject({
      text: 'Сократить до 10 минут',
      author: 'Иван',
    });
  });

  test('a comment on a missing step, or an empty one, is refused', () => {
    expect(() => applyCommand(salesMap('r'), comment('x', 'step', 'nope', 'text'))).toThrow(CommandError);
    expect(() => applyCommand(salesMap('r'), comment('x', 'map', null, '   '))).toThrow(CommandError);
  });
});

describe('pain point commands', () => {
  test('votes add up per step and kind, come down, and the mark goes with its last vote', () => {
    let doc = reviewed();
    expect(doc.painPoints.p1!.votes).toBe(2);
    expect(doc.painPoints['p-ignored']).toBeUndefined();
    doc = applyCommand(doc, cmd('markPainPoint', { id: 'p3', stepId: 'r-offer', kind: 'bottleneck', at: AT }));
    expect(doc.painPoints.p1!.votes).toBe(3);
    expect(painByStep(doc).get('r-offer')!.total).toBe(3);
    expect(heatLevel(3)).toBe(2);
    // the most voted first
    expect(marksByVotes(doc).map((p) => [p.stepId, p.kind, p.votes])).toEqual([
      ['r-offer', 'bottleneck', 3],
      ['r-qualify', 'idea', 1],
    ]);
    doc = run(doc, cmd('unvotePainPoint', { id: 'p1' }), cmd('unvotePainPoint', { id: 'p1' }));
    expect(doc.painPoints.p1!.votes).toBe(1);
    doc = applyCommand(doc, cmd('unvotePainPoint', { id: 'p1' }));
    expect(doc.painPoints.p1).toBeUndefined();
  });

  test('marking a step that is not there is refused', () => {
    expect(() => applyCommand(salesMap('r'), cmd('markPainPoint', { id: 'p', stepId: 'missing', kind: 'redundant', at: AT }))).toThrow(CommandError);
  });

  test('review commands leave an approved map approved', () => {
    const approved = applyCommand(salesMap('r'), cmd('setStatus', { status: 'approved', by: 'Мария', at: AT }));
    const doc = run(approved, comment('c1', 'map', null, 'ok'), cmd('markPainPoint', { id: 'p', stepId: 'r-offer', kind: 'idea', at: AT }));
    expect(doc.status).toBe('approved');
  });
});

describe('stored in a real SQLite file', () => {
  afterEach(() => removeTempDirs());

  test('comments, replies, resolution and votes survive closing and reopening the library', () => {
    let lib = openTempLibrary();
    const file = lib.file;
    const stored = storeMap(lib.services, salesMap('s'));
    const write = (from: MapDoc, ...commands: Command[]) => {
      const next = run(from, ...commands);
      call(lib.services, 'maps:applyChanges', { id: from.id, changes: diffMaps(from, next) });
      return next;
    };
    let doc = write(stored, comment('c1', 'step', 's-qualify', 'Долго, <b>очень</b> долго'), comment('c2', 'step', 's-qualify', 'Согласна', 'c1', 'Мария'));
    doc = write(doc, cmd('resolveComment', { id: 'c1', resolved: true, by: 'Мария', at: LATER }));
    doc = write(doc, cmd('markPainPoint', { id: 'p1', stepId: 's-offer', kind: 'bottleneck', at: AT }));
    doc = write(doc, cmd('markPainPoint', { id: 'p2', stepId: 's-offer', kind: 'bottleneck', at: AT }));
    doc = write(doc, comment('c3', 'flow', 's-f2', 'Нужна развилка'), comment('c4', 'map', null, 'Общая ремарка'));
    lib.close();

    lib = openTempLibrary(file);
    let read = call(lib.services, 'maps:get', { id: stored.id });
    expect(read.comments).toEqual(doc.comments);
    expect(read.comments.c1).toMatchObject({ text: 'Долго, <b>очень</b> долго', resolvedBy: 'Мария', resolvedAt: LATER, author: 'Анна Петрова' });
    expect(read.comments.c2).toMatchObject({ parentId: 'c1', targetId: 's-qualify' });
    expect(read.painPoints).toEqual({ p1: { id: 'p1', stepId: 's-offer', kind: 'bottleneck', votes: 2, createdAt: AT } });

    // reopen the thread and take a vote back: stored, and still there after another reopen
    const next = run(read, cmd('resolveComment', { id: 'c1', resolved: false }), cmd('unvotePainPoint', { id: 'p1' }));
    call(lib.services, 'maps:applyChanges', { id: read.id, changes: diffMaps(read, next) });
    lib.close();
    lib = openTempLibrary(file);
    read = call(lib.services, 'maps:get', { id: stored.id });
    expect(read.comments.c1).toMatchObject({ resolvedAt: null, resolvedBy: null });
    expect(read.comments).toEqual(next.comments);
    expect(read.painPoints.p1!.votes).toBe(1);
    lib.close();
  });
});

describe('.lanemap.json', () => {
  test('comments and pain points survive export and import (with new ids that still point at each other)', () => {
    const doc = run(reviewed(), cmd('resolveComment', { id: 'c3', resolved: true, by: 'Мария', at: LATER }));
    const parsed = parseLanemapJson(toLanemapJson(doc, { exportedAt: LATER }));
    if (!parsed.ok) throw new Error(parsed.message);
    expect(parsed.doc.comments).toEqual(doc.comments);
    expect(parsed.doc.painPoints).toEqual(doc.painPoints);

    const imported = mapForImport(parsed.doc, LATER);
    const comments = Object.values(imported.comments);
    expect(comments).toHaveLength(4);
    const root = comments.find((c) => c.text === doc.comments.c1!.text)!;
    const reply = comments.find((c) => c.text === doc.comments.c2!.text)!;
    expect(root.id).not.toBe('c1');
    expect(imported.steps[root.targetId!]!.title).toBe('Квалификация лида');
    expect(reply.parentId).toBe(root.id);
    expect(reply.targetId).toBe(root.targetId);
    const onFlow = comments.find((c) => c.targetKind === 'flow')!;
    expect(imported.flows[onFlow.targetId!]).toBeDefined();
    expect(onFlow).toMatchObject({ resolvedBy: 'Мария', resolvedAt: LATER });
    expect(comments.find((c) => c.targetKind === 'map')!.targetId).toBeNull();
    const marks = Object.values(imported.painPoints).map((p) => [imported.steps[p.stepId]!.title, p.kind, p.votes]);
    expect(marks.sort()).toEqual([
      ['Квалификация лида', 'idea', 1],
      ['Согласование скидки', 'bottleneck', 2],
    ]);
  });
});

describe('addComment (the API the Comments tab and the presentation mode use)', () => {
  afterEach(() => removeTempDirs());

  test('refuses without an author name, then adds an undoable comment as the named author', async () => {
    const lib = openTempLibrary();
    const stored = storeMap(lib.services, salesMap('a'));
    const errors: string[] = [];
    const store = createEditorStore(apiOver(lib.services), { error: (e) => void errors.push(e) });
    await store.getState().load(stored.id);

    useSettings.setState({ authorName: '' });
    const refused = addComment(store, { targetKind: 'step', targetId: 'a-qualify', text: 'Почему так долго?' });
    expect(refused).toMatchObject({ ok: false, reason: 'noAuthor' });
    expect(refused.ok ? '' : refused.error).toMatch(/name/);
    expect(store.getState().doc!.comments).toEqual({});

    useSettings.setState({ authorName: ' Анна ' });
    expect(addComment(store, { targetKind: 'step', targetId: 'a-qualify', text: '   ' })).toMatchObject({ ok: false, reason: 'empty' });
    expect(addComment(store, { targetKind: 'step', targetId: 'gone', text: 'x' })).toMatchObject({ ok: false, reason: 'targetGone' });
    const added = addComment(store, { targetKind: 'step', targetId: 'a-qualify', text: 'Почему так долго?' });
    if (!added.ok) throw new Error(added.error);
    const reply = addComment(store, { targetKind: 'map', targetId: null, text: 'Скрипт длинный', parentId: added.id });
    if (!reply.ok) throw new Error(reply.error);
    const doc = store.getState().doc!;
    expect(doc.comments[added.id]).toMatchObject({ author: 'Анна', targetKind: 'step', targetId: 'a-qualify', parentId: null });
    expect(Date.now() - Date.parse(doc.comments[added.id]!.createdAt)).toBeLessThan(60_000);
    expect(doc.comments[reply.id]).toMatchObject({ parentId: added.id, targetId: 'a-qualify' });

    store.getState().undo();
    expect(Object.keys(store.getState().doc!.comments)).toEqual([added.id]);
    await store.getState().flush();
    expect(Object.keys(call(lib.services, 'maps:get', { id: stored.id }).comments)).toEqual([added.id]);
    expect(errors).toEqual([]);
    lib.close();
  });
});

describe('comments in the exported SVG', () => {
  const doc = run(
    reviewed(),
    comment('evil', 'step', 'r-offer', '<script>alert("x")</script> & «скидка»'),
    cmd('resolveComment', { id: 'c3', resolved: true, by: 'Мария', at: LATER }),
  );

  test('numbered markers on steps with open comments and the threads listed under the map', () => {
    const { svg, height } = renderMapSvg(doc, { comments: true });
    expect(xmlError(svg)).toBeNull();
    const texts = svgTexts(svg).map(squash);
    // two steps with open threads: two markers on the map, two numbers in the list
    expect(svg.match(/class="lm-comment-marker"/g)).toHaveLength(4);
    expect(texts).toContain(squash('Comments'));
    expect(texts).toContain(squash('Слишком долго: 30 минут на звонок?'));
    expect(texts).toContain(squash('Скрипт можно сократить'));
    expect(texts.some((t) => t.startsWith(squash('Иван · 2026-03-10')))).toBe(true);
    expect(texts).toContain(squash('Где этап оплаты?'));
    // the resolved thread on the flow is not listed
    expect(texts).not.toContain(squash('А если лид не квалифицирован?'));
    // user text is escaped, never markup
    expect(svg).not.toContain('<script');
    expect(svg).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; «скидка»');
    expect(height).toBeGreaterThan(renderMapSvg(doc).height);
  });

  test('translated words and dates are used', () => {
    const { svg } = renderMapSvg(doc, {
      comments: true,
      labels: { comments: 'Комментарии', commentsOnMap: 'Карта целиком' },
      formatDate: () => '10 мар. 2026 г.',
    });
    const texts = svgTexts(svg).map(squash);
    expect(texts).toContain(squash('Комментарии'));
    expect(texts).toContain(squash('Карта целиком'));
    expect(texts.some((t) => t.includes(squash('10 мар. 2026 г.')))).toBe(true);
  });

  test('nothing of it when the option is off, or when nothing is open', () => {
    const off = renderMapSvg(doc).svg;
    expect(off).not.toContain('lm-comment');
    expect(svgTexts(off).map(squash)).not.toContain(squash('Слишком долго: 30 минут на звонок?'));
    const allResolved = run(doc, ...['c1', 'c4', 'evil'].map((id) => cmd('resolveComment', { id, resolved: true, by: 'Мария', at: LATER })));
    const quiet = renderMapSvg(allResolved, { comments: true });
    expect(quiet.svg).not.toContain('lm-comment');
    expect(quiet.height).toBe(renderMapSvg(allResolved).height);
  });

  test('an export of selected steps lists only their comments', () => {
    const { svg } = renderMapSvg(doc, { comments: true, stepIds: ['r-offer'] });
    const texts = svgTexts(svg).map(squash);
    expect(texts.some((t) => t.includes(squash('<script>alert("x")</script>')))).toBe(true);
    expect(texts).not.toContain(squash('Слишком долго: 30 минут на звонок?'));
    expect(texts).not.toContain(squash('Где этап оплаты?'));
  });
});

describe('lanemap export --comments', () => {
  afterEach(() => removeTempDirs());

  test('adds the markers and the list to the SVG; without it there are none', () => {
    const dir = tempDir();
    const file = path.join(dir, 'Обзор.lanemap.json');
    fs.writeFileSync(file, toLanemapJson(reviewed(), { exportedAt: LATER }));
    const svgOf = (...extra: string[]) => {
      const out = path.join(dir, `map${extra.length}.svg`);
      const r = spawnSync(process.execPath, ['bin/lanemap.mjs', 'export', file, '--format', 'svg', '--out', out, ...extra], {
        encoding: 'utf8',
        timeout: 60_000,
      });
      expect(r.status, r.stderr).toBe(0);
      return fs.readFileSync(out, 'utf8');
    };
    const withComments = svgOf('--comments');
    expect(xmlError(withComments)).toBeNull();
    expect(withComments).toContain('lm-comment-marker');
    expect(svgTexts(withComments).map(squash)).toContain(squash('Слишком долго: 30 минут на звонок?'));
    expect(svgOf()).not.toContain('lm-comment');
  });
});
