/**
 * A person's first session: create a map, add steps in two lanes with Cyrillic titles,
 * connect and label them, detail a step, reload, undo / redo, move a step to another lane.
 */
import { describe, expect, test } from 'vitest';
import { createMapRepository } from '../../src-main/storage/mapRepository';
import type { Page } from 'playwright-core';
import { appSuite } from './suite';
import { ui } from './ui';

const suite = appSuite();

const step = (title: string) => suite.page.locator('.react-flow__node-step', { hasText: title });
const storedMap = (title: string) => {
  const repo = createMapRepository(suite.app.db);
  const summary = repo.list().find((m) => m.title === title);
  if (!summary) throw new Error(`no stored map titled ${title}`);
  return repo.read(summary.id);
};
const qualification = () => Object.values(storedMap('Воронка продаж').steps).find((s) => s.title === 'Квалификация лида')!;

async function typeTitle(title: string) {
  const field = suite.page.getByLabel('Step title');
  await ui.focused(field);
  await field.fill(title);
  await field.press('Tab');
}

const dragBy = (from: { x: number; y: number }, to: { x: number; y: number }) => ui.drag(suite.page, from, to);

async function center(locator: ReturnType<Page['locator']>) {
  const box = await locator.boundingBox();
  if (!box) throw new Error('not visible');
  return { x: box.x + box.width / 2, y: box.y + box.height / 2, box };
}

describe('drawing a sales map', () => {
  const MAP = 'Воронка продаж';

  test('creates a map from the library', async () => {
    await suite.page.getByRole('button', { name: 'New map' }).click();
    const title = suite.page.getByRole('dialog', { name: 'New map' }).getByLabel('Map title');
    await title.fill(MAP);
    await title.press('Enter');
    await ui.visible(suite.page.getByRole('toolbar', { name: 'Map tools' }));
    await ui.value(suite.page.getByLabel('Map title'), MAP);
    // a new map starts with two lanes, shown on the canvas
    await ui.texts(suite.page.locator('.lane-name'), ['Sales manager', 'Client']);
  });

  test('adds three steps with Cyrillic titles, two of them connected', async () => {
    await suite.page.getByRole('button', { name: 'Add task' }).click();
    await typeTitle('Квалификация лида');
    await ui.visible(step('Квалификация лида'));

    // Ctrl+Enter adds the next step after the selected one, connected to it
    await step('Квалификация лида').click();
    await suite.page.keyboard.press('Control+Enter');
    await typeTitle('Подготовка КП');
    await ui.visible(step('Подготовка КП'));
    await ui.count(suite.page.locator('.react-flow__edge'), 1);

    await suite.page.keyboard.press('Escape');
    await suite.page.locator('.react-flow__pane').click({ position: { x: 20, y: 20 } });
    await suite.page.getByRole('button', { name: 'Add task' }).click();
    await typeTitle('Подписание договора');
    await ui.count(suite.page.locator('.react-flow__node-step'), 3);
    await ui
      .eventually(() =>
        Object.values(storedMap(MAP).steps)
          .map((s) => s.title)
          .sort(),
      )
      .toEqual(['Квалификация лида', 'Подготовка КП', 'Подписание договора'].sort());
  });

  test('dragging a step into another lane changes its role', async () => {
    const lanes = suite.page.locator('.lane');
    const clientLane = await center(lanes.nth(1));
    const salesLane = await center(lanes.nth(0));
    const target = step('Подписание договора');
    const { x, y } = await center(target);
    // move it into the lane it is not in
    const doc = storedMap(MAP);
    const before = Object.values(doc.steps).find((s) => s.title === 'Подписание договора')!;
    const roleNames = Object.fromEntries(Object.values(doc.roles).map((r) => [r.id, r.name]));
    const destination = roleNames[before.roleId] === 'Client' ? salesLane : clientLane;
    await dragBy({ x, y }, { x: x + 60, y: destination.y });
    const roleOf = () => roleNames[Object.values(storedMap(MAP).steps).find((s) => s.title === 'Подписание договора')!.roleId];
    await ui.eventually(roleOf).toBe(roleNames[before.roleId] === 'Client' ? 'Sales manager' : 'Client');
    const after = Object.values(storedMap(MAP).steps).find((s) => s.title === 'Подписание договора')!;
    // and the inspector says so too
    await target.click();
    await ui.value(suite.page.getByLabel('Responsible role'), after.roleId);
  });

  test('connects two steps by dragging and labels the flow', async () => {
    const from = step('Подготовка КП').locator('.react-flow__handle.source');
    const to = step('Подписание договора').locator('.react-flow__handle.target');
    await dragBy(await center(from), await center(to));
    await ui.count(suite.page.locator('.react-flow__edge'), 2);
    // the new flow is selected: label it in the inspector
    const label = suite.page.getByLabel('Flow label');
    await ui.visible(label);
    await label.fill('да, условия согласованы');
    await label.press('Enter');
    await ui.visible(suite.page.locator('.flow-label', { hasText: 'да, условия согласованы' }));
  });

  test('fills inputs, outputs and resources of a step', async () => {
    await step('Квалификация лида').click();
    for (const [noun, values] of [
      ['input', ['Карточка лида', 'Заявка с сайта']],
      ['output', ['Квалифицированный лид']],
      ['resource', ['CRM', 'Телефон']],
    ] as const) {
      for (const v of values) {
        await suite.page.getByLabel(`New ${noun}`).fill(v);
        await suite.page.getByLabel(`New ${noun}`).press('Enter');
      }
    }
    // reorder: the web form request comes first
    await suite.page.getByRole('button', { name: 'Move input “Заявка с сайта” up' }).click();
    await suite.page.getByLabel('Duration', { exact: true }).fill('30');
    await suite.page.getByLabel('Duration unit').selectOption('min');
    await ui.count(step('Квалификация лида').locator('.chip'), 4);
    await ui.eventually(() => qualification().duration).toEqual({ value: 30, unit: 'min' });
    const stored = qualification();
    expect(stored.inputs).toEqual(['Заявка с сайта', 'Карточка лида']);
    expect(stored.outputs).toEqual(['Квалифицированный лид']);
    expect(stored.resources).toEqual(['CRM', 'Телефон']);
    expect(stored.duration).toEqual({ value: 30, unit: 'min' });
    await suite.app.shot('editor-detailed-step');
  });

  test('after a reload everything is still there', async () => {
    await suite.page.reload();
    await ui.count(suite.page.locator('.react-flow__node-step'), 3);
    await ui.count(suite.page.locator('.react-flow__edge'), 2);
    await ui.visible(suite.page.locator('.flow-label', { hasText: 'да, условия согласованы' }));
    await step('Квалификация лида').click();
    await ui.texts(suite.page.getByRole('region', { name: 'Inputs' }).locator('.item-label'), ['Заявка с сайта', 'Карточка лида']);
    await ui.texts(suite.page.getByRole('region', { name: 'Resources and tools' }).locator('.item-label'), ['CRM', 'Телефон']);
    await ui.value(suite.page.getByLabel('Duration', { exact: true }), '30');
    await suite.app.shot('editor-after-reload');
  });

  test('undo and redo, and the undone state is what is stored', async () => {
    await step('Квалификация лида').click();
    await suite.page.getByRole('button', { name: 'Remove resource “Телефон”' }).click();
    await ui.eventually(() => qualification().resources).toEqual(['CRM']);

    await suite.page.locator('.react-flow__pane').click({ position: { x: 20, y: 20 } });
    await suite.page.keyboard.press('Control+z');
    await ui.eventually(() => qualification().resources).toEqual(['CRM', 'Телефон']);

    await suite.page.keyboard.press('Control+Shift+z');
    await ui.eventually(() => qualification().resources).toEqual(['CRM']);

    await suite.page.keyboard.press('Control+z');
    await suite.page.keyboard.press('Control+y');
    await ui.eventually(() => qualification().resources).toEqual(['CRM']);

    // deleting with the keyboard, then undoing, brings the step and its flows back; the step
    // had one way in and one way out, so its neighbours stay connected (with the label)
    await step('Подготовка КП').click();
    await suite.page.keyboard.press('Delete');
    await ui.count(suite.page.locator('.react-flow__node-step'), 2);
    await ui.count(suite.page.locator('.react-flow__edge'), 1);
    await ui.visible(suite.page.locator('.flow-label', { hasText: 'да, условия согласованы' }));
    await suite.page.getByRole('button', { name: 'Undo' }).click();
    await ui.count(suite.page.locator('.react-flow__node-step'), 3);
    await ui.count(suite.page.locator('.react-flow__edge'), 2);
    await ui.eventually(() => Object.keys(storedMap(MAP).flows).length).toBe(2);
    await suite.app.shot('editor-three-steps');
  });

  test('hostile text is shown as text', async () => {
    let dialogs = 0;
    suite.page.on('dialog', (d) => {
      dialogs += 1;
      void d.dismiss();
    });
    await suite.page.keyboard.press('Escape');
    await suite.page.getByRole('button', { name: 'Add task' }).click();
    await typeTitle('<img src=x onerror=alert(1)>');
    await ui.visible(step('<img src=x onerror=alert(1)>'));
    expect(await suite.page.locator('.react-flow img').count()).toBe(0);
    expect(dialogs).toBe(0);
  });
});

