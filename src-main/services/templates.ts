/**
 * The map templates bundled with the app (`templates/*.json`), validated like any file from
 * outside. Bundled by Vite into the main process, so the packaged app needs no file access.
 */
/// <reference types="vite/client" />
import { MapDocSchema, describeIssues } from '../../shared/model/schema';
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
      const { links = {}, ...map } = data as { links?: Record<string, string> };
      const parsed = MapDocSchema.safeParse(map);
      if (!parsed.success) throw new Error(`The bundled template ${id} is invalid: ${describeIssues(parsed.error)}`);
      for (const stepId of Object.keys(links)) {
        if (parsed.data.steps[stepId]?.kind !== 'subprocess') throw new Error(`The bundled template ${id} links ${stepId}, which is not a sub-process step.`);
      }
      const language = /\.(ru|en)$/.exec(id)?.[1] ?? null;
      return { id, language, doc: parsed.data, links };
    })
    .sort((a, b) => a.id.localeCompare(b.id));
  return cache;
}
