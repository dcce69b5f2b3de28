/**
 * Sub-process links to a map that is gone: a version restored from before the map was deleted,
 * and a map deleted in another window while the parent is open. The screen must not show a
 * link the library no longer holds, and opening one must say so instead of leaving the user
 * on an empty screen.
 */
import { describe, expect, test } from 'vitest';
import type { MapDoc, Step } from '../../shared/model/types';
import { createMapRepository } from '../../src-main/storage/mapRepository';
import { appSuite } from './suite';
import { ui } from './ui';
import { callApp as call } from './harness';

const suite = appSuite();
const NOW = '2026-11-20T10:00:00.000Z';
const repo = () => createMapRepository(suite.app.db);
const page = () => suite.page;
const side = () => page().locator('aside.side');
const step = (title: string) => page().locator('.react-flow__node-step', { hasText: title });

/** A map with one lane and one step (a sub-process linked to `linkedMapId`, if given). */
function oneStepMap(id: string, title: string, stepTitle: string, linkedMapId?: string): MapDoc {
  const s: Step = {
    id: `${id}-step`,
    kind: linkedMapId ? 'subprocess' : 'task',
    title: stepTitle,
    description: '',
    roleId: `${id}-role`,
    phaseId: null,
    x: 40,
    y: 30,
    duration: null,
    inputs: [],
    outputs: [],
    resources: [],
    ...(linkedMapId ? { linkedMapId } : {}),
  };
  return {
    id,
    title,
    description: '',
    createdAt: NOW,
    updatedAt: NOW,
    roles: { [`${id}-role`]: { id: `${id}-role`, name: 'Sales manager', color: '#2f80ed', order: 0 } },
    phases: {},
    steps: { [s.id]: s },
    flows: {},
    comments: {},
    painPoints: {},
  };
}

async function openMap(id: string) {
  await page().evaluate((id) => {
    window.location.hash = `#map=${id}`;
  }, id);
  await page().reload();
  await ui.visible(page().locator('.react-flow__node-step').first());
}

describe('links to a map that is gone', () => {
  test('restoring a version whose sub-process opened a map deleted since shows the step unlinked, as stored', async () => {
    await call(page(), 'settings:set', { language: 'en', authorName: 'Anna Smith' });
    repo().insert(oneStepMap('child-1', 'Lead qualification', 'Qualify'));
    repo().insert(oneStepMap('parent-1', 'Sales landscape', 'Qualify leads', 'child-1'));
    await call(page(), 'versions:save', { mapId: 'parent-1', name: 'Linked', note: '', author: 'Anna Smith', kind: 'manual' });
    await call(page(), 'maps:delete', { id: 'child-1' });
    expect(repo().read('parent-1').steps['parent-1-step']!.linkedMapId).toBeUndefined();

    await openMap('parent-1');
    await side().getByRole('tab', { name: 'Versions' }).click();
    await side().getByRole('button', { name: 'Restore “Linked” as the current map' }).click();
    await page().getByRole('dialog').getByRole('button', { name: 'Restore' }).click();
    await ui.visible(page().locator('.notice', { hasText: '“Linked” is now the current map' }));

    // the step offers to make its map, as the library has none for it
    await step('Qualify leads').click();
    await side().getByRole('tab', { name: 'Details' }).click();
    await ui.visible(side().getByRole('button', { name: 'Create its map' }));
    await ui.count(page().locator('.step-subprocess.is-unlinked'), 1);
    await ui.eventually(() => repo().read('parent-1').steps['parent-1-step']!.linkedMapId).toBeUndefined();
  });

  test('double-clicking a sub-process whose map was deleted in another window says so and stays on the map', async () => {
    repo().insert(oneStepMap('child-2', 'Order fulfilment', 'Ship'));
    repo().insert(oneStepMap('parent-2', 'Operations landscape', 'Fulfil orders', 'child-2'));
    await openMap('parent-2');
    await call(page(), 'maps:delete', { id: 'child-2' });

    await step('Fulfil orders').dblclick();
    await ui.visible(page().locator('.notice', { hasText: 'The linked map is no longer in the library.' }));
    // still on the landscape, not on an empty screen
    await ui.value(page().getByLabel('Map title'), 'Operations landscape');
    await ui.visible(step('Fulfil orders'));
    expect(await page().evaluate(() => window.location.hash)).toBe('#map=parent-2');
    await suite.app.shot('review-links-missing-map');
  });
});
