// Who is this Slack user in the directory? Matched once by e-mail (users.info), then remembered as an identity.
import type { webApi } from '@slack/bolt';
import type { Person } from '../../domain/directory/types.ts';
import type { Identity } from '../../domain/ports.ts';
import type { PeopleDirectory } from '../../app/people-directory.ts';

export function slackIdentity(teamId: string, userId: string): Identity {
  return { platform: 'slack', tenant: teamId, userId };
}

/** The directory person behind a Slack user, linking them by e-mail the first time. Null when unknown. */
export async function resolvePerson(
  client: webApi.WebClient,
  people: PeopleDirectory,
  teamId: string,
  userId: string,
): Promise<Person | null> {
  const known = people.findByIdentity('slack', teamId, userId);
  if (known) return known;
  let email: string | undefined;
  try {
    const info = await client.users.info({ user: userId });
    email = info.user?.profile?.email ?? undefined;
  } catch {
    return null;
  }
  if (!email) return null;
  const person = people.findByEmail(email);
  if (!person) return null;
  people.link(person.id, slackIdentity(teamId, userId));
  return people.get(person.id) ?? null;
}

/**
 * A directory person's Slack identity in this workspace: the stored one, or found by e-mail (users.lookupByEmail)
 * and remembered. Null when they are not in this workspace, so the caller can route them elsewhere.
 */
export async function findSlackIdentity(
  client: webApi.WebClient,
  people: PeopleDirectory,
  teamId: string,
  person: Person,
): Promise<Identity | null> {
  const stored = person.identities.find((i) => i.platform === 'slack' && i.tenant === teamId);
  if (stored) return stored;
  if (!person.email) return null;
  try {
    const found = await client.users.lookupByEmail({ email: person.email });
    const userId = found.user?.id;
    if (!userId || found.user?.deleted) return null;
    const identity = slackIdentity(teamId, userId);
    people.link(person.id, identity);
    return identity;
  } catch {
    return null;
  }
}

export const UNKNOWN_PERSON_MESSAGE =
  "We couldn't match your Slack account to a person in the directory by e-mail. Ask your coordinator to add you with the e-mail address you use in Slack.";
