/**
 * The map templates bundled with the app (`templates/*.json`), validated like any file from
 * outside. Bundled by Vite into the main process, so the packaged app needs no file access.
 */
/// <reference types="vite/client" />
import { parseTemplate } from '../../shared/model/template';
import type { MapDoc } from '../../shared/model/types';

export interface Template {
  /** The file name without `.json`, e.g. `full-cycle.ru`. */
  id: string;
  /** 'ru' or 'en' from the file name, or null for a template in one language only. */
  language: string | null;
  doc: MapDoc;
  /**
   * Sub-process steps that open another template's map (step id -> template base name, e.g.
   * `lead-qualification`): making a map from this template makes those maps too, in the same
   * language, and links them.
   */
  links: Record<string, string>;
}

const files = import.meta.glob<unknown>('../../templates/*.json', { eager: true, import: 'default' });

let cache: Template[] | undefined;

export function bundledTemplates(): Template[] {
  cache ??= Object.entries(files)
    .map(([file, data]) => {
      const id = file.replace(/^.*\//, '').replace(/\.json$/, '');
      const { doc, links } = parseTemplate(id, data);
      const language = /\.(ru|en)$/.exec(id)?.[1] ?? null;
      return { id, language, doc, links };
    })
    .sort((a, b) => a.id.localeCompare(b.id));
  return cache;
}
