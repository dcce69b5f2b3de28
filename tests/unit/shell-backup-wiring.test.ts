/**
 * Rolling backups never sit on an edit's reply: the look for a due copy comes after the call
 * has answered, and a burst of calls in one turn looks once.
 */
import { expect, test } from 'vitest';
import type { Services } from '../../src-main/services/library';
import { withRollingBackups } from '../../src-main/shell/backupWiring';

test('the call answers first; the backup look follows, once for a burst', () => {
  const order: string[] = [];
  const queued: (() => void)[] = [];
  const services = { 'maps:list': () => (order.push('call'), []) } as unknown as Services;
  const wrapped = withRollingBackups(services, { maybeBackup: () => order.push('backup') }, (run) => queued.push(run));
  wrapped['maps:list']({});
  wrapped['maps:list']({});
  expect(order).toEqual(['call', 'call']);
  expect(queued).toHaveLength(1);
  queued.shift()!();
  expect(order).toEqual(['call', 'call', 'backup']);
  wrapped['maps:list']({});
  expect(queued).toHaveLength(1);
});
