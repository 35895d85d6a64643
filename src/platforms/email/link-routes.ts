// The secure pages for e-mail links, under /e/:token:
//   GET  /e/:token         ask for a one-time code (or show the card in a live session)
//   POST /e/:token/code    send a code to the address the link went to
//   POST /e/:token/verify  check the code: the link is spent, a session begins (HttpOnly, SameSite=Strict cookie)
//   POST /e/:token/action  a button on the card, as the link's person, through the shared action handler
//   POST /e/:token/new-link  an expired link: send a fresh link to the same address
// A link works for its whole life: after SESSION_TTL_MS without use, or in another browser, the page asks for a new
// code. A link that is unknown, expired, locked or for another purpose gets a plain page and changes nothing.
// A link is for an introduction (purpose handover) or for a directory review of one service (purpose review).
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ActionRequest, ActionResult } from '../../app/actions/handle-action.ts';
import { formatWhen } from '../../cards/format.ts';
import { isActionId } from '../../cards/model.ts';
import { DEFAULT_TIME_ZONE } from '../../domain/calendar/working-calendar.ts';
import type { Clock } from '../../domain/ports.ts';
import { HttpError, readRawBody } from '../../http/body.ts';
import type { Mount } from '../../http/server.ts';
import type { Logger } from '../../log.ts';
import type { PeopleDirectory } from '../../app/people-directory.ts';
import type { ServiceDirectory } from '../../app/service-directory.ts';
import type { Handover } from '../../domain/handover/types.ts';
import { cardFormHtml } from './card-html.ts';
import { codeMail } from './code-mail.ts';
import { HANDOVER_PURPOSE, LINK_TTL_MS, REVIEW_PURPOSE, type EmailLink, type EmailLinkStore } from './link-store.ts';
import { PAGE_HEADERS, codePage, newLinkSentPage, page, stopPage, type StopReason } from './link-pages.ts';
import { newLinkMail } from './new-link-mail.ts';
import type { MailSender } from './mail-sender.ts';
import { escapeHtml } from './render-mail.ts';
import { looksLikeToken, maskAddress } from './secrets.ts';

export const FORM_BODY_LIMIT = 64 * 1024;
export const SESSION_COOKIE = 'wh_email_session';
const RESERVED_FIELDS = new Set(['csrf', 'actionId', 'version']);

export type HandleActionFn = (request: ActionRequest) => ActionResult;

const IDLE_MESSAGE =
  'For your safety the page closed after a while without use, or you opened it in another browser. Send yourself a new code to carry on.';

export interface EmailLinkDeps {
  links: EmailLinkStore;
  sender: MailSender;
  /** One introduction as it is now (PlatformContext.introduction). */
  introduction(id: string): Handover | undefined;
  people: Pick<PeopleDirectory, 'get' | 'nameOf'>;
  directory: Pick<ServiceDirectory, 'get'>;
  clock: Clock;
  log: Logger;
  /** When set (https://…), cookies are Secure and a form from another origin is refused. */
  publicUrl?: string;
  /** How long a fresh link from "Send me a new link" works. */
  linkTtlMs?: number;
}

interface Visit {
  token: string;
  link: EmailLink;
  base: string;
  session?: { csrf: string };
}

function send(res: ServerResponse, status: number, html: string, extra: Record<string, string> = {}): void {
  res.writeHead(status, { ...PAGE_HEADERS, ...extra, 'content-length': String(Buffer.byteLength(html)) });
  res.end(html);
}

function stop(res: ServerResponse, reason: StopReason): void {
  const p = stopPage(reason);
  send(res, p.status, p.html);
}

function cookieValue(req: IncomingMessage, name: string): string | undefined {
  for (const part of String(req.headers.cookie ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return v.join('=');
  }
  return undefined;
}

async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  const type = String(req.headers['content-type'] ?? '');
  if (!type.startsWith('application/x-www-form-urlencoded'))
    throw new HttpError(415, 'Send the form as a normal web form.', 'NOT_FORM');
  return new URLSearchParams((await readRawBody(req, FORM_BODY_LIMIT)).toString('utf8'));
}

