// The site icon, for every page on this server: an SVG (two hands meeting), also answered at /favicon.ico so that
// browsers that ask for it without a <link rel="icon"> get an icon rather than a 404.
import type { Mount, RequestHandler } from './server.ts';

export const FAVICON_SVG = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32">
<rect width="32" height="32" rx="7" fill="#005a9c"/>
<path d="M6 18c3-1 5-4 8-4h4l-3 3c-1 1 0 2 1 2l5-3 5 3-6 4c-2 1-4 1-6 0l-8-2z" fill="#ffdd00"/>
<path d="M26 12c-3 1-5 0-7-1h-4" stroke="#fff" stroke-width="2" fill="none" stroke-linecap="round"/>
</svg>
`;

const serveIcon: RequestHandler = (_req, res) => {
  const body = Buffer.from(FAVICON_SVG);
  res.writeHead(200, {
    'content-type': 'image/svg+xml',
    'content-length': body.length,
    'cache-control': 'public, max-age=86400',
  });
  res.end(body);
};

export function faviconMounts(): Mount[] {
  return [
    { name: 'favicon', path: '/favicon.svg', exact: true, handler: serveIcon },
    { name: 'favicon-ico', path: '/favicon.ico', exact: true, handler: serveIcon },
  ];
}
