/**
 * The library's map pictures as a person sees them: every card on screen gets the picture of
 * its map (the backend's small PNG, `maps:thumbnail`), a map edited in the editor comes back
 * with a new picture, and a card far down the library gets its picture once scrolled to (and
 * not before: pictures are asked for only for cards on screen).
 */
import type { Locator } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { callApp } from './harness';
import { appSuite } from './suite';
import { ui } from './ui';

const suite = appSuite();
const SAMPLE = 'Sample: from lead to closed deal';

const card = (title: string) => suite.page.locator('.map-card', { has: suite.page.locator('.map-card-title', { hasText: title }) });

/** The card's picture once it has arrived and is decoded: its size and a digest of its pixels (null until then). */
async function picture(c: Locator): Promise<string | null> {
  const img = c.locator('.map-thumb img');
  if ((await img.count()) === 0) return null;
  return img.evaluate((el: HTMLImageElement) => {
    if (!el.complete || el.naturalWidth === 0) return null;
    const canvas = document.createElement('canvas');
    canvas.width = el.naturalWidth;
    canvas.height = el.naturalHeight;
    const g = canvas.getContext('2d')!;
    g.drawImage(el, 0, 0);
    const px = g.getImageData(0, 0, canvas.width, canvas.height).data;
    let h = 2166136261;
    for (let i = 0; i < px.length; i++) h = Math.imul(h ^ px[i]!, 16777619);
    return `${canvas.width}x${canvas.height}:${(h >>> 0).toString(16)}`;
  });
}

/** The map ids the page asked pictures for, from the moment this is called. */
function recordPictureRequests(): string[] {
  const asked: string[] = [];
  suite.page.on('request', (r) => {
    if (r.url().endsWith('/api/maps:thumbnail')) asked.push((JSON.parse(r.postData() ?? '{}') as { id: string }).id);
  });
  return asked;
}

describe('map pictures in the library', () => {
  test('every map on screen shows a picture of its own', async () => {
    const { page } = suite;
    for (const templateId of ['full-cycle.ru', 'order-fulfilment.en', 'claims-and-returns.ru', 'lead-qualification.en']) {
      await callApp(page, 'maps:createFromTemplate', { templateId });
    }
    await page.reload();
    // the cards come with the list of maps, a moment after the page
    await ui.count(page.locator('.map-card-title'), 5);
    const titles = await page.locator('.map-card-title').allTextContents();
    expect(titles).toContain('Отдел продаж: полный цикл');
    const pictures: string[] = [];
    for (const title of titles) {
      await ui.eventually(() => picture(card(title))).not.toBeNull();
      pictures.push((await picture(card(title)))!);
    }
    // five maps, five different pictures
    expect(new Set(pictures).size).toBe(5);
    // each one shown inside its card's frame, not past it
    for (const title of titles) {
      const frame = (await card(title).locator('.map-thumb').boundingBox())!;
      const img = (await card(title).locator('.map-thumb img').boundingBox())!;
      expect(img.width).toBeGreaterThan(frame.width * 0.5);
      expect(img.width).toBeLessThanOrEqual(frame.width + 0.5);
      expect(img.height).toBeLessThanOrEqual(frame.height + 0.5);
    }
    await suite.app.shot('library-thumbnails');
  });

  test('a map edited in the editor comes back to the library with a new picture', async () => {
    const { page } = suite;
    const before = (await picture(card(SAMPLE)))!;
    expect(before).toBeTruthy();
    await page.getByRole('button', { name: `Open ${SAMPLE}` }).click();
    await ui.count(page.locator('.react-flow__node-step'), 13);
    // the last steps go: the picture loses their boxes
    await page.locator('.react-flow__node-step', { hasText: 'Qualify the lead' }).click();
    await page.keyboard.press('Delete');
    await ui.count(page.locator('.react-flow__node-step'), 12);
    await page.getByRole('button', { name: 'Back to the library' }).click();
    await ui.eventually(async () => {
      const now = await picture(card(SAMPLE));
      return now !== null && now !== before;
    }).toBe(true);
  });

  test('a card far down the library gets its picture when scrolled to, not before', async () => {
    const { page } = suite;
    for (let i = 1; i <= 30; i++) await callApp(page, 'maps:create', { title: `Карта ${String(i).padStart(2, '0')}`, roleNames: ['Менеджер', 'Клиент'] });
    const asked = recordPictureRequests();
    await page.reload();
    await ui.count(page.locator('.map-card'), 35);
    // the last card (the map changed longest ago), far below the window
    const last = page.locator('.map-card').last();
    expect((await last.boundingBox())!.y).toBeGreaterThan(900 * 2);
    const first = page.locator('.map-card').first();
    await ui.eventually(() => picture(first)).not.toBeNull();
    // the cards on screen have their pictures; the ones below have asked for none
    const onScreen = await page.locator('.map-thumb').evaluateAll((els) => els.filter((el) => el.getBoundingClientRect().top < window.innerHeight).length);
    await ui.eventually(() => asked.length).toBe(onScreen);
    expect(onScreen).toBeLessThan(35);
    expect(await last.locator('.map-thumb img').count()).toBe(0);

    await last.scrollIntoViewIfNeeded();
    await ui.eventually(() => picture(last)).not.toBeNull();
    expect(asked.length).toBeLessThan(35);
    await suite.app.shot('library-thumbnails-scrolled');
  });
});
