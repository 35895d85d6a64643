// Coded errors for opportunities, with a sentence for the person who acted and, for forms, one message per field.
// Same shape as HandoverError (code, message, fields) so platforms can show either the same way.

export type OpportunityErrorCode =
  | 'OPPORTUNITY_INVALID_INPUT'
  | 'OPPORTUNITY_NOT_FOUND'
  | 'OPPORTUNITY_CLOSED'
  | 'OPPORTUNITY_NOT_YOURS'
  | 'OPPORTUNITY_NO_SERVICE';

export class OpportunityError extends Error {
  constructor(
    readonly code: OpportunityErrorCode,
    message: string,
    readonly fields: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'OpportunityError';
  }
}

export class OpportunityInputError extends OpportunityError {
  constructor(message: string, fields: Record<string, string> = {}) {
    super('OPPORTUNITY_INVALID_INPUT', message, fields);
  }
}

export class OpportunityNotFoundError extends OpportunityError {
  constructor(id: string) {
    super('OPPORTUNITY_NOT_FOUND', `We couldn't find opportunity ${id}. It may have been removed.`);
  }
}

export class OpportunityClosedError extends OpportunityError {
  constructor(title: string) {
    super('OPPORTUNITY_CLOSED', `"${title}" has closed, so you can no longer introduce a client to it.`);
  }
}

export class OpportunityNotYoursError extends OpportunityError {
  constructor() {
    super(
      'OPPORTUNITY_NOT_YOURS',
      'Only the person who posted this opportunity, its named contact or a coordinator can close it.',
    );
  }
}

export class OpportunityNoServiceError extends OpportunityError {
  constructor(contactName: string) {
    super(
      'OPPORTUNITY_NO_SERVICE',
      `This opportunity is not linked to a service in the directory, so introductions cannot be sent here. Use "How to join" on the card, or ask ${contactName}.`,
    );
  }
}
