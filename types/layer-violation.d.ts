/**
 * What `electron`, `better-sqlite3` and Node's modules resolve to from shared/ and the
 * renderer (see their tsconfig `paths`): nothing, so any import of them fails to compile.
 * The renderer reaches the backend only through src-renderer/api.ts.
 */
export declare const THIS_LAYER_MUST_NOT_IMPORT_NODE_OR_ELECTRON: unique symbol;
