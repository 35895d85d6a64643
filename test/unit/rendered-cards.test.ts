// The example cards under cards/ are what the converters produce today: a designer opening them sees the real thing.
import { expect } from 'chai';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CARDS_DIR, PLATFORM_DIRS, renderExampleCards } from '../../scripts/render-cards.ts';
import { assertValidAdaptiveCard } from '../support/validate-adaptive.ts';

const FIX = 'The example cards under cards/ are out of date: run `npm run cards:render` and commit the result.';

describe('the example cards under cards/', () => {
  const rendered = renderExampleCards();

  it('given every card kind, then each has an example for Teams, the web and Slack', () => {
    const kinds = new Set([...rendered.keys()].map((p) => p.split('/')[1].split('.')[0]));
    expect([...kinds].sort()).to.deep.equal([
      'accepted',
      'decline_form',
      'digest',
      'escalation',
      'introduce_form',
      'introduction',
      'my_introductions',
      'note_form',
      'notes',
      'notice',
      'nudge',
      'opportunity',
      'opportunity_form',
      'outcome',
      'outcome_question',
      'pass_form',
      'receipt',
      'review_request',
      'snooze_form',
      'status_update',
      'welcome',
      'withdraw_form',
    ]);
  });

  it('given the converters as they are now, then every file under cards/ matches what they render', () => {
    for (const [path, content] of rendered) {
      const file = join(CARDS_DIR, path);
      expect(existsSync(file), `cards/${path} is missing. ${FIX}`).to.equal(true);
      expect(readFileSync(file, 'utf8') === content, `cards/${path} differs. ${FIX}`).to.equal(true);
    }
  });

  it('given a card that is no longer rendered, then its file is not left behind', () => {
    for (const dir of PLATFORM_DIRS) {
      for (const name of readdirSync(join(CARDS_DIR, dir))) {
        expect(rendered.has(`${dir}/${name}`), `cards/${dir}/${name} is no longer rendered. ${FIX}`).to.equal(true);
      }
    }
  });

  it('given the web examples, then each is a valid Adaptive Card 1.5', () => {
    for (const [path, content] of rendered)
      if (path.startsWith('web/')) assertValidAdaptiveCard(JSON.parse(content), path);
  });
});
