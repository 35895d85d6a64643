// The pages behind an e-mail link: ask for a one-time code, show the card, or say plainly why a link cannot be used.
// No page before the code shows anything about the client.
import { CODE_DIGITS } from './secrets.ts';
import { escapeHtml as e } from './render-mail.ts';

const STYLE = `
body{font-family:Arial,sans-serif;font-size:19px;line-height:1.45;color:#0b0c0c;margin:0;background:#fff}
header{background:#0b0c0c;color:#fff;padding:12px 16px;font-weight:bold}
main{max-width:640px;margin:0 auto;padding:16px}
h1{font-size:28px;line-height:1.2;margin:16px 0}
h2{font-size:22px;margin:24px 0 8px}
a{color:#1d70b8}
.field{margin:0 0 20px}
label,legend{display:block;font-weight:bold;margin-bottom:6px;padding:0}
input[type=text],input[type=date],select,textarea{font:inherit;width:100%;max-width:100%;box-sizing:border-box;padding:8px;border:2px solid #0b0c0c}
input.code{max-width:8em;letter-spacing:.2em}
fieldset{border:0;padding:0;margin:0 0 20px}
.option{display:flex;gap:8px;align-items:flex-start;margin:6px 0}.option label{font-weight:normal}
.option input{width:24px;height:24px;margin:0}
:focus{outline:3px solid #fd0;outline-offset:0;box-shadow:0 -2px #fd0,0 4px #0b0c0c}
.actions{display:flex;flex-wrap:wrap;gap:12px;margin:16px 0}
.button{font:inherit;padding:8px 14px;border:2px solid #0b0c0c;background:#f3f2f1;color:#0b0c0c;cursor:pointer;box-shadow:0 2px #929191}
.button.primary{background:#00703c;border-color:#00703c;color:#fff;box-shadow:0 2px #002d18}
.button.warning{background:#d4351c;border-color:#d4351c;color:#fff;box-shadow:0 2px #55150b}
.alert{border:4px solid #d4351c;padding:12px 16px;margin:16px 0}
.notice{border-left:8px solid #1d70b8;padding:8px 16px;margin:16px 0;background:#f3f2f1}
.field-error{color:#d4351c;font-weight:bold;margin:0 0 6px}
.text-good{color:#00703c;font-weight:bold}.text-attention,.text-warning{color:#d4351c;font-weight:bold}.text-subtle{color:#505a5f}
dl.facts{margin:0 0 16px}dl.facts div{display:flex;flex-wrap:wrap;border-bottom:1px solid #b1b4b6;padding:6px 0}
dt{font-weight:bold;min-width:40%;padding-right:12px}dd{margin:0;flex:1;overflow-wrap:anywhere}
ol.timeline{padding-left:24px}ol.timeline li.done::marker{color:#00703c}ol.timeline li.todo{color:#505a5f}.when{color:#505a5f}
.visually-hidden{position:absolute!important;width:1px;height:1px;margin:0;padding:0;overflow:hidden;clip:rect(0 0 0 0);border:0}
footer{max-width:640px;margin:24px auto;padding:0 16px;color:#505a5f;font-size:16px}
`;

export const PAGE_HEADERS: Record<string, string> = {
  'content-type': 'text/html; charset=utf-8',
  'cache-control': 'no-store',
  'referrer-policy': 'same-origin', // the token is in the address: never sent to another site; same-origin keeps Origin on form posts
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'content-security-policy':
    "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
};

export function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en-GB"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex"><title>${e(title)} – Warm Handover</title><style>${STYLE}</style></head>
<body><header>Warm Handover</header><main id="main">
${body}
</main><footer>You got a link to this page by e-mail. To stop receiving these e-mails, ask your coordinator.</footer></body></html>`;
}

export interface CodePageInput {
  about: string;
  maskedAddress: string;
  codeUrl: string;
  verifyUrl: string;
  codeSent: boolean;
  error?: string;
}

export function codePage(p: CodePageInput): string {
  const alert = p.error ? `<div class="alert" role="alert"><p>${e(p.error)}</p></div>` : '';
  const enter = p.codeSent
    ? `<form method="post" action="${e(p.verifyUrl)}">
