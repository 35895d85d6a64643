// `handover people link|list`: give a person an identity on a platform, and see who is in the directory.
import { Option, type Command } from 'commander';
import { PLATFORMS, type Platform } from '../domain/ports.ts';
import { formatWorkingHours, readPersonSettings } from '../domain/directory/person-settings.ts';
import { DirectoryAuditStore } from '../storage/directory-audit-store.ts';
import { PeopleStore } from '../storage/people-store.ts';
import { ReachStore } from '../storage/reach-store.ts';
import { withDb, type CliDeps } from './deps.ts';

/** Why a message did not reach someone, in words a coordinator can act on. */
const REASON_WORDS: Record<string, string> = {
  no_route: 'no identity on a switched-on platform and no e-mail route',
  recipient_unknown: 'every platform refused (not in the Slack workspace, app not installed in Teams)',
  gave_up: 'kept failing until delivery gave up',
  permanent: 'the platform refused the message',
  rate_limited: 'rate limited until delivery gave up',
};
const MISS_WORDS: Record<string, string> = {
  users_not_found: 'not found by e-mail',
  account_inactive: 'account deactivated',
  refused: 'refused the message',
};

export function registerPeopleCommands(program: Command, deps: CliDeps): void {
  const people = program.command('people').description('People in the directory and their chat identities');

  people
    .command('link')
    .description('Give a person (found by e-mail) an identity on Slack, Teams, the web playground or e-mail')
    .requiredOption('--email <email>', "the person's e-mail address")
    .addOption(new Option('--platform <platform>', 'where the identity lives').choices(PLATFORMS).makeOptionMandatory())
    .option('--tenant <tenant>', 'Slack team id or Teams tenant id (empty for web and e-mail)', '')
    .requiredOption('--user <user>', 'Slack user id, Teams AAD object id, web id or e-mail address')
    .action((opts: { email: string; platform: Platform; tenant: string; user: string }) => {
      withDb(deps, (db) => {
        const store = new PeopleStore(db);
        const person = store.findByEmail(opts.email.trim());
        if (!person)
          throw new Error(`Nobody in the directory has the e-mail ${opts.email}. Import them with a service first.`);
        if ((opts.platform === 'slack' || opts.platform === 'teams') && !opts.tenant.trim()) {
          throw new Error(
            `--tenant is required for ${opts.platform} (the ${opts.platform === 'slack' ? 'Slack team' : 'Teams tenant'} id).`,
          );
        }
        store.link(person.id, { platform: opts.platform, tenant: opts.tenant.trim(), userId: opts.user.trim() });
        deps.out(`Linked ${person.name} to ${opts.platform}${opts.tenant ? ` ${opts.tenant}` : ''} user ${opts.user}.`);
      });
    });

  registerPeopleSet(people, deps);

  people
    .command('list')
    .description('Everyone in the directory, with their identities')
    .action(() => {
      withDb(deps, (db) => {
        for (const p of new PeopleStore(db).all()) {
          const ids =
            p.identities.map((i) => `${i.platform}:${i.tenant ? `${i.tenant}/` : ''}${i.userId}`).join(', ') ||
            'no identities';
          deps.out(
            `${p.name} <${p.email ?? 'no e-mail'}>, ${p.role || 'no role'}, ${p.organisation}${p.isCoordinator ? ' [coordinator]' : ''} · ${ids}`,
          );
        }
      });
    });

  people
    .command('unreachable')
    .description(
      'Named contacts no message could reach on any switched-on route, so a coordinator can fix their details',
    )
    .action(() => {
      withDb(deps, (db) => {
        const store = new PeopleStore(db);
        const reach = new ReachStore(db);
        const rows = reach.unreached();
        if (rows.length === 0) {
          deps.out('No named contact is unreachable right now.');
          return;
        }
        for (const r of rows) {
          const p = store.get(r.personId);
          const tried = reach
            .misses(r.personId)
            .map((m) => `${m.platform}: ${MISS_WORDS[m.reason] ?? m.reason}`)
            .join('; ');
          const what = `${r.introductions} introduction${r.introductions === 1 ? '' : 's'}`;
          deps.out(
            `${p?.name ?? r.personId} <${p?.email ?? 'no e-mail'}>, ${p?.organisation ?? ''} · ${what}, last ${r.lastAt} · ${REASON_WORDS[r.reason] ?? r.reason}${tried ? ` · ${tried}` : ''}`,
          );
        }
        deps.out(
          'Fix: link them (people link), install the app for them in Teams, check their e-mail in the directory, switch e-mail on, or add a backup contact.',
        );
      });
    });
}

/** `people set --email … [--time-zone …] [--working-hours …] [--digest off|daily]`: a person's own settings. */
function registerPeopleSet(people: Command, deps: CliDeps): void {
  people
    .command('set')
    .description("Set a person's time zone, working hours and digest choice (blank options stay as they are)")
    .requiredOption('--email <email>', "the person's e-mail address")
    .option('--time-zone <zone>', 'where they work, e.g. Europe/London')
    .option('--working-hours <hours>', 'their working day in whole local hours, e.g. 08:00-16:00')
    .addOption(
      new Option('--digest <choice>', 'reminders one by one (off) or in one daily digest').choices(['off', 'daily']),
    )
    .action((opts: { email: string; timeZone?: string; workingHours?: string; digest?: string }) => {
      const read = readPersonSettings(opts);
      if (!read.ok) throw new Error(read.reasons.join(' '));
      if (Object.keys(read.settings).length === 0)
        throw new Error('Give at least one of --time-zone, --working-hours or --digest.');
      withDb(deps, (db) => {
        const store = new PeopleStore(db);
        const person = store.findByEmail(opts.email.trim());
        if (!person)
          throw new Error(`Nobody in the directory has the e-mail ${opts.email}. Import them with a service first.`);
        store.changeSettings(person.id, read.settings);
        new DirectoryAuditStore(db).record(
          { actor: 'command line', action: 'person_settings', subject: person.id, details: read.settings },
          deps.now(),
        );
        deps.out(`${person.name}: ${describeStored(store, person.id)}`);
      });
    });
}

function describeStored(store: PeopleStore, personId: string): string {
  const p = store.get(personId);
  const zone = p?.timeZone ?? 'the default time zone';
  const hours = p?.workingHours ? formatWorkingHours(p.workingHours) : 'the default working hours';
  return `time zone ${zone}, working hours ${hours}, digest ${p?.digest ? 'daily' : 'off'}.`;
}
