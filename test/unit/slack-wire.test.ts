// What we send Slack for a view or blocks (src/platforms/slack/wire.ts): JSON in ASCII only, which any JSON reader
// (Slack's included) turns back into exactly the text people typed.
import { expect } from 'chai';
import { asciiJson } from '../../src/platforms/slack/wire.ts';

describe('Slack wire JSON', () => {
  const typed = [
    'She’s “worried” — rent… 😟',
    'café £20 ½',
    'tab\there\nnew line',
    '<b>&amp;</b> "quoted" \\ back',
    '\u007f\u0080\u00ff\u0100\uffff',
    '',
  ];

  it('reads back as the same value, whatever the text', () => {
    const view = {
      type: 'modal',
      blocks: typed.map((text, i) => ({ type: 'section', block_id: `b${i}`, text: { type: 'mrkdwn', text } })),
      n: 3,
      flag: true,
      none: null,
    };
    expect(JSON.parse(asciiJson(view))).to.deep.equal(view);
  });

  it('holds only ASCII characters, with everything beyond escaped', () => {
    for (const text of typed) expect(asciiJson({ text })).to.match(/^[\x00-\x7e]*$/);
    expect(asciiJson({ text: '’' })).to.equal('{"text":"\\u2019"}');
    expect(asciiJson({ text: '😟' })).to.equal('{"text":"\\ud83d\\ude1f"}');
  });

  it('leaves plain ASCII exactly as JSON.stringify writes it', () => {
    const plain = { type: 'modal', title: { type: 'plain_text', text: 'Introduce a client' } };
    expect(asciiJson(plain)).to.equal(JSON.stringify(plain));
  });
});
