// Coded errors with a sentence for the person who acted. Platforms show `message` as it is.

export type HandoverErrorCode =
  | 'HANDOVER_NOT_FOUND'
  | 'HANDOVER_NOT_YOURS'
  | 'HANDOVER_ALREADY_ANSWERED'
  | 'HANDOVER_INVALID_TRANSITION'
  | 'HANDOVER_INVALID_INPUT'
  | 'CONSENT_REQUIRED'
  | 'HANDOVER_CONFLICT';

export class HandoverError extends Error {
  constructor(
    readonly code: HandoverErrorCode,
    message: string,
    readonly fields: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'HandoverError';
  }
}

export class HandoverNotFoundError extends HandoverError {
  constructor(id: string) {
    super('HANDOVER_NOT_FOUND', `We couldn't find introduction ${id}. It may have been removed.`);
  }
}

export class HandoverNotYoursError extends HandoverError {
  constructor(message: string) {
    super('HANDOVER_NOT_YOURS', message);
  }
}

export class HandoverAlreadyAnsweredError extends HandoverError {
  constructor(message: string) {
    super('HANDOVER_ALREADY_ANSWERED', message);
  }
}

export class InvalidTransitionError extends HandoverError {
  constructor(message: string) {
    super('HANDOVER_INVALID_TRANSITION', message);
  }
}

export class InvalidInputError extends HandoverError {
  constructor(message: string, fields: Record<string, string> = {}) {
    super('HANDOVER_INVALID_INPUT', message, fields);
  }
}

export class ConsentRequiredError extends HandoverError {
  constructor() {
    super(
      'CONSENT_REQUIRED',
      'Please confirm that the client agreed to share these details with this service before sending.',
      {
        consent: 'The client must agree before you send this introduction.',
      },
    );
  }
}

/** Raised by storage when the version moved underneath a command; the app reloads and decides again. */
export class HandoverConflictError extends HandoverError {
  constructor(id: string) {
    super('HANDOVER_CONFLICT', `Introduction ${id} changed while you were acting on it. Please look at it again.`);
  }
}
