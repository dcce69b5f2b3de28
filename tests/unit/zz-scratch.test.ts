import { test } from 'vitest';
import { bundledTemplates } from '../../src-main/services/templates';
import { screenBounds, geometryOf } from '../../src-renderer/canvas/frame';
test('sizes', () => {
  for (const t of bundledTemplates()) {
    const b = screenBounds(t.doc, geometryOf(t.doc));
    const n = Object.keys(t.doc.steps).length;
    const fit = (w: number, h: number) => Math.min((w - 48) / b.width, (h - 48) / b.height).toFixed(3);
    console.log(t.id, t.doc.title, n, JSON.stringify(b), 'fit1280x800(pane~', fit(1280 - 260 - 320, 800 - 120), ') fit1920', fit(1920 - 580, 1080 - 120));
  }
});
