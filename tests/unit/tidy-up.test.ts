/**
 * Tidy up end to end below the UI: the engine's result applied as the `tidyUp` command to the
 * sample map is clean, is stored with its routes, and one step back restores the map.
 */
import ELK from 'elkjs/lib/elk.bundled.js';
import { afterEach, describe, expect, test } from 'vitest';
import { layoutMap, validateLayout } from '../../shared/layout';
import { applyCommand, cmd } from '../../shared/model/commands';
import { diffMaps } from '../../shared/model/diff';
import { isOrthogonal } from '../../shared/model/routePath';
import { sampleMapDoc } from '../../src-main/services/library';
import { call, openTempLibrary, removeTempDirs } from '../support/library';

afterEach(() => removeTempDirs());

describe('tidy up the sample map', () => {
  test('the result is clean, every flow gets an orthogonal route, and it survives storage', async () => {
    const doc = sampleMapDoc();
    const result = await layoutMap(doc, new ELK());
    expect(validateLayout(doc, result)).toEqual([]);
    const tidied = applyCommand(doc, cmd('tidyUp', { steps: result.steps, routes: result.routes }));
    const flows = Object.values(tidied.flows);
    expect(flows.every((f) => f.route && isOrthogonal(f.route))).toBe(true);

    const lib = openTempLibrary();
    const stored = call(lib.services, 'maps:create', { title: 'Пример' });
    const base = { ...doc, id: stored.id };
    call(lib.services, 'maps:applyChanges', { id: stored.id, changes: diffMaps(stored, base) });
    const after = { ...tidied, id: stored.id };
    call(lib.services, 'maps:applyChanges', { id: stored.id, changes: diffMaps(base, after) });
    const read = call(lib.services, 'maps:get', { id: stored.id });
    for (const f of flows) expect(read.flows[f.id]?.route).toEqual(f.route);
    for (const s of Object.values(tidied.steps)) expect(read.steps[s.id]).toMatchObject({ x: s.x, y: s.y });
    lib.close();
  });

  test('a flow the engine could not route loses its old route, so the canvas draws it', () => {
    const doc = sampleMapDoc();
    const withRoute = applyCommand(
      doc,
      cmd('tidyUp', {
        steps: {},
        routes: {
          f1: [
            { x: 0, y: 0 },
            { x: 10, y: 0 },
          ],
        },
      }),
    );
    expect(withRoute.flows.f1?.route).toHaveLength(2);
    const cleared = applyCommand(withRoute, cmd('tidyUp', { steps: {}, routes: { f1: undefined } }));
    expect(cleared.flows.f1?.route).toBeUndefined();
  });
});
