/**
 * The review cycle (issue 17), in Russian: a map reviewed every 3 months is approved from the
 * status chip and shows its next review 3 months ahead (undone: gone again); a map whose next
 * review date is in the past (typed in its properties) is marked overdue in the library, the
 * "review due" list shows just it, and opening it as its owner shows the reminder, which leads
 * to the properties or is dismissed; a user who is not the owner is not reminded.
 */
import { describe, expect, test } from 'vitest';
import { addMonths } from '../../shared/model/commands';
import { localDate } from '../../shared/analysis/optimise';
import type { MapDoc } from '../../shared/model/types';
import { createMapRepository } from '../../src-main/storage/mapRepository';
import { callApp as call } from './harness';
import { salesMap } from '../support/builders';
import { appSuite } from './suite';
import { ui } from './ui';

const suite = appSuite();
const page = () => suite.page;
const side = () => page().locator('aside.side');
const repo = () => createMapRepository(suite.app.db);
const stored = (id: string): MapDoc => repo().read(id);
const ME = 'Анна Смирнова';

/** A date as the Russian interface writes it («12 окт. 2026 г.»). */
const ru = (ymd: string) => {
  const [y, m, d] = ymd.split('-').map(Number) as [number, number, number];
  return new Intl.DateTimeFormat('ru', { dateStyle: 'medium' }).format(new Date(y, m - 1, d, 12));
};

const today = localDate();
const notice = () => page().getByRole('status', { name: 'Напоминание о пересмотре' });
const card = (title: string) => page().locator('.map-card', { hasText: title });
const monthsField = () => side().getByLabel('Пересматривать каждые, мес.');
const dateField = () => side().getByLabel('Следующий пересмотр', { exact: true });

let approvedId = '';
let overdueId = '';

async function openMap(title: string) {
  await page()
    .getByRole('button', { name: `Открыть «${title}»` })
    .click();
  await ui.visible(page().locator('.react-flow__node-step').first());
}

async function backToLibrary() {
  await page().getByRole('button', { name: 'Назад в библиотеку' }).click();
  await ui.visible(page().getByRole('heading', { name: 'Ваши карты' }));
}

/** The map's properties: the inspector with nothing selected. */
async function showProperties() {
  await page()
    .locator('.react-flow__pane')
    .click({ position: { x: 5, y: 5 } });
  await side().getByRole('tab', { name: 'Свойства' }).click();
  await ui.visible(monthsField());
}

