// /coordinate/timeline: the same timeline as `handover nudges preview`, for a window chosen on the page.
import type { ServerResponse } from 'node:http';
import type { HttpContext } from '../context.ts';
import { LocalTimeError, parseLocalTime } from '../../domain/calendar/local-time.ts';
import { sendText } from '../body.ts';
import { timelinePage } from './status-pages.ts';

const DAY_MS = 24 * 60 * 60 * 1000;
const WINDOW_DAYS = 7;

/**
 * What will be sent between two instants (times written as seen at `now`), one printed line each, or why that window cannot be shown. The scheduler
 * builds it; the composition root hands it to these pages (http does not import the scheduler).
 */
export type TimelineSource = (from: Date, to: Date, now: Date) => { lines: string[] } | { error: string };

export function showTimeline(c: HttpContext, timeline: TimelineSource, url: URL, res: ServerResponse): void {
  const zone = c.config.timeZone;
  const fromText = url.searchParams.get('from') ?? '';
  const toText = url.searchParams.get('to') ?? '';
  const html = (lines: string[], error?: string) => timelinePage(fromText, toText, lines, error);
  let from: Date;
  let to: Date;
  try {
    from = fromText ? parseLocalTime(fromText, zone) : c.clock.now();
    to = toText ? parseLocalTime(toText, zone) : new Date(from.getTime() + WINDOW_DAYS * DAY_MS);
  } catch (err) {
    if (!(err instanceof LocalTimeError)) throw err;
    sendText(res, 400, html([], err.message), 'text/html; charset=utf-8');
    return;
  }
  const answer = timeline(from, to, c.clock.now());
  if ('error' in answer) sendText(res, 400, html([], answer.error), 'text/html; charset=utf-8');
  else sendText(res, 200, html(answer.lines), 'text/html; charset=utf-8');
}
