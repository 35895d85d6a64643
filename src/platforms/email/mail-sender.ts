// The MailSender port: one mail out, through SMTP (nodemailer) or GOV.UK Notify. Senders take the neutral
// MailContent and render it their own way (text + HTML for SMTP; template personalisation for Notify).
import { DeliveryError } from '../../app/ports.ts';

export interface MailLink {
  url: string;
  label: string;
  /** "This link works until Mon 30 Nov, 10:00 and only once." */
  note: string;
}

/** Everything a mail says. Plain text only: no client details beyond a first name or initials. */
export interface MailContent {
  subject: string;
  greeting: string;
  paragraphs: string[];
  /** Secure links, each to one introduction (a digest has one per line). */
  links: MailLink[];
  /** How to stop receiving these. */
  footer: string;
}

export interface OutgoingMail {
  to: string;
  content: MailContent;
  /** Stable per outbox message: becomes the Message-ID (SMTP) or the reference (Notify). */
  reference: string;
}

export interface MailSender {
  readonly name: 'smtp' | 'notify';
  /** Resolves with the provider's id for the mail; rejects with a DeliveryError. */
  send(mail: OutgoingMail): Promise<{ providerId: string }>;
  close?(): void;
}

/** A simple shape check: one @, something either side, no spaces. The provider decides the rest. */
export function isMailAddress(value: string): boolean {
  return /^[^\s@<>",]+@[^\s@<>",]+\.[^\s@<>",]+$/.test(value) && value.length <= 254;
}

export function notReachable(address: string, why: string): DeliveryError {
  return new DeliveryError('recipient_unknown', `The mail to ${address} was refused: ${why}`);
}
