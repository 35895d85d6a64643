import { expect } from 'chai';
import { escapeText, MAX_CARD_BYTES, toAdaptiveCard } from '../../src/cards/adaptive.ts';
import type { Card } from '../../src/cards/model.ts';
import { makeCardWorld, type CardWorld } from '../support/card-world.ts';
import { introduceInput } from '../support/make.ts';
import { assertValidAdaptiveCard } from '../support/validate-adaptive.ts';

const HOSTILE = [
  '**bold** _italic_ ~~strike~~ `code` # heading',
  '[click me](https://evil.example/steal) ![img](https://evil.example/x.png)',
  '<at>Sam Patel</at> <script>alert(1)</script> <b>html</b>',
  '${title} ${$root.title} ${if(true, "x", "y")} {{DATE(2017-02-14T06:08:39Z, SHORT)}}',
  '- not a list\n1. not numbered\n> not a quote',
  'Emoji 😀👍🏽 and family 👨‍👩‍👧',
  'مرحبا، أحتاج مساعدة بخصوص القلق',
  'שלום עולם and mixed english',
  'back\\slash \\*still\\* literal',
];

/** What a renderer that honours markdown escapes shows (the web page does exactly this). */
function shown(escaped: string): string {
  return escaped.replace(/\\([\\`*_~[\]<>#+\-.)])/g, '$1').replace(/\u200B/g, '');
}

function allTextOf(json: unknown): string[] {
  const out: string[] = [];
  const walk = (v: unknown) => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) {
        if ((k === 'text' || k === 'value' || k === 'title') && typeof x === 'string') out.push(x);
        else walk(x);
      }
    }
  };
  walk(json);
  return out;
}

function noticeWith(text: string): Card {
  return {
    kind: 'notice',
    title: text.slice(0, 200),
    summary: 'x',
    blocks: [
      { type: 'text', text },
      { type: 'facts', facts: [{ label: text, value: text }] },
    ],
    actions: [],
  };
}

describe('cards with hostile text typed by people', () => {
  let w: CardWorld;
  beforeEach(() => {
    w = makeCardWorld();
  });
  afterEach(() => w.cleanup());

  for (const text of HOSTILE) {
    it(`shows ${JSON.stringify(text.slice(0, 30))}… exactly as typed, in a valid card`, () => {
      const h = w.handoverService.introduce(
        'jo',
        introduceInput({ clientName: 'A.B.', needs: text, reasonForService: text, disability: text }),
      );
      w.handoverService.act(h.id, { type: 'add_note', actorId: 'jo', text });
      for (const [kind, viewer] of [
        ['introduction', 'sam'],
        ['receipt', 'jo'],
      ] as const) {
        const json = toAdaptiveCard(w.cards.compose({ kind, subjectId: h.id, viewerId: viewer })!);
        assertValidAdaptiveCard(json, `${kind} with ${text.slice(0, 20)}`);
        const texts = allTextOf(json);
        expect(
          texts.map(shown).some((t) => t.includes(text.trim())),
          `${kind} shows the text as typed`,
        ).to.equal(true);
        for (const t of texts) {
          expect(t, 'no live markdown link').to.not.match(/(^|[^\\])\[[^\]]*(?<!\\)\]\(/);
          expect(t, 'no live mention').to.not.match(/(^|[^\\])<at>/);
          expect(t, 'no Adaptive Card date function').to.not.contain('{{DATE');
          expect(t, 'no live emphasis').to.not.match(/(^|[^\\])\*\*[^*]/);
        }
      }
    });
  }

  it('never lets the templating engine evaluate what people type', () => {
    const json = JSON.stringify(toAdaptiveCard(noticeWith('${title} and ${summary}')));
    expect(json).to.contain('${title} and ${summary}');
  });

  it('keeps a 10,000-character text under the 28 KB limit and still valid', () => {
    const long = 'Ω'.repeat(2500) + 'a'.repeat(7500);
    const json = toAdaptiveCard(noticeWith(long));
    assertValidAdaptiveCard(json, 'long notice');
    expect(Buffer.byteLength(JSON.stringify(json))).to.be.at.most(MAX_CARD_BYTES);
    expect(JSON.stringify(json)).to.contain('too long to show here');
  });

  it('escapes list markers only at the start of a line', () => {
    expect(escapeText('- a\nb - c\n12. d')).to.equal('\\- a\nb - c\n12\\. d');
  });
});
