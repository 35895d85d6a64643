// Type-ahead for the introduce modal: directory search, then the chosen service's named contacts.
import type { App, BlockSuggestion } from '@slack/bolt';
import type { ViewStateValues } from '../../blocks.ts';
import { oneOf, type SlackDeps } from '../../deps.ts';
import {
  CONTACT_SEARCH_ACTION,
  MAX_SERVICE_OPTIONS,
  SERVICE_SEARCH_ACTION,
  contactOptions,
  serviceOption,
} from '../../introduce-modal.ts';

function chosenService(body: BlockSuggestion): string | undefined {
  const values = (body.view?.state?.values ?? {}) as ViewStateValues;
  return values[SERVICE_SEARCH_ACTION]?.[SERVICE_SEARCH_ACTION]?.selected_option?.value;
}

export function register(app: App, deps: SlackDeps): void {
  const c = deps.container;
  app.options<'block_suggestion'>(
    { type: 'block_suggestion', action_id: oneOf([SERVICE_SEARCH_ACTION, CONTACT_SEARCH_ACTION]) },
    async ({ ack, body }) => {
      if (body.action_id === SERVICE_SEARCH_ACTION) {
        const results = c.directory.search({ text: body.value, limit: MAX_SERVICE_OPTIONS });
        await ack({ options: results.filter((s) => s.contacts.length > 0).map(serviceOption) });
        return;
      }
      const serviceId = chosenService(body as BlockSuggestion);
      const options = contactOptions(serviceId ? c.directory.get(serviceId) : undefined, (id) => c.people.nameOf(id));
      const typed = (body.value ?? '').toLowerCase();
      await ack({ options: options.filter((o) => o.text.text.toLowerCase().includes(typed)) });
    },
  );
}
