/**
 * The text of edits a team library would not take (signed out, not reachable): every row they
 * add or change, by what a person typed there (titles, names, descriptions, comments, notes),
 * one a line, so the user can copy it and type it again once connected. Nothing is queued.
 */
import { diffMaps } from '../../shared/model/diff';
import type { MapDoc } from '../../shared/model/types';
import { t } from '../i18n';

const FIELDS = ['title', 'name', 'text', 'description'] as const;

export function describeUnsaved(stored: MapDoc, unsaved: MapDoc): string {
  const changes = diffMaps(stored, unsaved);
  const lines: string[] = [];
  if (unsaved.title !== stored.title) lines.push(t('team.editor.unsavedMapTitle', { text: unsaved.title }));
  for (const rows of Object.values(changes.upsert ?? {}) as unknown[][]) {
    for (const row of rows ?? []) {
      const r = row as Record<string, unknown>;
      const parts = FIELDS.map((f) => r[f]).filter((v): v is string => typeof v === 'string' && v.trim() !== '');
      if (parts.length) lines.push(parts.join(' — '));
    }
  }
  return [...new Set(lines)].join('\n');
}