describe('review cycle', () => {
  test('review every 3 months, approve: the next review is 3 months ahead; undo takes it back', async () => {
    await call(page(), 'settings:set', { language: 'ru', authorName: ME });
    approvedId = ((await call(page(), 'maps:createFromTemplate', { templateId: 'lead-qualification.ru' })) as MapDoc).id;
    overdueId = ((await call(page(), 'maps:createFromTemplate', { templateId: 'order-fulfilment.ru' })) as MapDoc).id;
    await page().reload();
    await openMap('Квалификация лидов');
    await showProperties();
    // the default is shown, not stored
    await expect(monthsField().getAttribute('placeholder')).resolves.toBe('6');
    await ui.contains(side(), 'По умолчанию 6; 0 — без регулярного пересмотра');
    // bad input is refused with a message, nothing stored
    await monthsField().fill('500');
    await monthsField().press('Enter');
    await ui.visible(side().getByRole('alert').filter({ hasText: 'Укажите целое число месяцев от 0 до 120.' }));
    expect(stored(approvedId).reviewEveryMonths).toBeUndefined();
    await monthsField().fill('3');
    await monthsField().press('Enter');
    await ui.eventually(() => stored(approvedId).reviewEveryMonths).toBe(3);
    await ui.count(side().getByRole('alert'), 0);
    await suite.app.shot('review-cycle-properties-ru');

    await page().locator('.status-chip').click();
    await page().getByRole('menuitem', { name: 'Утвердить…' }).click();
    const dialog = page().getByRole('dialog', { name: 'Утвердить карту' });
    await ui.value(dialog.getByLabel('Кто утверждает'), ME);
    await dialog.getByRole('button', { name: 'Утвердить', exact: true }).click();
    await ui.contains(page().locator('.status-chip'), 'Утверждена');
    const next = addMonths(today, 3);
    await ui.eventually(() => stored(approvedId).nextReview).toBe(next);
    await ui.value(dateField(), next);
    await page().locator('.status-chip').click();
    await ui.contains(page().locator('.status-menu-note'), `следующий пересмотр ${ru(next)}`);
    await suite.app.shot('review-cycle-approved-ru');
    await page().keyboard.press('Escape');

    // undo the approval: the map is no longer approved and has no next review
    await page()
      .locator('.react-flow__pane')
      .click({ position: { x: 5, y: 5 } });
    await page().keyboard.press('Control+z');
    await ui.eventually(() => stored(approvedId).nextReview).toBeUndefined();
    await ui.value(dateField(), '');
    await expect(page().locator('.status-chip').textContent()).resolves.not.toContain('Утверждена');
    // the months stay (they were set before)
    await ui.value(monthsField(), '3');
  });

  test('a past review date typed in the properties: the owner is reminded on the map', async () => {
    await backToLibrary();
    await ui.count(page().locator('.map-review-mark'), 0);
    await openMap('Исполнение заказа');
    await showProperties();
    await side().getByLabel('Владелец процесса').fill(ME);
    await side().getByLabel('Владелец процесса').press('Enter');
    await ui.eventually(() => stored(overdueId).owner).toBe(ME);
    const past = addMonths(today, -2);
    await dateField().fill(past);
    await ui.eventually(() => stored(overdueId).nextReview).toBe(past);
    await ui.contains(notice(), `Пора пересмотреть карту: срок был ${ru(past)}`);
  });

  test('the library marks it overdue, another map due soon, and "review due" lists just those, overdue first', async () => {
    // a fixture through the services: a map due in 10 days (and one far ahead, not marked)
    const soonYmd = localDate(new Date(Date.now() + 10 * 86_400_000));
    repo().insert({ ...salesMap('rv1'), title: 'Воронка: пересмотр скоро', owner: 'Иван Петров', nextReview: soonYmd });
    repo().insert({ ...salesMap('rv2'), title: 'Воронка: пересмотр нескоро', nextReview: addMonths(today, 5) });
    await backToLibrary();
    const past = addMonths(today, -2);
    await ui.contains(card('Исполнение заказа').locator('.map-review-mark.review-overdue'), `Пересмотр просрочен с ${ru(past)}`);
    await ui.contains(card('Воронка: пересмотр скоро').locator('.map-review-mark.review-due'), `Пересмотр до ${ru(soonYmd)}`);
    await ui.count(card('Квалификация лидов').locator('.map-review-mark'), 0);
    // read with the card's button, for screen readers
    await expect(
      page()
        .getByRole('button', { name: 'Открыть «Исполнение заказа»' })
        .evaluate((b) => document.getElementById(b.getAttribute('aria-describedby')!)?.textContent),
    ).resolves.toContain('Пересмотр просрочен');
    await ui.count(card('Воронка: пересмотр нескоро').locator('.map-review-mark'), 0);
    const due = page().getByRole('button', { name: 'Пора пересмотреть (2)' });
    await due.click();
    await ui.visible(page().getByRole('list', { name: 'Карты, которые пора пересмотреть, сначала просроченные' }));
    await ui.texts(page().locator('.map-card .map-card-title'), ['Исполнение заказа', 'Воронка: пересмотр скоро']);
    await expect(due.getAttribute('aria-pressed')).resolves.toBe('true');
    await suite.app.shot('review-cycle-library-ru');
    await page().getByRole('button', { name: 'Все карты' }).click();
    await expect.poll(() => page().locator('.map-card').count()).toBeGreaterThan(1);
  });

  test('opening it as the owner shows the reminder; it leads to the properties and can be dismissed', async () => {
    await openMap('Исполнение заказа');
    await ui.visible(notice());
    await suite.app.shot('review-cycle-notice-ru');
    await notice().getByRole('button', { name: 'Свойства карты' }).click();
    await ui.focused(monthsField());
    await notice().getByRole('button', { name: 'Скрыть' }).click();
    await ui.hidden(notice());
    // dismissed for this session: reopening does not remind again
    await backToLibrary();
    await openMap('Исполнение заказа');
    await page().waitForTimeout(300);
    await ui.count(notice(), 0);
  });

  test('someone who is not the owner is not reminded; with no name set, everyone is', async () => {
    // each reload is a fresh session: the dismissal above is forgotten
    const reopenAs = async (authorName: string) => {
      await call(page(), 'settings:set', { authorName });
      await page().reload();
      const library = page().getByRole('heading', { name: 'Ваши карты' });
      await ui.visible(page().locator('.react-flow__node-step').first().or(library));
      if (await library.isVisible()) await openMap('Исполнение заказа');
      await ui.visible(page().locator('.status-chip'));
    };
    await reopenAs('Иван Петров');
    await page().waitForTimeout(300);
    await ui.count(notice(), 0);
    await reopenAs('');
    await ui.visible(notice());
    // the owner's name compared trimmed and regardless of case
    await reopenAs(`  ${ME.toUpperCase()} `);
    await ui.visible(notice());
  });
});
