/**
 * The library view's choice of library: "Local" and each team library (the choice is remembered
 * on this computer), and what the chosen one allows: a team library the user is not signed in
 * to (or cannot reach) shows why and the way to Settings instead of its maps.
 */
import { CloudOff, HardDrive, Users } from 'lucide-react';
import type { TeamServer } from '../../shared/contract';
import { roleAtLeast } from '../../shared/team/protocol';
import { useT } from '../i18n';
import { useSettings } from '../settings/settingsStore';
import { isTeamLibrary, LOCAL, type LibraryId } from './teamApi';
import { libraryName, useTeam } from './teamState';
import './team.css';

export interface LibraryAccess {
  library: LibraryId;
  server: TeamServer | undefined;
  /** The maps can be listed and opened. */
  connected: boolean;
  /** Maps may be created, imported, renamed, duplicated, deleted here. */
  canEdit: boolean;
}

export function useLibraryAccess(): LibraryAccess {
  const library = useTeam((s) => s.library);
  const server = useTeam((s) => (isTeamLibrary(library) ? s.servers?.find((x) => x.id === library) : undefined));
  if (!isTeamLibrary(library)) return { library, server, connected: true, canEdit: true };
  const connected = server?.state === 'signed-in' && !!server.user;
  return { library, server, connected, canEdit: connected && roleAtLeast(server.user!.role, 'editor') };
}

export function LibrarySwitcher() {
  const t = useT();
  const servers = useTeam((s) => s.servers);
  const library = useTeam((s) => s.library);
  const choose = useTeam((s) => s.choose);
  if (!servers?.length && library === LOCAL) return null;
  return (
    <div className="library-switcher" role="group" aria-label={t('team.library.switcherLabel')}>
      <button type="button" aria-pressed={library === LOCAL} title={t('team.library.localTitle')} onClick={() => choose(LOCAL)}>
        <HardDrive size={14} aria-hidden /> {t('team.library.local')}
      </button>
      {(servers ?? []).map((s) => (
        <button key={s.id} type="button" aria-pressed={library === s.id} title={s.url} onClick={() => choose(s.id)}>
          {s.state === 'offline' ? <CloudOff size={14} aria-hidden /> : <Users size={14} aria-hidden />}
          <span translate="no" dir="auto">
            {libraryName(s)}
          </span>
          {s.state !== 'signed-in' && (
            <span className="switcher-state">{s.state === 'offline' ? t('team.settings.offline') : t('team.settings.signedOut')}</span>
          )}
        </button>
      ))}
    </div>
  );
}

/** In place of the maps of a team library the user cannot reach now: why, and the way to sign in. */
export function NotConnected({ access }: { access: LibraryAccess }) {
  const t = useT();
  const open = useSettings((s) => s.openDialog);
  const name = libraryName(access.server);
  return (
    <div className="library-not-connected" role="status">
      <CloudOff size={18} aria-hidden />
      <span>{access.server?.state === 'offline' ? t('team.library.offline', { library: name }) : t('team.library.notConnected', { library: name })}</span>
      <button type="button" className="primary" onClick={open}>
        {t('team.library.openSettings')}
      </button>
    </div>
  );
}

/** The library view's section title and footer words for the chosen library. */
export function useLibraryWords(access: LibraryAccess) {
  const t = useT();
  if (!isTeamLibrary(access.library)) return null;
  const name = libraryName(access.server);
  return {
    title: t('team.library.teamTitle', { library: name }),
    footer: t('team.library.footer', { library: name, url: access.server?.url ?? '' }),
    viewerNote: access.connected && !access.canEdit ? t('team.library.viewerNote', { role: t(`team.roles.${access.server!.user!.role}`) }) : null,
  };
}
