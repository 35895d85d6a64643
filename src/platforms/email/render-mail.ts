// MailContent as plain text and as simple HTML (for SMTP). Every value is escaped; links are the only markup.
import type { MailContent } from './mail-sender.ts';

export function escapeHtml(s: string): string {
  return s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

export function mailText(c: MailContent): string {
  const lines = [c.greeting, '', ...c.paragraphs.flatMap((p) => [p, ''])];
  for (const l of c.links) lines.push(`${l.label}:`, l.url, l.note, '');
  lines.push('--', c.footer);
  return lines.join('\n');
}

export function mailHtml(c: MailContent): string {
  const p = (s: string) => `<p style="margin:0 0 16px">${escapeHtml(s)}</p>`;
  const link = c.links
    .map(
      (l) =>
        `<p style="margin:0 0 8px"><a href="${escapeHtml(l.url)}" style="display:inline-block;padding:10px 16px;background:#1d70b8;color:#fff;text-decoration:none;font-weight:bold">${escapeHtml(l.label)}</a></p>` +
        `<p style="margin:0 0 16px;color:#505a5f">${escapeHtml(l.note)}</p>`,
    )
    .join('\n');
  return [
    '<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">',
    `<title>${escapeHtml(c.subject)}</title></head>`,
    '<body style="font-family:Arial,sans-serif;font-size:16px;line-height:1.5;color:#0b0c0c;max-width:600px;margin:0 auto;padding:16px">',
    p(c.greeting),
    ...c.paragraphs.map(p),
    link,
    `<hr style="border:0;border-top:1px solid #b1b4b6"><p style="color:#505a5f;font-size:14px">${escapeHtml(c.footer)}</p>`,
    '</body></html>',
  ].join('\n');
}
