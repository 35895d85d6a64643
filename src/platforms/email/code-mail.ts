// The mail that carries a one-time code: the code and nothing else about the introduction.
import { CODE_TTL_MS } from './link-store.ts';
import { STOP_RECEIVING, firstName } from './compose-mail.ts';
import type { MailContent } from './mail-sender.ts';

export function codeMail(recipientName: string, code: string): MailContent {
  return {
    subject: `Your Warm Handover code: ${code}`,
    greeting: `Hello ${firstName(recipientName)},`,
    paragraphs: [
      `Your code is ${code}. Enter it on the page you opened to see the introduction.`,
      `It works for ${CODE_TTL_MS / 60000} minutes. If you did not ask for a code, you can ignore this e-mail: nobody can see the introduction without it.`,
    ],
    links: [],
    footer: STOP_RECEIVING,
  };
}