describe('lanes panel', () => {
  test('adds, renames, reorders and removes a lane, asking where its steps go', async () => {
    const panel = suite.page.getByRole('complementary', { name: 'Lanes' });
    await panel.getByRole('button', { name: 'Add lane' }).click();
    const name = panel.getByLabel('Name of lane Role 3');
    await name.fill('Юрист');
    await name.press('Enter');
    await ui.texts(suite.page.locator('.lane-name'), ['Sales manager', 'Client', 'Юрист']);
    await panel.getByRole('button', { name: 'Move lane Юрист up' }).click();
    await ui.texts(suite.page.locator('.lane-name'), ['Sales manager', 'Юрист', 'Client']);

    await panel.getByRole('button', { name: 'Remove lane Sales manager' }).click();
    const dialog = suite.page.getByRole('dialog');
    await ui.contains(dialog, 'Where should');
    await dialog.getByLabel('Move the steps to').selectOption({ label: 'Юрист' });
    await dialog.getByRole('button', { name: 'Move and remove lane' }).click();
    await ui.texts(suite.page.locator('.lane-name'), ['Юрист', 'Client']);
    await ui.count(suite.page.locator('.react-flow__node-step'), 4);
    await suite.app.shot('editor-lanes');
    await suite.page.getByRole('button', { name: 'Undo' }).click();
    await ui.texts(suite.page.locator('.lane-name'), ['Sales manager', 'Юрист', 'Client']);
  });
});
