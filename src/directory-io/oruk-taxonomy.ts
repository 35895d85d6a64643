// Mapping Open Referral UK taxonomy terms to our categories of need; terms we cannot place are kept as keywords.
import { CATEGORIES, type CategoryId } from '../domain/directory/types.ts';

/** Our own taxonomy for fields the UK profile has no place for; exported and read back as attributes. */
export const OWN_TAXONOMY = 'warm-handover';

const TERM_PATTERNS: [CategoryId, RegExp][] = [
  ['loneliness', /lonel|isolat|befriend|social contact/],
  ['mental_health', /mental|anxiety|depress|counsel|talking therap|emotional/],
  [
    'safe_healthy_body',
    /physical health|sexual health|drug|alcohol|substance|smoking|domestic (abuse|violence)|safeguard|healthy/,
  ],
  ['exercise_wellbeing', /exercise|sport|fitness|physical activit|walking|yoga|swim|wellbeing/],
  ['arts_creativity', /\barts?\b|creativ|music|drama|craft|danc|theatre/],
  ['food_shopping', /food|meal|shopping|grocer|pantry|lunch club/],
  ['faith', /faith|church|mosque|temple|synagogue|gurdwara|religio|spiritual/],
  ['money', /money|debt|benefit|financ|budget|welfare rights/],
  ['employment', /employ|\bjobs?\b|career|\bcv\b|interview/],
  ['housing', /housing|homeless|tenan|\brent\b|accommodation/],
  ['immigration', /immigra|asylum|refugee|visa|migrant/],
  ['education_training', /educat|training|learning|course|skills|esol|literacy|numeracy|college/],
  ['work_experience_volunteering', /volunteer|work experience|placement|internship|apprentice/],
];

const IDS = new Set<string>(CATEGORIES.map((c) => c.id));
const LABELS = new Map<string, CategoryId>(CATEGORIES.map((c) => [c.label.toLowerCase(), c.id]));

/** The category a term names (by our id, our label, or a recognisable word), or null. */
export function categoryForTerm(term: { id?: string; name?: string; term?: string }): CategoryId | null {
  for (const candidate of [term.id, term.term, term.name]) {
    if (!candidate) continue;
    const text = candidate.trim().toLowerCase();
    if (IDS.has(text)) return text as CategoryId;
    const byLabel = LABELS.get(text);
    if (byLabel) return byLabel;
  }
  const words = `${term.name ?? ''} ${term.term ?? ''}`.toLowerCase();
  return TERM_PATTERNS.find(([, pattern]) => pattern.test(words))?.[0] ?? null;
}
