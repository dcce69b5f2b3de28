/**
 * Opens a BPMN file in bpmn-js (the renderer of Camunda Modeler and bpmn.io; a dev dependency
 * only) in a blank headless Chromium page: no app needed. What another tool makes of our files:
 * its import warnings, what it counts, and a screenshot for people to look at.
 *
 *   const shown = await openInBpmnJs(xml);
 *   expect(shown.warnings).toEqual([]);
 *   expect(shown.counts.lanes).toBe(3);
 *   await shown.screenshot('artifacts/screenshots/bpmn-sample.png');
 *   await shown.close();
 *   // once, in afterAll: await closeBpmnJs();
 */
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const DIST = path.resolve('node_modules/bpmn-js/dist');

/** Elements of the shown diagram by kind (labels not counted; a kind counts its subtypes: tasks are all activities). */
export interface BpmnCounts {
  participants: number;
  lanes: number;
  /** Activities: tasks of every type, call activities, sub-processes. */
  tasks: number;
  gateways: number;
  events: number;
  sequenceFlows: number;
  messageFlows: number;
  groups: number;
  dataObjectReferences: number;
  dataAssociations: number;
}

export interface BpmnView {
  /** bpmn-js's import warnings, as messages (empty: imported cleanly). */
  warnings: string[];
  counts: BpmnCounts;
  /** The ids of the file's diagrams, the shown one first. */
  diagrams: string[];
  /** Shows another diagram of the file (a linked map's); counts are read again. */
  openDiagram(id: string): Promise<{ warnings: string[]; counts: BpmnCounts }>;
  /** The drawn shape of a BPMN element: where bpmn-js put it, and its name as drawn. */
  shape(id: string): Promise<{ x: number; y: number; width: number; height: number; text: string } | null>;
  /**
   * The whole diagram at its own scale (up to a page of 5000 px: a bigger one is scaled down), as
   * a PNG at `file`; or only `region` (in the diagram's coordinates), 1600 px wide, to look closer.
   */
  screenshot(file: string, region?: { x: number; y: number; width: number; height: number }): Promise<string>;
  page: Page;
  close(): Promise<void>;
}

let browser: Promise<Browser> | null = null;

function launch(): Promise<Browser> {
  browser ??= chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  return browser;
}

/** Closes the browser the views share (call once, after the last view). */
export async function closeBpmnJs(): Promise<void> {
  const b = browser;
  browser = null;
  if (b) await (await b).close();
}

const COUNT_SCRIPT = `(() => {
  const registry = window.__viewer.get('elementRegistry');
  // roots (the diagram's own, and the planes bpmn-js makes for collapsed sub-processes) are not elements drawn
  const all = registry.filter((e) => e.type !== 'label' && e.businessObject && e.parent);
  const n = (type) => all.filter((e) => e.businessObject.$instanceOf(type)).length;
  return {
    participants: n('bpmn:Participant'),
    lanes: n('bpmn:Lane'),
    tasks: n('bpmn:Activity'),
    gateways: n('bpmn:Gateway'),
    events: n('bpmn:Event'),
    sequenceFlows: n('bpmn:SequenceFlow'),
    messageFlows: n('bpmn:MessageFlow'),
    groups: n('bpmn:Group'),
    dataObjectReferences: n('bpmn:DataObjectReference'),
    dataAssociations: n('bpmn:DataAssociation'),
  };
})()`;

