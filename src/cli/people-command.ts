// `handover people link|list`: give a person an identity on a platform, and see who is in the directory.
import { Option, type Command } from 'commander';
import { PLATFORMS, type Platform } from '../domain/ports.ts';
import { PeopleStore } from '../storage/people-store.ts';
import type { CliDeps } from './deps.ts';


export function registerPeopleCommands(program: Command, deps: CliDeps): void {
  const people = program.command('people').description('People in the directory and their chat identities');

  people.command('link')
    .description('Give a person (found by e-mail) an identity on Slack, Teams, the web playground or e-mail')
    .requiredOption('--email <email>', 'the person\'s e-mail address')
    .addOption(new Option('--platform <platform>', 'where the identity lives').choices(PLATFORMS).makeOptionMandatory())
    .option('--tenant <tenant>', 'Slack team id or Teams tenant id (empty for web and e-mail)', '')
    .requiredOption('--user <user>', 'Slack user id, Teams AAD object id, web id or e-mail address')
    .action((opts: { email: string; platform: Platform; tenant: string; user: string }) => {
      const db = deps.openDb();
      try {
        const store = new PeopleStore(db);
        const person = store.findByEmail(opts.email.trim());
        if (!person) throw new Error(`Nobody in the directory has the e-mail ${opts.email}. Import them with a service first.`);
        if ((opts.platform === 'slack' || opts.platform === 'teams') && !opts.tenant.trim()) {
          throw new Error(`--tenant is required for ${opts.platform} (the ${opts.platform === 'slack' ? 'Slack team' : 'Teams tenant'} id).`);
        }
        store.link(person.id, { platform: opts.platform, tenant: opts.tenant.trim(), userId: opts.user.trim() });
        deps.out(`Linked ${person.name} to ${opts.platform}${opts.tenant ? ` ${opts.tenant}` : ''} user ${opts.user}.`);
      } finally {
        db.close();
      }
    });

  people.command('list')
    .description('Everyone in the directory, with their identities')
    .action(() => {
      const db = deps.openDb();
      try {
        for (const p of new PeopleStore(db).all()) {
          const ids = p.identities.map((i) => `${i.platform}:${i.tenant ? `${i.tenant}/` : ''}${i.userId}`).join(', ') || 'no identities';
          deps.out(`${p.name} <${p.email ?? 'no e-mail'}>, ${p.role || 'no role'}, ${p.organisation}${p.isCoordinator ? ' [coordinator]' : ''} · ${ids}`);
        }
      } finally {
        db.close();
      }
    });
}
