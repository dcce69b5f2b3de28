/** A new random id (UUID v4). Works in browsers, Node and Electron without imports. */
export function newId(): string {
  const c = (globalThis as unknown as { crypto: { randomUUID(): string } }).crypto;
  return c.randomUUID();
}
