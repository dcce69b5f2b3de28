/**
 * Refusals the services share, in a module of their own so that a team server run from the
 * TypeScript sources on Node (services/storeServices.ts, `npx lanemap serve`) loads them without
 * the desktop app's services (which bundle JSON and templates through Vite).
 */

/** The request is well-formed but its content is refused (e.g. a damaged file to import). */
export class BadInputError extends Error {}
