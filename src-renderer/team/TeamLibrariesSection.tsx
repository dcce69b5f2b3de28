/**
 * Settings › Team libraries: the team servers this app knows, each with its state (signed in as
 * …, signed out, not reachable); add one by its address, sign in (login and password: the
 * password goes to the main process and on to the server, the session stays there), sign out,
 * remove. Failures are said in words: wrong password, wait N s, not a Lanemap server, not
 * reachable. Everything is a button or a field: reachable by keyboard, named for screen readers.
 */
import { LogIn, LogOut, Plus, Trash2, Users } from 'lucide-react';
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { TeamServer } from '../../shared/contract';
import { api, ApiError } from '../api';
import { useT, t as translate } from '../i18n';
import { failureReason } from '../i18n/errors';
import { notify } from '../store/notices';
import { libraryName, useTeam } from './teamState';
import './team.css';

/** Why adding a server failed, in words. */
export function addFailure(e: unknown): string {
  if (e instanceof ApiError) {
    if (e.code === 'offline') return translate('team.settings.unreachable');
    if (e.code === 'bad-input' && /answer as a Lanemap/i.test(e.message)) return translate('team.settings.notLanemap');
  }
  return failureReason(e);
}

/** Why signing in failed, in words (the wait in seconds when the server said it). */
export function signInFailure(e: unknown): string {
  if (e instanceof ApiError) {
    if (e.code === 'unauthorized') return translate('team.settings.wrongPassword');
    if (e.code === 'offline') return translate('team.settings.unreachable');
    if (e.code === 'rate-limited') {
      const given = (e as unknown as { retryAfterSeconds?: unknown }).retryAfterSeconds;
      const found = typeof given === 'number' ? given : Number(/(\d+)\s*(?:s\b|sec|second)/i.exec(e.message)?.[1] ?? NaN);
      return Number.isFinite(found) && found > 0 ? translate('team.settings.wait', { count: Math.ceil(found) }) : translate('team.settings.waitLater');
    }
  }
  return failureReason(e);
}

/** Enter in a field of this section acts here (the dialog's own form would close Settings). */
const onEnter = (fn: () => void) => (e: KeyboardEvent) => {
  if (e.key !== 'Enter') return;
  e.preventDefault();
  e.stopPropagation();
  fn();
};

export function TeamLibrariesSection() {
  const t = useT();
  const servers = useTeam((s) => s.servers);
  const [url, setUrl] = useState('');
  const [adding, setAdding] = useState(false);
  const [addError, setAddError] = useState('');
  const [signingIn, setSigningIn] = useState<string | null>(null);

  useEffect(() => {
    useTeam
      .getState()
      .refresh()
      .catch((e: unknown) => setAddError(failureReason(e)));
  }, []);

  const add = async () => {
    if (!url.trim() || adding) return;
    setAdding(true);
    setAddError('');
    try {
      const server = await api['team:add']({ url: url.trim() });
      useTeam.getState().put(server);
      setUrl('');
      notify.info(t('team.settings.added', { library: libraryName(server) }));
      if (server.state !== 'signed-in') setSigningIn(server.id);
    } catch (e) {
      setAddError(addFailure(e));
    }
    setAdding(false);
  };

  return (
    <section className="settings-team" aria-labelledby="settings-team-title">
      <h3 id="settings-team-title">
        <Users size={15} aria-hidden /> {t('team.settings.title')}
      </h3>
      <p className="muted">{t('team.settings.hint')}</p>
      {servers && servers.length === 0 && <p className="muted">{t('team.settings.none')}</p>}
      {servers && servers.length > 0 && (
        <ul className="team-servers" aria-label={t('team.settings.listLabel')}>
          {servers.map((s) => (
            <ServerRow key={s.id} server={s} signingIn={signingIn === s.id} onSignIn={(open) => setSigningIn(open ? s.id : null)} />
          ))}
        </ul>
      )}
      <div className="team-add">
        <label className="field">
          <span>{t('team.settings.address')}</span>
          <input
            name="teamServerUrl"
            type="url"
            inputMode="url"
            value={url}
            maxLength={2000}
            placeholder={t('team.settings.addressExample')}
            spellCheck={false}
            autoComplete="url"
            aria-invalid={addError ? true : undefined}
            aria-describedby={addError ? 'team-add-error' : undefined}
            onChange={(e) => {
              setUrl(e.target.value);
              setAddError('');
            }}
            onKeyDown={onEnter(() => void add())}
          />
        </label>
        <button type="button" onClick={() => void add()} disabled={adding || !url.trim()}>
          <Plus size={15} aria-hidden /> {adding ? t('team.settings.adding') : t('team.settings.add')}
        </button>
      </div>
      {addError && (
        <p id="team-add-error" className="team-error" role="alert">
          {addError}
        </p>
      )}
    </section>
  );
}