export function createEmailLinkMounts(deps: EmailLinkDeps, handleActionFn: HandleActionFn): Mount[] {
  const secure = deps.publicUrl?.startsWith('https://') ?? false;
  const origin = deps.publicUrl ? new URL(deps.publicUrl).origin : undefined;

  /** Why this link cannot be used now, or null. */
  const refusal = (v: Visit): StopReason | null => {
    const forHandover = v.link.purpose === HANDOVER_PURPOSE && v.link.handoverId;
    const forReview = v.link.purpose === REVIEW_PURPOSE && v.link.serviceId;
    if (!forHandover && !forReview) return 'wrong_purpose';
    if (v.link.locked) return 'locked';
    if (v.link.expiresAt <= deps.clock.now().toISOString()) return 'expired';
    return null;
  };

  /** What the link opens: the introduction, or the service whose entry is reviewed. */
  const subjectOf = (link: EmailLink): string =>
    (link.purpose === REVIEW_PURPOSE ? link.serviceId : link.handoverId) ?? '';

  const about = (link: EmailLink): string => {
    if (link.purpose === REVIEW_PURPOSE)
      return `This page is about the directory entry for ${deps.directory.get(link.serviceId ?? '')?.name ?? 'a service'}.`;
    const h = link.handoverId ? deps.introduction(link.handoverId) : undefined;
    if (!h) return 'This page is about an introduction.';
    const service = deps.directory.get(h.serviceId)?.name ?? 'a service';
    return `This page is about an introduction from ${deps.people.nameOf(h.introducerId)} to ${service}.`;
  };

  const showCode = (res: ServerResponse, v: Visit, error?: string, status = 200) =>
    send(
      res,
      status,
      codePage({
        about: about(v.link),
        maskedAddress: maskAddress(v.link.address),
        codeUrl: `${v.base}/code`,
        verifyUrl: `${v.base}/verify`,
        codeSent: deps.links.hasLiveCode(v.link.id, deps.clock.now()),
        error,
      }),
    );

  /** The card after an action, a form with what to fix, or (no result, or an error without a form) the current card. */
  const showCard = (res: ServerResponse, v: Visit, result?: ActionResult, status = 200) => {
    let card = !result ? undefined : result.kind === 'error' ? result.form : result.card;
    const message = result?.kind === 'error' ? result.message : undefined;
    if (!card) {
      const opening = v.link.purpose === REVIEW_PURPOSE ? 'review_open' : 'open_handover';
      const current = handleActionFn({ actorId: v.link.personId, actionId: opening, subjectId: subjectOf(v.link) });
      if (current.kind === 'error')
        return send(
          res,
          404,
          page('Not found', `<h1>Not found</h1><div class="notice"><p>${escapeHtml(current.message)}</p></div>`),
        );
      card = current.card;
    }
    const html = cardFormHtml(card, {
      actionUrl: `${v.base}/action`,
      csrf: v.session!.csrf,
      subjectId: subjectOf(v.link),
      message,
    });
    send(res, status, page(card.title, html));
  };

  const onCode = async (res: ServerResponse, v: Visit) => {
    const code = deps.links.issueCode(v.link.id, deps.clock.now());
    if (!code) return stop(res, deps.links.get(v.link.id)?.locked ? 'locked' : 'too_many_codes');
    const name = deps.people.get(v.link.personId)?.name ?? '';
    try {
      await deps.sender.send({
        to: v.link.address,
        content: codeMail(name, code),
        reference: `code:${v.link.id}:${deps.links.get(v.link.id)!.codesSent}`,
      });
    } catch (err) {
      deps.log.warn({ err: { message: (err as Error).message }, linkId: v.link.id }, 'could not send a one-time code');
      return stop(res, 'send_failed');
    }
    res.writeHead(303, { ...PAGE_HEADERS, location: v.base }).end();
  };

  const onVerify = async (req: IncomingMessage, res: ServerResponse, v: Visit) => {
    const typed = (await readForm(req)).get('code') ?? '';
    const check = deps.links.checkCode(v.link.id, typed.slice(0, 20), deps.clock.now());
    if (check.result === 'locked') return stop(res, 'locked');
    if (check.result === 'no_code')
      return showCode(res, v, 'That code has expired or has been used up. Send yourself a new code.', 400);
    if (check.result === 'wrong') {
      return showCode(
        res,
        v,
        `That code is not right. Check the newest e-mail and try again (${check.triesLeft} ${check.triesLeft === 1 ? 'try' : 'tries'} left for this code).`,
        400,
      );
    }
    const now = deps.clock.now();
    const { sessionId } = deps.links.openSession(v.link.id, now);
    // The cookie lasts as long as the link; the server ends the session after SESSION_TTL_MS without use.
    const maxAge = Math.max(1, Math.floor((Date.parse(v.link.expiresAt) - now.getTime()) / 1000));
    const cookie = `${SESSION_COOKIE}=${sessionId}; Path=/e/; HttpOnly; SameSite=Strict; Max-Age=${maxAge}${secure ? '; Secure' : ''}`;
    res.writeHead(303, { ...PAGE_HEADERS, location: v.base, 'set-cookie': cookie }).end();
  };

  const onAction = async (req: IncomingMessage, res: ServerResponse, v: Visit) => {
    if (!v.session) return showCode(res, v, v.link.usedAt ? IDLE_MESSAGE : 'Please confirm the code first.', 403);
    const form = await readForm(req);
    if (form.get('csrf') !== v.session.csrf) return stop(res, 'session_ended');
    const actionId = form.get('actionId') ?? '';
    if (!isActionId(actionId))
      return showCard(
        res,
        v,
        { kind: 'error', message: 'That button is not known here. Please try again.', fields: {} },
        400,
      );
    const inputs: Record<string, string> = {};
    for (const key of new Set(form.keys())) if (!RESERVED_FIELDS.has(key)) inputs[key] = form.getAll(key).join(',');
    const version = Number(form.get('version'));
    const result = handleActionFn({
      actorId: v.link.personId,
      actionId,
      subjectId: subjectOf(v.link),
      version: Number.isInteger(version) ? version : undefined,
      inputs,
    });
    showCard(res, v, result, result.kind === 'error' ? 422 : 200);
  };

  const expiredPage = (v: Visit) =>
    stopPage('expired', { newLinkUrl: `${v.base}/new-link`, maskedAddress: maskAddress(v.link.address) }).html;

  const onNewLink = async (req: IncomingMessage, res: ServerResponse, v: Visit) => {
    const fresh = deps.links.renewLink(v.link, deps.clock.now(), deps.linkTtlMs ?? LINK_TTL_MS);
    if (!fresh) return stop(res, 'too_many_codes');
    const person = deps.people.get(v.link.personId);
    const until = formatWhen(fresh.link.expiresAt, person?.timeZone ?? DEFAULT_TIME_ZONE, deps.clock.now());
    const url = `${(deps.publicUrl ?? `http://${req.headers.host ?? 'localhost'}`).replace(/\/+$/, '')}/e/${fresh.token}`;
    try {
      await deps.sender.send({
        to: v.link.address,
        content: newLinkMail(person?.name ?? '', about(v.link), url, until),
        reference: `new-link:${fresh.link.id}`,
      });
    } catch (err) {
      deps.log.warn({ err: { message: (err as Error).message }, linkId: v.link.id }, 'could not send a new link');
      return stop(res, 'send_failed');
    }
    send(res, 200, newLinkSentPage(maskAddress(v.link.address)));
  };

  const handler = async (req: IncomingMessage, res: ServerResponse, url: URL) => {
    const [, , token = '', step = '', ...rest] = url.pathname.split('/');
    if (!looksLikeToken(token) || rest.length > 0) return stop(res, 'unknown');
    const link = deps.links.findByToken(token);
    if (!link) return stop(res, 'unknown');
    const sessionId = cookieValue(req, SESSION_COOKIE);
    const session = sessionId ? deps.links.findSession(sessionId, link.id, deps.clock.now()) : undefined;
    const v: Visit = { token, link, base: `/e/${token}`, session };
    const method = req.method ?? 'GET';
    if (method === 'POST' && origin && req.headers.origin && req.headers.origin !== origin)
      return stop(res, 'session_ended');
    const refused = refusal(v);
    if (refused === 'expired' && method === 'GET' && step === '') return send(res, 410, expiredPage(v));
    if (refused === 'expired' && method === 'POST' && step === 'new-link') return onNewLink(req, res, v);
    if (refused) return stop(res, refused);
    if (method === 'GET' && step === '') {
      if (v.session) return showCard(res, v);
      deps.links.markOpened(link.id, deps.clock.now());
      return showCode(res, v, v.link.usedAt ? IDLE_MESSAGE : undefined);
    }
    if (method !== 'POST') return stop(res, 'unknown');
    if (step === 'code') return onCode(res, v);
    if (step === 'verify') return onVerify(req, res, v);
    if (step === 'action') return onAction(req, res, v);
    return stop(res, 'unknown');
  };

  return [{ name: 'email-links', path: '/e/', handler }];
}