<div class="field"><label for="code">Code from the e-mail we sent to ${e(p.maskedAddress)}</label>
<input class="code" type="text" id="code" name="code" inputmode="numeric" autocomplete="one-time-code" maxlength="${CODE_DIGITS}" pattern="[0-9]*"${p.error ? ' aria-invalid="true"' : ''} required></div>
<div class="actions"><button type="submit" class="button primary">Continue</button></div></form>`
    : '';
  const send = `<form method="post" action="${e(p.codeUrl)}"><div class="actions"><button type="submit" class="button${p.codeSent ? '' : ' primary'}">${p.codeSent ? 'Send me a new code' : 'Send me a code'}</button></div></form>`;
  return page(
    'Check it’s you',
    `<h1>Check it’s you</h1>${alert}
<p>${e(p.about)}</p>
<p>To keep the client’s details private, we need to check this is you. We will send a ${CODE_DIGITS}-digit code to ${e(p.maskedAddress)}.</p>
${enter}${send}`,
  );
}

export type StopReason =
  | 'unknown'
  | 'expired'
  | 'used'
  | 'locked'
  | 'wrong_purpose'
  | 'too_many_codes'
  | 'session_ended'
  | 'send_failed';

const STOPS: Record<StopReason, { status: number; title: string; text: string }> = {
  unknown: {
    status: 404,
    title: 'This link is not recognised',
    text: 'Check you copied the whole link from the e-mail. Nothing has been changed.',
  },
  expired: {
    status: 410,
    title: 'This link has expired',
    text: 'Links work for a limited time. Nothing has been changed.',
  },
  used: {
    status: 410,
    title: 'This link has already been used',
    text: 'Each link works once, in the browser where its code was entered. Nothing has been changed. Your next e-mail about this introduction will have a fresh link, or ask your coordinator.',
  },
  locked: {
    status: 403,
    title: 'This link is locked',
    text: 'Too many wrong codes were entered, so this link no longer works. Nothing has been changed. Ask your coordinator if you need help.',
  },
  wrong_purpose: {
    status: 400,
    title: 'This link cannot be used here',
    text: 'This link was made for something else. Nothing has been changed.',
  },
  too_many_codes: {
    status: 429,
    title: 'We cannot send more codes for this link',
    text: 'We have sent as many codes as we can for this link. Nothing has been changed. Use the newest code you received, or ask your coordinator.',
  },
  session_ended: {
    status: 403,
    title: 'Your session has ended',
    text: 'For safety, the page stops working after a while or in another browser. Nothing has been changed. Your next e-mail about this introduction will have a fresh link.',
  },
  send_failed: {
    status: 503,
    title: 'We could not send the code just now',
    text: 'Nothing has been changed. Please go back and try again in a few minutes.',
  },
};

/** An expired link can ask for a fresh one, sent to the same address. */
export interface NewLinkOffer {
  newLinkUrl: string;
  maskedAddress: string;
}

export function stopPage(reason: StopReason, offer?: NewLinkOffer): { status: number; html: string } {
  const s = STOPS[reason];
  const renew = offer
    ? `<form method="post" action="${e(offer.newLinkUrl)}"><p>We can send a new link to ${e(offer.maskedAddress)}.</p>
<div class="actions"><button type="submit" class="button primary">Send me a new link</button></div></form>`
    : '';
  return {
    status: s.status,
    html: page(s.title, `<h1>${e(s.title)}</h1><div class="notice"><p>${e(s.text)}</p></div>${renew}`),
  };
}

export function newLinkSentPage(maskedAddress: string): string {
  return page(
    'We have sent you a new link',
    `<h1>We have sent you a new link</h1>
<div class="notice"><p>Check your e-mail at ${e(maskedAddress)} and open the newest link. Nothing has been changed.</p></div>`,
  );
}
