// A re-introduce button's subject names two things: the first introduction and the service to try next.

/** Separates the first introduction's id from the new service's id. */
export const FOLLOW_SEPARATOR = '~';

export function followSubject(handoverId: string, serviceId: string): string {
  return `${handoverId}${FOLLOW_SEPARATOR}${serviceId}`;
}

export function followOf(subjectId: string): { handoverId: string; serviceId: string } | null {
  const at = subjectId.indexOf(FOLLOW_SEPARATOR);
  if (at <= 0 || at === subjectId.length - 1) return null;
  return { handoverId: subjectId.slice(0, at), serviceId: subjectId.slice(at + 1) };
}