function stateText(s: TeamServer): string {
  if (s.state === 'signed-in' && s.user) return translate('team.settings.signedIn', { name: s.user.name, role: translate(`team.roles.${s.user.role}`) });
  return s.state === 'offline' ? translate('team.settings.offline') : translate('team.settings.signedOut');
}

function ServerRow({ server, signingIn, onSignIn }: { server: TeamServer; signingIn: boolean; onSignIn(open: boolean): void }) {
  const t = useT();
  const name = libraryName(server);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');

  const run = async (fn: () => Promise<TeamServer | null>) => {
    setBusy(true);
    setError('');
    try {
      const next = await fn();
      if (next) useTeam.getState().put(next);
    } catch (e) {
      setError(failureReason(e));
    }
    setBusy(false);
  };

  return (
    <li className={`team-server is-${server.state}`} data-server-id={server.id}>
      <div className="team-server-head">
        <span className="team-server-name" translate="no" dir="auto">
          {name}
        </span>
        <span className="team-server-url muted" translate="no">
          {server.url}
        </span>
        <span className={`team-state state-${server.state}`}>{stateText(server)}</span>
        {server.message && server.state !== 'signed-in' && (
          <span className="team-server-message muted" translate="no">
            {server.message}
          </span>
        )}
      </div>
      <div className="team-server-actions">
        {server.state === 'signed-in' ? (
          <button
            type="button"
            aria-label={t('team.settings.signOutOf', { library: name })}
            disabled={busy}
            onClick={() => void run(() => api['team:signOut']({ id: server.id }))}
          >
            <LogOut size={14} aria-hidden /> {t('team.settings.signOut')}
          </button>
        ) : (
          !signingIn && (
            <button type="button" aria-label={t('team.settings.signInTo', { library: name })} onClick={() => onSignIn(true)}>
              <LogIn size={14} aria-hidden /> {t('team.settings.signIn')}
            </button>
          )
        )}
        <button
          type="button"
          aria-label={t('team.settings.removeLabel', { library: name })}
          title={t('team.settings.remove')}
          disabled={busy}
          onClick={() =>
            void run(async () => {
              await api['team:remove']({ id: server.id });
              useTeam.getState().drop(server.id);
              return null;
            })
          }
        >
          <Trash2 size={14} aria-hidden /> {t('team.settings.remove')}
        </button>
      </div>
      {signingIn && server.state !== 'signed-in' && <SignInForm server={server} onDone={() => onSignIn(false)} />}
      {error && (
        <p className="team-error" role="alert">
          {error}
        </p>
      )}
    </li>
  );
}

function SignInForm({ server, onDone }: { server: TeamServer; onDone(): void }) {
  const t = useT();
  const name = libraryName(server);
  const [login, setLogin] = useState(server.user?.login ?? '');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const first = useRef<HTMLInputElement>(null);
  useEffect(() => first.current?.focus(), []);
  const errorId = `team-signin-error-${server.id}`;

  const submit = async () => {
    if (busy || !login.trim() || !password) return;
    setBusy(true);
    setError('');
    try {
      const next = await api['team:signIn']({ id: server.id, login: login.trim(), password });
      useTeam.getState().put(next);
      setPassword('');
      notify.info(t('team.settings.signedInNotice', { library: libraryName(next), name: next.user?.name ?? login.trim() }));
      onDone();
    } catch (e) {
      setPassword('');
      setError(signInFailure(e));
      setBusy(false);
    }
  };

  return (
    <div className="team-signin" role="group" aria-label={t('team.settings.signInTo', { library: name })}>
      <label className="field">
        <span>{t('team.settings.login')}</span>
        <input
          ref={first}
          name="teamLogin"
          value={login}
          maxLength={200}
          autoComplete="username"
          spellCheck={false}
          aria-describedby={error ? errorId : undefined}
          onChange={(e) => setLogin(e.target.value)}
          onKeyDown={onEnter(() => void submit())}
        />
      </label>
      <label className="field">
        <span>{t('team.settings.password')}</span>
        <input
          name="teamPassword"
          type="password"
          value={password}
          maxLength={1000}
          autoComplete="current-password"
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? errorId : undefined}
          onChange={(e) => setPassword(e.target.value)}
          onKeyDown={onEnter(() => void submit())}
        />
      </label>
      <div className="team-signin-actions">
        <button type="button" className="primary" disabled={busy || !login.trim() || !password} onClick={() => void submit()}>
          <LogIn size={14} aria-hidden /> {busy ? t('team.settings.signingIn') : t('team.settings.signIn')}
        </button>
        <button type="button" onClick={onDone}>
          {t('team.settings.cancel')}
        </button>
      </div>
      {error && (
        <p id={errorId} className="team-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
