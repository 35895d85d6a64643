// People on the coordinator pages: who is in the directory, where each can be reached (and who cannot be reached
// at all), and each person's time zone, working hours and digest choice.
import { formatWorkingHours } from '../../domain/directory/person-settings.ts';
import type { Person } from '../../domain/directory/types.ts';
import type { Platform } from '../../domain/ports.ts';
import { coordinatorPage, e, field, select, tag, whoField } from './layout.ts';

const PLATFORM_NAMES: Record<Platform, string> = {
  slack: 'Slack',
  teams: 'Teams',
  web: 'Web playground',
  email: 'E-mail',
};

/** Where a person can be reached with the platforms switched on; e-mail needs only an address. */
export function reachableOn(p: Person, enabled: ReadonlySet<Platform>): Platform[] {
  const on = new Set(p.identities.map((i) => i.platform).filter((x) => enabled.has(x)));
  if (p.email && enabled.has('email')) on.add('email');
  return [...on];
}

export function peoplePage(
  people: Person[],
  enabled: ReadonlySet<Platform>,
  defaultZone: string,
  banner?: string,
): string {
  const unreachable = people.filter((p) => reachableOn(p, enabled).length === 0);
  const rows = people
    .map((p) => {
      const links =
        p.identities
          .map((i) => PLATFORM_NAMES[i.platform] + (enabled.has(i.platform) ? '' : ' (switched off)'))
          .join(', ') || 'none';
      const reach = reachableOn(p, enabled);
      const hours = p.workingHours ? formatWorkingHours(p.workingHours) : 'usual hours';
      return `<tr><td><a href="/coordinate/people/${encodeURIComponent(p.id)}">${e(p.name)}</a><br>${e(p.email ?? 'no e-mail')}</td>
<td>${e(p.organisation)}</td><td>${e(links)}</td>
<td>${reach.length ? e(reach.map((x) => PLATFORM_NAMES[x]).join(', ')) : tag('Nobody can reach them', 'unreachable')}</td>
<td>${e(p.timeZone ?? `${defaultZone} (default)`)}<br>${e(hours)}<br>Digest ${p.digest ? 'daily' : 'off'}</td></tr>`;
    })
    .join('');
  const warning = unreachable.length
    ? `<div class="notice"><p>${unreachable.length} ${unreachable.length === 1 ? 'person' : 'people'} cannot be reached on any platform that is switched on: ${e(unreachable.map((p) => p.name).join(', '))}.</p></div>`
    : '';
  const body = `${warning}<table><caption>${people.length} people</caption>
<thead><tr><th scope="col">Person</th><th scope="col">Organisation</th><th scope="col">Linked platforms</th><th scope="col">Can be reached on</th><th scope="col">Time zone, hours, digest</th></tr></thead>
<tbody>${rows}</tbody></table>`;
  return coordinatorPage({ title: 'People', current: '/coordinate/people', body, banner });
}

export interface SettingsFormOptions {
  person: Person;
  values: { timeZone?: string; workingHours?: string; digest?: string };
  errors?: Record<string, string>;
  who?: string;
}

export function personSettingsPage(o: SettingsFormOptions): string {
  const err = o.errors ?? {};
  const body = `<p>${e(o.person.email ?? 'No e-mail')} · ${e(o.person.organisation)}</p>
<form method="post" action="/coordinate/people/${encodeURIComponent(o.person.id)}" novalidate>
${field({ id: 'timeZone', label: 'Time zone', hint: 'For example Europe/London', value: o.values.timeZone, error: err.timeZone })}
${field({ id: 'workingHours', label: 'Working hours', hint: 'Whole hours, for example 08:00-16:00', value: o.values.workingHours, error: err.workingHours })}
${select({
  id: 'digest',
  label: 'Reminders',
  value: o.values.digest,
  error: err.digest,
  options: [
    { value: 'off', label: 'One message per reminder' },
    { value: 'daily', label: 'One daily digest' },
  ],
})}
${whoField(o.who, err.coordinator)}
<div class="actions"><button type="submit">Save settings</button><a href="/coordinate/people">Cancel</a></div></form>`;
  return coordinatorPage({ title: `Settings for ${o.person.name}`, current: '/coordinate/people', body, errors: err });
}
