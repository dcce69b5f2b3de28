/** "Also here:" in the toolbar of a team map: the others who have it open (initials, names on hover and for screen readers). */
import { useT } from '../i18n';
import { useEditor } from '../store/context';
import { isTeamLibrary } from './teamApi';
import { mapKey, useTeam, type Person } from './teamState';
import './team.css';

const NONE: Person[] = [];
const COLOURS = ['#3b5bdb', '#2b8a3e', '#c2255c', '#e8590c', '#7048e8', '#0c8599', '#5c940d', '#862e9c'];

/** «Анна Петрова» → «АП», "maria" → "M": the first letters of the first two words, any script. */
export function initials(name: string): string {
  const words = name.trim().split(/\s+/u).filter(Boolean);
  const letters = words.slice(0, 2).map((w) => Array.from(w)[0] ?? '');
  return letters.join('').toLocaleUpperCase() || '?';
}

function colourOf(id: string): string {
  let h = 0;
  for (const c of id) h = (h * 31 + c.charCodeAt(0)) >>> 0;
  return COLOURS[h % COLOURS.length]!;
}

export function TeamPresence() {
  const t = useT();
  const library = useTeam((s) => s.library);
  const mapId = useEditor((s) => s.doc?.id);
  const server = useTeam((s) => s.servers?.find((x) => x.id === library));
  const me = server?.user?.id;
  const here = useTeam((s) => (mapId && isTeamLibrary(library) ? (s.presence[mapKey(library, mapId)] ?? NONE) : NONE));
  const others = here.filter((p) => p.id !== me);
  // signed out or not reachable: who was here is no longer known
  if (!others.length || server?.state !== 'signed-in') return null;
  const names = others.map((p) => p.name).join(', ');
  return (
    <div className="team-presence" role="group" aria-label={t('team.editor.alsoHereLabel', { names })}>
      <span className="muted" aria-hidden>
        {t('team.editor.alsoHere')}
      </span>
      <ul>
        {others.map((p) => (
          <li key={p.id} className="presence-chip" title={p.name} style={{ background: colourOf(p.id) }} translate="no">
            <span aria-hidden>{initials(p.name)}</span>
            <span className="visually-hidden">{p.name}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}
