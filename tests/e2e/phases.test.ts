/**
 * Phases as a person meets them: add the sales-cycle stages to the sample map, drag a step
 * into a stage's column, set another step's stage in the inspector, undo.
 */
import { beforeAll, expect, test } from 'vitest';
import { applyCommand, cmd } from '../../shared/model/commands';
import { sampleMapDoc } from '../../src-main/services/library';
import { createMapRepository } from '../../src-main/storage/mapRepository';
import { appSuite } from './suite';
import { ui } from './ui';

const suite = appSuite({ seed: false });

/** The sample map without its phases (each removed as a user would: steps keep their places). */
beforeAll(async () => {
  let doc = { ...sampleMapDoc(), title: 'Без этапов' };
  for (const id of Object.keys(doc.phases)) doc = applyCommand(doc, cmd('removePhase', { phaseId: id }));
  createMapRepository(suite.app.db).insert(doc);
  await suite.page.reload();
});

const stored = () => {
  const repo = createMapRepository(suite.app.db);
  return repo.read(repo.list()[0]!.id);
};
const phaseOf = (title: string) => {
  const doc = stored();
  const step = Object.values(doc.steps).find((s) => s.title.startsWith(title))!;
  return step.phaseId ? doc.phases[step.phaseId]!.name : null;
};

test('adds the seven stages as columns, in order, with steps still unassigned', async () => {
  await suite.page.getByRole('button', { name: /^Open / }).click();
  await ui.count(suite.page.locator('.react-flow__node-step'), 13);
  await suite.page.getByRole('button', { name: 'Add the 7 sales-cycle stages' }).click();
  await ui.texts(suite.page.locator('.phase-name'), [
    'No phase',
    'Preparation and planning',
    'Lead generation',
    'Working with the client',
    'Negotiation and closing',
    'Fulfilment and delivery',
    'After-sales service',
    'Analysis and repetition',
  ]);
  await ui.eventually(() => Object.keys(stored().phases).length).toBe(7);
});

test('the inspector sets a phase; undo takes it back', async () => {
  await suite.page.locator('.react-flow__node-step', { hasText: 'Register and enrich' }).click();
  await suite.page.getByLabel('Phase', { exact: true }).selectOption({ label: 'Lead generation' });
  await ui.eventually(() => phaseOf('Register and enrich')).toBe('Lead generation');
  await ui.contains(suite.page.locator('.react-flow__node-phase', { hasText: 'Lead generation' }).locator('.phase-count'), '1');
  await suite.page.locator('.react-flow__pane').click({ position: { x: 10, y: 10 } });
  await suite.page.keyboard.press('Control+z');
  await ui.eventually(() => phaseOf('Register and enrich')).toBe(null);
  await suite.app.shot('phases-inspector');
});

test('dragging a step into a column puts it in that phase', async () => {
  // see the whole map, columns included
  await suite.page.getByRole('button', { name: 'Fit map to window' }).click();
  await ui.settled(suite.page);
  const step = suite.page.locator('.react-flow__node-step', { hasText: 'Lead comes in' });
  const column = suite.page.locator('.react-flow__node-phase', { hasText: 'Lead generation' });
  const s = (await step.boundingBox())!;
  const c = (await column.boundingBox())!;
  await ui.drag(suite.page, { x: s.x + s.width / 2, y: s.y + s.height / 2 }, { x: c.x + c.width / 2, y: s.y + s.height / 2 });
  await ui.eventually(() => phaseOf('Lead comes in')).toBe('Lead generation');
  // on screen too: the step is inside the column
  const after = (await step.boundingBox())!;
  const col = (await column.boundingBox())!;
  expect(after.x).toBeGreaterThanOrEqual(col.x);
  expect(after.x + after.width).toBeLessThanOrEqual(col.x + col.width);
  await suite.app.shot('phases-drag');
});
