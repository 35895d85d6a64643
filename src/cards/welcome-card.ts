// The short welcome a person gets the first time the app is installed for them (Teams personal scope).
import type { Card } from './model.ts';

export const WELCOME_SUBJECT = 'welcome';

export function buildWelcomeCard(name: string): Card {
  const first = name.split(' ')[0] || name;
  return {
    kind: 'notice', title: `Welcome to Warm Handover, ${first}`, subjectId: WELCOME_SUBJECT, summary: 'Welcome to Warm Handover',
    blocks: [
      { type: 'text', text: 'When someone introduces a client to your service, the introduction arrives here. Accept, decline or pass it to a colleague in one click.' },
      { type: 'text', text: 'Anything already waiting for you will arrive in this chat in a moment.', style: 'subtle' },
    ],
    actions: [],
  };
}
