/**
 * `libraryApi`: the calls of the library in use now (the one chosen in the library view, whose
 * maps the editor opens). Parts of the app that read or write the library (versions, links,
 * the new-map dialog, thumbnails) use it in place of `api`, so on a team map they reach the
 * team server; what is not a library call stays local (teamApi.ts).
 */
import { CALLS } from '../../shared/calls';
import type { LanemapApi } from '../../shared/contract';
import { apiFor, type LibraryId } from './teamApi';
import { useTeam } from './teamState';

export const currentLibrary = (): LibraryId => useTeam.getState().library;

export const libraryApi = Object.fromEntries(
  CALLS.map((name) => [name, (input: never) => (apiFor(currentLibrary())[name] as (i: never) => Promise<unknown>)(input)]),
) as unknown as LanemapApi;
