// The service directory: who does what, for whom, and who the named contacts are (seed 001 Fig 11, seed 003).
import type { Identity } from '../ports.ts';
import type { WorkingHours } from './person-settings.ts';

export const CATEGORIES = [
  { id: 'loneliness', label: 'Loneliness or isolation' },
  { id: 'mental_health', label: 'Anxiety or mental health' },
  { id: 'safe_healthy_body', label: 'Safe and healthy body' },
  { id: 'exercise_wellbeing', label: 'Exercise and wellbeing' },
  { id: 'arts_creativity', label: 'Arts and creativity' },
  { id: 'food_shopping', label: 'Food or shopping' },
  { id: 'faith', label: 'Faith-led activities' },
  { id: 'money', label: 'Money advice' },
  { id: 'employment', label: 'Employment advice' },
  { id: 'housing', label: 'Housing advice' },
  { id: 'immigration', label: 'Immigration advice' },
  { id: 'education_training', label: 'Education and training' },
  { id: 'work_experience_volunteering', label: 'Work experience and volunteering' },
] as const;
export type CategoryId = (typeof CATEGORIES)[number]['id'];
export const CATEGORY_IDS = CATEGORIES.map((c) => c.id) as unknown as readonly [CategoryId, ...CategoryId[]];

export const JOURNEY_STAGES = ['distant', 'nearer', 'work_ready', 'multiple'] as const;
export type JourneyStage = (typeof JOURNEY_STAGES)[number];
export const JOURNEY_STAGE_LABELS: Record<JourneyStage, string> = {
  distant: 'Distant from work',
  nearer: 'Nearer to work',
  work_ready: 'Work-ready',
  multiple: 'Multiple stages',
};

export const CAPACITIES = ['open', 'limited', 'waiting_list', 'closed'] as const;
export type Capacity = (typeof CAPACITIES)[number];
export const CAPACITY_LABELS: Record<Capacity, string> = {
  open: 'Open',
  limited: 'Limited places',
  waiting_list: 'Waiting list',
  closed: 'Closed',
};

export const COURSE_TYPES = ['bespoke', 'defined'] as const;
export type CourseType = (typeof COURSE_TYPES)[number];

export const FORMATS = ['one_to_one', 'group', 'online', 'drop_in', 'phone'] as const;
export type Format = (typeof FORMATS)[number];

export interface Person {
  id: string;
  name: string;
  email: string | null;
  organisation: string;
  role: string;
  timeZone: string | null;
  /** The person's own working hours; absent or null: the deployment's. */
  workingHours?: WorkingHours | null;
  digest: boolean;
  isCoordinator: boolean;
  identities: Identity[];
}

export interface ServiceContact {
  personId: string;
  role: 'primary' | 'backup';
}

export interface Service {
  id: string;
  name: string;
  organisation: string;
  description: string;
  keywords: string;
  categories: CategoryId[];
  journeyStage: JourneyStage;
  courseType: CourseType;
  minAge: number | null;
  maxAge: number | null;
  areas: string[];
  conditions: string;
  eligibilityOther: string;
  referralRoutes: string[];
  cost: string;
  formats: string[];
  locations: string[];
  dates: string[];
  capacity: Capacity;
  replyByDays: number;
  followUpDays: number;
  expiryDays: number;
  channel: { platform: string; tenant: string; channelId: string } | null;
  website: string;
  phone: string;
  email: string;
  howToRefer: string;
  lastReviewed: string | null;
  /** YYYY-MM-DD: the capacity a named contact set ("We're full until 12 Jan") lasts until the end of this day. */
  capacityUntil?: string | null;
  staleSince: string | null;
  contacts: ServiceContact[];
  /** Working days after the follow-up date before an unconfirmed introduction closes as unknown (null: default). */
  outcomeWaitDays?: number | null;
}

export function primaryContactId(s: Service): string | null {
  return s.contacts.find((c) => c.role === 'primary')?.personId ?? s.contacts[0]?.personId ?? null;
}

export function backupContactIds(s: Service): string[] {
  const primary = primaryContactId(s);
  return s.contacts.filter((c) => c.personId !== primary).map((c) => c.personId);
}
