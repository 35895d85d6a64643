// SMTP through nodemailer (SMTP_URL, e.g. smtps://user:pass@smtp.example.org:465). Refusals map to DeliveryError kinds.
import { createTransport } from 'nodemailer';
import { DeliveryError } from '../../app/ports.ts';
import { notReachable, type MailSender, type OutgoingMail } from './mail-sender.ts';
import { mailHtml, mailText } from './render-mail.ts';
import { sha256 } from './secrets.ts';

export const SMTP_CONNECT_TIMEOUT_MS = 10_000;
export const SMTP_SOCKET_TIMEOUT_MS = 30_000;
/** 550 mailbox unavailable, 551 not local, 553 mailbox name not allowed: that address will not work. */
const NO_SUCH_MAILBOX = new Set([550, 551, 553]);
const NETWORK_CODES = new Set([
  'ECONNECTION',
  'ETIMEDOUT',
  'ESOCKET',
  'EDNS',
  'ECONNREFUSED',
  'ECONNRESET',
  'EPROTOCOL',
]);

interface SmtpFailure {
  code?: string;
  responseCode?: number;
  message?: string;
}

export function smtpFailure(err: unknown, address: string): DeliveryError {
  const e = (err ?? {}) as SmtpFailure;
  const status = typeof e.responseCode === 'number' ? e.responseCode : 0;
  if (NO_SUCH_MAILBOX.has(status)) return notReachable(address, `the mail server answered ${status}.`);
  if (status >= 400 && status < 500)
    return new DeliveryError('transient', `The mail server asked to try again later (${status}).`);
  if (e.code && NETWORK_CODES.has(e.code))
    return new DeliveryError('transient', `The mail server could not be reached (${e.code}).`);
  if (e.code === 'EAUTH') return new DeliveryError('permanent', 'The mail server refused our login: check SMTP_URL.');
  return new DeliveryError('permanent', `The mail server refused the mail${status ? ` (${status})` : ''}.`);
}

export interface SmtpSenderOptions {
  url: string;
  from: string;
}

export class SmtpSender implements MailSender {
  readonly name = 'smtp' as const;
  private readonly transport: ReturnType<typeof createTransport>;

  constructor(private readonly options: SmtpSenderOptions) {
    this.transport = createTransport({
      url: options.url,
      connectionTimeout: SMTP_CONNECT_TIMEOUT_MS,
      greetingTimeout: SMTP_CONNECT_TIMEOUT_MS,
      socketTimeout: SMTP_SOCKET_TIMEOUT_MS,
      disableFileAccess: true,
      disableUrlAccess: true,
    });
  }

  async send(mail: OutgoingMail): Promise<{ providerId: string }> {
    const domain = this.options.from.match(/@([^>\s]+)/)?.[1] ?? 'warm-handover.invalid';
    try {
      const info = await this.transport.sendMail({
        from: this.options.from,
        to: mail.to,
        subject: mail.content.subject,
        text: mailText(mail.content),
        html: mailHtml(mail.content),
        messageId: `<${sha256(mail.reference).slice(0, 32)}@${domain}>`,
        headers: { 'Auto-Submitted': 'auto-generated' },
      });
      return { providerId: String(info.messageId ?? '') };
    } catch (err) {
      throw smtpFailure(err, mail.to);
    }
  }

  close(): void {
    this.transport.close();
  }
}
