// E-mail for people on no chat platform: the sender chosen by configuration, the Messenger and the /e/ pages.
//   const email = createEmailPlatform(context);
//   if (email) { router.register(email.messenger); mounts.push(...email.mounts); }
import type { PlatformContext } from '../../app/platform-context.ts';
import type { EmailConfig } from '../../config.ts';
import type { Mount } from '../../http/server.ts';
import { EmailMessenger } from './email-messenger.ts';
import { EmailLinkStore } from './link-store.ts';
import { createEmailLinkMounts, type HandleActionFn } from './link-routes.ts';
import type { MailSender } from './mail-sender.ts';
import { NotifySender } from './notify-sender.ts';
import { SmtpSender } from './smtp-sender.ts';

export { EmailMessenger } from './email-messenger.ts';
export { EmailLinkStore, MAX_CODE_ATTEMPTS } from './link-store.ts';
export { createEmailLinkMounts, type HandleActionFn } from './link-routes.ts';
export type { MailSender } from './mail-sender.ts';

export function createMailSender(config: EmailConfig): MailSender | undefined {
  if (config.notify) return new NotifySender(config.notify);
  if (config.smtpUrl) return new SmtpSender({ url: config.smtpUrl, from: config.from });
  return undefined;
}

export interface EmailPlatform {
  messenger: EmailMessenger;
  mounts: Mount[];
  links: EmailLinkStore;
  sender: MailSender;
}

/** null when e-mail is switched off (no SMTP_URL or NOTIFY_API_KEY). publicUrl defaults to this server's own address. */
export function createEmailPlatform(
  c: PlatformContext,
  options: { handleAction?: HandleActionFn; sender?: MailSender; publicUrl?: string } = {},
): EmailPlatform | null {
  const sender = options.sender ?? (c.config.email ? createMailSender(c.config.email) : undefined);
  if (!sender) return null;
  const configured = options.publicUrl ?? c.config.publicUrl;
  const publicUrl = configured ?? `http://${c.config.host}:${c.config.port}`;
  const links = new EmailLinkStore(c.ownTables);
  const messenger = new EmailMessenger({
    sender,
    links,
    people: c.people,
    introduction: c.introduction,
    directory: c.directory,
    clock: c.clock,
    publicUrl,
    timeZone: c.config.timeZone,
  });
  const mounts = createEmailLinkMounts(
    {
      links,
      sender,
      introduction: c.introduction,
      people: c.people,
      directory: c.directory,
      clock: c.clock,
      log: c.log,
      publicUrl: configured,
    },
    options.handleAction ?? c.runAction,
  );
  return { messenger, mounts, links, sender };
}
