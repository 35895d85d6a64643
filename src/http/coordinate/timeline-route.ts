// /coordinate/timeline: the same timeline as `handover nudges preview`, for a window chosen on the page.
import type { ServerResponse } from 'node:http';
import type { Container } from '../../app/container.ts';
import { CliInputError, parseLocalTime } from '../../cli/cli-time.ts';
import { formatTimelineLine } from '../../scheduler/preview-words.ts';
import { PreviewWindowError, previewTimeline } from '../../scheduler/preview.ts';
import { sendText } from '../body.ts';
import { timelinePage } from './status-pages.ts';

const DAY_MS = 24 * 60 * 60 * 1000;
const WINDOW_DAYS = 7;

export function showTimeline(c: Container, url: URL, res: ServerResponse): void {
  const zone = c.config.timeZone;
  const fromText = url.searchParams.get('from') ?? '';
  const toText = url.searchParams.get('to') ?? '';
  const html = (lines: Parameters<typeof timelinePage>[2], error?: string) =>
    timelinePage(fromText, toText, lines, (l) => formatTimelineLine(l, zone), error);
  try {
    const from = fromText ? parseLocalTime(fromText, zone) : c.clock.now();
    const to = toText ? parseLocalTime(toText, zone) : new Date(from.getTime() + WINDOW_DAYS * DAY_MS);
    sendText(res, 200, html(previewTimeline(c.db, from, to, c.calendar, zone)), 'text/html; charset=utf-8');
  } catch (err) {
    if (!(err instanceof CliInputError) && !(err instanceof PreviewWindowError)) throw err;
    sendText(res, 400, html([], err.message), 'text/html; charset=utf-8');
  }
}
