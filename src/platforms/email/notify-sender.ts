// GOV.UK Notify through its official client. One e-mail template whose body uses these placeholders:
//   Subject: ((subject))
//   Body:    ((greeting))  ((body))  ((links))  ((footer))   (each on its own line, a blank line between)
// Notify needs every placeholder in personalisation, so absent parts are sent as empty strings.
import notifyClient from 'notifications-node-client';
import { DeliveryError } from '../../app/ports.ts';
import { notReachable, type MailSender, type OutgoingMail } from './mail-sender.ts';

const { NotifyClient } = notifyClient;

export interface NotifySenderOptions {
  apiKey: string;
  templateId: string;
  /** Another API address (a local fake in tests); default: the real Notify. */
  baseUrl?: string;
}

interface NotifyFailure {
  response?: {
    status?: number;
    headers?: Record<string, string>;
    data?: { errors?: { error?: string; message?: string }[] };
  };
  code?: string;
}

export function personalisation(mail: OutgoingMail): Record<string, string> {
  const c = mail.content;
  return {
    subject: c.subject,
    greeting: c.greeting,
    body: c.paragraphs.join('\n\n'),
    links: c.links.map((l) => `${l.label}: ${l.url}\n${l.note}`).join('\n\n'),
    footer: c.footer,
  };
}

export function notifyFailure(err: unknown, address: string): DeliveryError {
  const e = (err ?? {}) as NotifyFailure;
  const status = e.response?.status ?? 0;
  const first = e.response?.data?.errors?.[0];
  const said = first ? `${first.error ?? ''}: ${first.message ?? ''}` : '';
  if (status === 429)
    return new DeliveryError('rate_limited', `GOV.UK Notify says too many requests. ${said}`, retryAfter(e));
  if (status >= 500 || status === 0)
    return new DeliveryError('transient', `GOV.UK Notify could not be reached (${status || e.code || 'no answer'}).`);
  if (status === 400 && /email_address/i.test(first?.message ?? '')) return notReachable(address, said);
  if (status === 403)
    return new DeliveryError('permanent', `GOV.UK Notify refused our key: check NOTIFY_API_KEY. ${said}`);
  return new DeliveryError('permanent', `GOV.UK Notify refused the mail (${status}). ${said}`);
}

function retryAfter(e: NotifyFailure): number | undefined {
  const seconds = Number(e.response?.headers?.['retry-after']);
  return Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : undefined;
}

export class NotifySender implements MailSender {
  readonly name = 'notify' as const;
  private readonly client: InstanceType<typeof NotifyClient>;

  constructor(private readonly options: NotifySenderOptions) {
    this.client = options.baseUrl
      ? new NotifyClient(options.baseUrl, options.apiKey)
      : new NotifyClient(options.apiKey);
  }

  async send(mail: OutgoingMail): Promise<{ providerId: string }> {
    try {
      const res = await this.client.sendEmail(this.options.templateId, mail.to, {
        personalisation: personalisation(mail),
        reference: mail.reference,
      });
      return { providerId: String((res.data as { id?: unknown })?.id ?? '') };
    } catch (err) {
      throw notifyFailure(err, mail.to);
    }
  }
}
