/**
 * The names of every call the renderer can make, and nothing else. Kept free of schemas so
 * the sandboxed preload can allow-list channels without bundling validation code.
 */
export const CALLS = [
  'app:info',
  'maps:list',
  'maps:get',
  'maps:thumbnail',
  'maps:create',
  'maps:rename',
  'maps:duplicate',
  'maps:delete',
  'maps:applyChanges',
  'maps:state',
  'maps:import',
  'maps:importBpmn',
  'maps:exportBpmn',
  'file:save',
  'file:print',
  'views:xlsx',
  'document:docx',
  'document:pdf',
  'export:pdf',
  'templates:list',
  'maps:createFromTemplate',
  'maps:parents',
  'versions:list',
  'versions:get',
  'versions:save',
  'versions:delete',
  'settings:get',
  'settings:set',
  'backups:list',
  'backups:create',
  'backups:restore',
  'team:list',
  'team:add',
  'team:signIn',
  'team:signOut',
  'team:remove',
  'team:call',
  'team:watch',
] as const;

export type CallName = (typeof CALLS)[number];

export function isCallName(name: unknown): name is CallName {
  return typeof name === 'string' && (CALLS as readonly string[]).includes(name);
}