/** Loads `xml` into bpmn-js's viewer in a fresh page. */
export async function openInBpmnJs(xml: string): Promise<BpmnView> {
  const b = await launch();
  const context = await b.newContext({ viewport: { width: 1400, height: 900 }, locale: 'en-US' });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.setContent('<!doctype html><html><head><meta charset="utf-8"></head><body style="margin:0"><div id="canvas" style="width:100vw;height:100vh"></div></body></html>');
  for (const css of ['diagram-js.css', 'bpmn-js.css', 'bpmn-font/css/bpmn-embedded.css']) await page.addStyleTag({ content: fs.readFileSync(path.join(DIST, 'assets', css), 'utf8') });
  await page.addScriptTag({ content: fs.readFileSync(path.join(DIST, 'bpmn-viewer.development.js'), 'utf8') });
  const result = await page.evaluate(async (text) => {
    const w = window as unknown as { BpmnJS: new (o: unknown) => { importXML(x: string): Promise<{ warnings: { message: string }[] }> }; __viewer: unknown };
    const viewer = new w.BpmnJS({ container: '#canvas' });
    w.__viewer = viewer;
    try {
      const { warnings } = await viewer.importXML(text);
      return { warnings: warnings.map((x) => x.message), error: null as string | null };
    } catch (e) {
      return { warnings: [], error: e instanceof Error ? e.message : String(e) };
    }
  }, xml);
  if (result.error) {
    await context.close();
    throw new Error(`bpmn-js could not import the file: ${result.error}`);
  }
  const diagrams = await page.evaluate(() => {
    const viewer = (window as unknown as { __viewer: { getDefinitions(): { diagrams: { id: string; plane?: { bpmnElement?: { $type: string } } }[] } } }).__viewer;
    // bpmn-js adds a diagram for each collapsed sub-process (to drill down into): not the file's own
    return viewer
      .getDefinitions()
      .diagrams.filter((d) => d.plane?.bpmnElement?.$type !== 'bpmn:SubProcess')
      .map((d) => d.id);
  });
  const counts = await page.evaluate<BpmnCounts>(COUNT_SCRIPT);
  return {
    warnings: result.warnings,
    counts,
    diagrams,
    page,
    async openDiagram(id) {
      const out = await page.evaluate(async (diagramId) => {
        const viewer = (window as unknown as { __viewer: { open(id: string): Promise<{ warnings: { message: string }[] }> } }).__viewer;
        const { warnings } = await viewer.open(diagramId);
        return warnings.map((x) => x.message);
      }, id);
      return { warnings: out, counts: await page.evaluate<BpmnCounts>(COUNT_SCRIPT) };
    },
    async shape(id) {
      return page.evaluate((elementId) => {
        const viewer = (window as unknown as { __viewer: { get(name: string): { get(id: string): { x: number; y: number; width: number; height: number } | undefined; getGraphics(id: string): SVGElement | undefined } } }).__viewer;
        const registry = viewer.get('elementRegistry');
        const el = registry.get(elementId);
        if (!el) return null;
        const label = registry.get(`${elementId}_label`);
        const text = (registry.getGraphics(label ? `${elementId}_label` : elementId)?.textContent ?? '').trim();
        return { x: el.x, y: el.y, width: el.width, height: el.height, text };
      }, id);
    },
    async screenshot(file, region) {
      fs.mkdirSync(path.dirname(file), { recursive: true });
      if (region) {
        await page.setViewportSize({ width: 1600, height: Math.max(200, Math.round((1600 * region.height) / region.width)) });
        await page.evaluate((box) => {
          const canvas = (window as unknown as { __viewer: { get(name: string): { resized(): void; viewbox(b: unknown): void } } }).__viewer.get('canvas');
          canvas.resized();
          canvas.viewbox(box);
        }, region);
        await page.screenshot({ path: file });
        return file;
      }
      // the whole diagram at scale 1, as far as a page can hold it
      const size = await page.evaluate(() => {
        const canvas = (window as unknown as { __viewer: { get(name: string): { viewbox(): { inner: { width: number; height: number } } } } }).__viewer.get('canvas');
        const { inner } = canvas.viewbox();
        return { width: Math.ceil(inner.width) + 60, height: Math.ceil(inner.height) + 60 };
      });
      await page.setViewportSize({ width: Math.min(Math.max(size.width, 400), 5000), height: Math.min(Math.max(size.height, 300), 5000) });
      await page.evaluate(() => {
        const canvas = (window as unknown as { __viewer: { get(name: string): { resized(): void; zoom(z: string, c: string): void } } }).__viewer.get('canvas');
        canvas.resized();
        canvas.zoom('fit-viewport', 'auto');
      });
      await page.screenshot({ path: file });
      return file;
    },
    async close() {
      await context.close();
      if (errors.length) throw new Error(`The bpmn-js page threw: ${errors.join('\n')}`);
    },
  };
}
