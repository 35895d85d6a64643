// What a mail's subject says: what the mail is and which service, never anything about the client. Mails about
// different introductions differ: each names its introducer and its reply-by or sending time.
import type { Card } from '../../cards/model.ts';
import { formatWhen } from '../../cards/format.ts';
import type { Handover } from '../../domain/handover/types.ts';

export interface SubjectFacts {
  handover?: Handover;
  introducer?: string;
  contact?: string;
  service?: string;
  timeZone: string;
}

export function mailSubject(card: Card, f: SubjectFacts): string {
  const h = f.handover;
  if (!h || !f.service) return card.summary;
  const from = f.introducer ? ` from ${f.introducer}` : '';
  const replyBy = formatWhen(h.replyBy, f.timeZone);
  const sent = formatWhen(h.createdAt, f.timeZone);
  switch (card.kind) {
    case 'introduction':
      return `New introduction${from} to ${f.service}: please reply by ${replyBy}`;
    case 'accepted':
      return `You accepted an introduction${from} to ${f.service} (sent ${sent})`;
    case 'escalation':
      return `Can you pick up an introduction for ${f.contact ?? 'a colleague'}? ${f.service}, sent${from.replace(' from', ' by')} ${sent}`;
    case 'nudge':
      return h.state === 'sent'
        ? `Reminder: please answer the introduction${from} to ${f.service} (reply was due ${replyBy})`
        : `Reminder: have you made contact? Introduction${from} to ${f.service} (sent ${sent})`;
    case 'receipt':
    case 'outcome':
      return `${card.summary} (sent ${sent})`;
    default:
      return card.summary;
  }
}
