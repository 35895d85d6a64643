// The mail with a fresh secure link, asked for on the page of an expired one. It says what the link is about
// (introducer and service, or the directory entry) and nothing about the client.
import { STOP_RECEIVING, firstName } from './compose-mail.ts';
import type { MailContent } from './mail-sender.ts';

export function newLinkMail(recipientName: string, about: string, url: string, until: string): MailContent {
  return {
    subject: 'Your new Warm Handover link',
    greeting: `Hello ${firstName(recipientName)},`,
    paragraphs: [
      `You asked for a new link. ${about}`,
      'If you did not ask for it, you can ignore this e-mail: the page asks for a one-time code sent to this address.',
    ],
    links: [{ url, label: 'Open the secure page', note: `This link works until ${until}.` }],
    footer: STOP_RECEIVING,
  };
}
