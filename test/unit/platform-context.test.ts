// A platform gets the narrow PlatformContext, never the container: no database (only ownTables, for its own tables),
// no stores, no HandoverService, no action deps. The type-level half is checked by tsc (npm run typecheck): every
// expected error below stops being an error, and so fails to compile, if PlatformContext gains that name again.
import { expect } from 'chai';
import type { PlatformContext } from '../../src/app/platform-context.ts';
import { readConfig } from '../../src/config.ts';
import { createLogger } from '../../src/log.ts';
import { buildContainer, platformContextOf } from '../../src/main/container.ts';
import { openDatabase } from '../../src/storage/sqlite.ts';
import { FixedClock, everyDayCalendar, tempDir } from '../support/make.ts';

/** What a platform must not reach; the composition root, the HTTP pages and the scheduler keep them. */
const CONTAINER_ONLY = ['db', 'handovers', 'services', 'actionDeps', 'handoverService'];

/** Never called: it only has to compile. */
function namesAPlatformCannotReach(c: PlatformContext): unknown[] {
  return [
    // @ts-expect-error the database is ownTables, only for the platform's own tables
    c.db,
    // @ts-expect-error introductions are read with introduction(id) and changed with runAction
    c.handovers,
    // @ts-expect-error services are read through directory
    c.services,
    // @ts-expect-error actions run through runAction and prepareAction
    c.actionDeps,
    // @ts-expect-error the HandoverService is the action handler's
    c.handoverService,
    // @ts-expect-error people is a PeopleDirectory: it reads and links, it does not edit the directory
    c.people.upsert,
  ];
}

describe('the platform context', () => {
  it('given the container, when the platform context is taken from it, then it holds no database name, store or action deps', () => {
    const tmp = tempDir('platform-context-');
    const config = readConfig({ NODE_ENV: 'test', DATABASE_PATH: `${tmp.dir}/h.db`, LOG_LEVEL: 'silent' });
    const db = openDatabase(config.databasePath);
    try {
      const container = buildContainer(config, createLogger('silent'), db, new FixedClock(), everyDayCalendar);
      const keys = Object.keys(platformContextOf(container));
      expect(keys.filter((k) => CONTAINER_ONLY.includes(k))).to.deep.equal([]);
      expect(keys).to.include('ownTables');
      expect(namesAPlatformCannotReach, 'the type-level check is compiled with this file').to.be.a('function');
    } finally {
      db.close();
      tmp.cleanup();
    }
  });
});
