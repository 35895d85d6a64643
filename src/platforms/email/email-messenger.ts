// The Messenger for people on no chat platform: a plain mail with secure links (platform 'email', userId = address).
// updateMessage sends nothing: a mail cannot change, and the page behind its link is composed from the current
// state each time it is opened, so it always shows the latest card. Changes that need the person's attention
// (nudges, escalations, outcomes) arrive as their own new messages from the outbox, so a follow-up mail per
// live-card update would only double the mail.
import type { Card } from '../../cards/model.ts';
import { formatWhen } from '../../cards/format.ts';
import type { ChannelAddress, Clock, Identity, MessageRef } from '../../domain/ports.ts';
import { DeliveryError, type Messenger, type SendOptions } from '../../app/ports.ts';
import type { Person } from '../../domain/directory/types.ts';
import type { PeopleDirectory } from '../../app/people-directory.ts';
import type { ServiceDirectory } from '../../app/service-directory.ts';
import type { Handover } from '../../domain/handover/types.ts';
import { composeMail, linkLabel, linkTargets } from './compose-mail.ts';
import { HANDOVER_PURPOSE, LINK_TTL_MS, REVIEW_PURPOSE, type EmailLinkStore } from './link-store.ts';
import { mailSubject } from './mail-subject.ts';
import { isMailAddress, type MailLink, type MailSender } from './mail-sender.ts';

export interface EmailMessengerDeps {
  sender: MailSender;
  links: EmailLinkStore;
  people: PeopleDirectory;
  /** One introduction as it is now (PlatformContext.introduction). */
  introduction(id: string): Handover | undefined;
  /** Service names for subjects; without it a subject is the card's summary. */
  directory?: Pick<ServiceDirectory, 'get'>;
  clock: Clock;
  /** Public base URL of this server, e.g. https://handover.example.org (no trailing slash needed). */
  publicUrl: string;
  timeZone: string;
  linkTtlMs?: number;
}

export function linkUrl(publicUrl: string, token: string): string {
  return `${publicUrl.replace(/\/+$/, '')}/e/${token}`;
}

export class EmailMessenger implements Messenger {
  readonly platform = 'email' as const;

  constructor(private readonly deps: EmailMessengerDeps) {}

  async sendToPerson(to: Identity, card: Card, options: SendOptions): Promise<MessageRef> {
    const { address, person } = this.recipient(to);
    const seen = this.deps.links.findSent(options.idempotencyKey);
    if (seen) return { platform: 'email', conversationId: seen.address, messageId: seen.id };
    const now = this.deps.clock.now();
    const zone = person.timeZone ?? this.deps.timeZone;
    const ttlMs = this.deps.linkTtlMs ?? LINK_TTL_MS;
    const note = (expiresAt: string) => `This link works until ${formatWhen(expiresAt, zone, now)}.`;
    const made =
      card.kind === 'review_request' && card.subjectId && this.deps.directory?.get(card.subjectId)
        ? [
            this.deps.links.createLink({
              purpose: REVIEW_PURPOSE,
              handoverId: null,
              serviceId: card.subjectId,
              personId: person.id,
              address,
              now,
              ttlMs,
            }),
          ].map(({ link, token }) => ({
            link,
            mailLink: {
              url: linkUrl(this.deps.publicUrl, token),
              label: 'Review the entry',
              note: note(link.expiresAt),
            },
          }))
        : linkTargets(card, (id) => this.deps.introduction(id) !== undefined).map((t) => {
            const { link, token } = this.deps.links.createLink({
              purpose: HANDOVER_PURPOSE,
              handoverId: t.handoverId,
              personId: person.id,
              address,
              now,
              ttlMs,
            });
            const mailLink: MailLink = {
              url: linkUrl(this.deps.publicUrl, token),
              label: linkLabel(card, t),
              note: note(link.expiresAt),
            };
            return { link, mailLink, line: t.line };
          });
    const ownLink = made.length === 1 && !('line' in made[0] && made[0].line !== undefined);
    const content = {
      ...composeMail(
        card,
        person.name,
        made.map((m) => m.mailLink),
        ownLink,
      ),
      subject: this.subject(card, zone),
    };
    const { providerId } = await this.deps.sender.send({ to: address, content, reference: options.idempotencyKey });
    const sent = this.deps.links.recordSent({
      idempotencyKey: options.idempotencyKey,
      personId: person.id,
      address,
      linkId: made[0]?.link.id ?? null,
      providerId,
      at: now,
    });
    return { platform: 'email', conversationId: address, messageId: sent.id };
  }

  async postToChannel(channel: ChannelAddress, _card: Card, _options: SendOptions): Promise<MessageRef> {
    throw new DeliveryError(
      'recipient_unknown',
      `E-mail has no channels (asked for ${channel.platform} channel ${channel.channelId}).`,
    );
  }

  /** Nothing to send: see the note at the top of this file. */
  async updateMessage(_ref: MessageRef, _card: Card): Promise<void> {}

  private subject(card: Card, timeZone: string): string {
    const handover = card.subjectId ? this.deps.introduction(card.subjectId) : undefined;
    if (!handover) return mailSubject(card, { timeZone });
    return mailSubject(card, {
      handover,
      timeZone,
      introducer: this.deps.people.nameOf(handover.introducerId),
      contact: this.deps.people.nameOf(handover.contactId),
      service: this.deps.directory?.get(handover.serviceId)?.name,
    });
  }

  private recipient(to: Identity): { address: string; person: Person } {
    if (to.platform !== 'email')
      throw new DeliveryError('recipient_unknown', `E-mail cannot reach a ${to.platform} identity.`);
    const address = to.userId.trim();
    if (!isMailAddress(address)) throw new DeliveryError('recipient_unknown', 'That is not an e-mail address.');
    const person = this.deps.people.findByIdentity('email', '', address) ?? this.deps.people.findByEmail(address);
    if (!person)
      throw new DeliveryError('recipient_unknown', `Nobody with the address ${address} is in the directory.`);
    return { address, person };
  }
}
