// `handover teams …`: the Teams tenants (organisations) this deployment serves, one bot registration each.
//   handover teams add-tenant --tenant ID --app-id ID --secret-env VAR_NAME
//   handover teams list-tenants
//   handover teams remove-tenant --tenant ID
// The password is never given here: --secret-env names the environment variable the server reads it from.
import { DEFAULT_TIME_ZONE, formatCalendarDate } from '../domain/calendar/date-words.ts';
import type { Command } from 'commander';
import { TeamsTenantStore } from '../storage/teams-tenant-store.ts';
import { withDb, type CliDeps } from './deps.ts';

export interface TeamsCliDeps extends CliDeps {
  /** Where the server will read the secrets (default process.env), to say whether each one is set. */
  env?: NodeJS.ProcessEnv;
}

function withStore<T>(deps: TeamsCliDeps, fn: (store: TeamsTenantStore) => T): T {
  return withDb(deps, (db) => fn(new TeamsTenantStore(db)));
}

export function registerTeamsCommands(program: Command, deps: TeamsCliDeps): void {
  const env = deps.env ?? process.env;
  const teams = program
    .command('teams')
    .description('Teams tenants served by this deployment (one bot registration per organisation)');

  teams
    .command('add-tenant')
    .description("Serve an organisation's Teams tenant with the bot registered there (or change its app id or secret)")
    .requiredOption('--tenant <id>', "the organisation's tenant id (a GUID)")
    .requiredOption('--app-id <id>', "the bot's app registration id in that tenant (a GUID)")
    .requiredOption(
      '--secret-env <name>',
      'NAME of the environment variable holding the app password, e.g. TEAMS_SECRET_CAMDEN',
    )
    .action((opts: { tenant: string; appId: string; secretEnv: string }) =>
      withStore(deps, (store) => {
        const { tenant, created } = store.add(
          { tenantId: opts.tenant, appId: opts.appId, secretEnv: opts.secretEnv },
          deps.now(),
        );
        deps.out(
          `${created ? 'Added' : 'Updated'} Teams tenant ${tenant.tenantId} with app id ${tenant.appId}; its password is read from ${tenant.secretEnv}.`,
        );
        if (!env[tenant.secretEnv])
          deps.out(
            `${tenant.secretEnv} is not set here: set it in the server's environment and restart the server, or this tenant's activities are refused.`,
          );
        deps.out(`Build its app package with: npm run package:teams -- --tenant ${tenant.tenantId}`);
      }),
    );

  teams
    .command('list-tenants')
    .description('The tenants added with add-tenant (the one from MICROSOFT_APP_ID is not listed)')
    .action(() =>
      withStore(deps, (store) => {
        const all = store.list();
        if (all.length === 0)
          deps.out(
            'No Teams tenants added: only the registration from MICROSOFT_APP_ID / MICROSOFT_APP_TENANT_ID is served.',
          );
        for (const t of all) {
          deps.out(
            `${t.tenantId}  app ${t.appId}  secret ${t.secretEnv}${env[t.secretEnv] ? '' : ' (not set here)'}  added ${formatCalendarDate(t.createdAt, deps.timeZone ?? DEFAULT_TIME_ZONE, deps.now())}`,
          );
        }
      }),
    );

  teams
    .command('remove-tenant')
    .description('Stop serving a tenant: its activities are refused from now on')
    .requiredOption('--tenant <id>', 'the tenant id to remove')
    .action((opts: { tenant: string }) =>
      withStore(deps, (store) => {
        if (!store.remove(opts.tenant))
          throw new Error(
            `No Teams tenant ${opts.tenant} was added; "handover teams list-tenants" shows those that were.`,
          );
        deps.out(
          `Removed Teams tenant ${opts.tenant.trim().toLowerCase()}: its activities are refused from now on. Remove its secret variable from the server's environment too.`,
        );
      }),
    );
}
