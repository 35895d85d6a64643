// What a platform may read of the service directory: search it, and read one service or all of them.
// Built over the database's directory search and the ServiceStore by the composition root.
import { searchResults } from './card-composer.ts';
import type { ResultSummary } from '../cards/introduce-form.ts';
import type { Service } from '../domain/directory/types.ts';
import type { Clock } from '../domain/ports.ts';
import { searchDirectory, type DirectoryQuery, type SearchResult } from '../storage/directory-search.ts';
import type { PeopleStore } from '../storage/people-store.ts';
import type { ServiceStore } from '../storage/service-store.ts';
import type { Db } from '../storage/sqlite.ts';

export type { DirectoryQuery, SearchResult };

/** What a person typed into a directory search form: words, an area and an age, as text. */
export interface TypedSearch {
  q?: string;
  area?: string;
  age?: string;
}

export interface ServiceDirectory {
  /** Services matching the query, best first; closed and stale ones last and marked. */
  search(query: DirectoryQuery): SearchResult[];
  /** The search as the introduce form shows it (names of contacts, stale marks). */
  searchAsTyped(typed: TypedSearch): ResultSummary[];
  get(serviceId: string): Service | undefined;
  all(): Service[];
}

export interface ServiceDirectoryDeps {
  db: Db;
  clock: Clock;
  people: PeopleStore;
  services: ServiceStore;
  staleAfterMonths?: number;
}

export function createServiceDirectory(deps: ServiceDirectoryDeps): ServiceDirectory {
  return {
    search: (query) => searchDirectory(deps.db, query, deps.clock.now(), deps.staleAfterMonths),
    searchAsTyped: (typed) => searchResults(deps, typed),
    get: (serviceId) => deps.services.get(serviceId),
    all: () => deps.services.all(),
  };
}
