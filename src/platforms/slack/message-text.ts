// A Slack message's text as a person reads it: Slack's escaping (&amp; &lt; &gt;) and its angle-bracket forms
// (<@U123>, <#C123|general>, <!here>, <https://…|notes>) turned back into words, and a link to the message.

const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>' };

/** How a mentioned person is written when we know their name, else "@someone". */
export type NameOfSlackUser = (userId: string) => string | undefined;

function decodeToken(inner: string, nameOf: NameOfSlackUser): string {
  const bar = inner.indexOf('|');
  const target = bar >= 0 ? inner.slice(0, bar) : inner;
  const label = bar >= 0 ? inner.slice(bar + 1) : '';
  if (target.startsWith('@')) return `@${label || nameOf(target.slice(1)) || 'someone'}`;
  if (target.startsWith('#')) return `#${label || 'channel'}`;
  if (target.startsWith('!subteam^')) return label || '@team';
  if (target.startsWith('!date^')) return label || 'a date';
  if (target.startsWith('!')) return `@${target.slice(1)}`;
  return label || target;
}

/** Plain text from Slack's message markup. Entities are decoded last, so "&lt;@U1&gt;" stays as typed. */
export function decodeSlackText(text: string, nameOf: NameOfSlackUser = () => undefined): string {
  return text
    .replace(/<([^<>]+)>/g, (_m, inner: string) => decodeToken(inner, nameOf))
    .replace(/&(amp|lt|gt);/g, (m) => ENTITIES[m] ?? m);
}

/** The permalink Slack gives a message: https://<workspace>.slack.com/archives/<channel>/p<ts without the dot>. */
export function messagePermalink(
  teamDomain: string | undefined,
  channelId: string | undefined,
  ts: string | undefined,
): string | undefined {
  if (
    !teamDomain ||
    !channelId ||
    !ts ||
    !/^[a-z0-9-]+$/i.test(teamDomain) ||
    !/^[A-Z0-9]+$/.test(channelId) ||
    !/^\d+\.\d+$/.test(ts)
  )
    return undefined;
  return `https://${teamDomain}.slack.com/archives/${channelId}/p${ts.replace('.', '')}`;
}
