// A generated directory CSV of any size, written row by row: for the streaming import test and its benchmark.
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { CSV_COLUMNS } from '../../src/directory-io/csv-columns.ts';

const WORDS = [
  'support',
  'advice',
  'group',
  'one-to-one',
  'wellbeing',
  'money',
  'housing',
  'work',
  'confidence',
  'local',
  'weekly',
  'free',
];

/** Service i of a generated directory: every field filled, a named contact of its own and a shared backup. */
export function generatedRow(i: number): Record<string, string> {
  const word = (k: number) => WORDS[(i * 7 + k * 3) % WORDS.length];
  const description = Array.from({ length: 25 }, (_, k) => word(k)).join(' ');
  return {
    id: `svc-${i}`,
    name: `Service ${i} ${word(1)}`,
    organisation: `Organisation ${i % 5000}`,
    description,
    keywords: `${word(2)}; ${word(3)}`,
    categories: 'mental_health; money_advice',
    journey_stage: 'multiple',
    min_age: '16',
    max_age: '',
    areas: 'Lambeth; SE11',
    conditions: 'Lives in the borough',
    referral_routes: 'Self-referral; Professional',
    cost: 'Free',
    formats: 'one-to-one; group',
    locations: `${i} High Street, London`,
    capacity: 'open',
    reply_by_days: '2',
    website: `https://example.org/s/${i}`,
    phone: '020 7946 0000',
    email: `service${i}@example.org`,
    how_to_refer: 'Introduce through Warm Handover or call the office.',
    last_reviewed: '2026-09-01',
    primary_contact_name: `Contact ${i}`,
    primary_contact_email: `contact${i}@example.org`,
    primary_contact_role: 'Practitioner',
    backup_contacts: `Backup ${i % 2000} <backup${i % 2000}@example.org>`,
  };
}

const cell = (v: string) => (/[",\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);

/** Writes the file row by row (the generator must not need the memory the import is measured for). */
export async function writeDirectoryCsvFile(
  path: string,
  rows: number,
  rowAt: (i: number) => Record<string, string> = generatedRow,
): Promise<void> {
  const out = createWriteStream(path);
  out.write(`${CSV_COLUMNS.join(',')}\n`);
  for (let i = 0; i < rows; i++) {
    const r = rowAt(i);
    if (!out.write(`${CSV_COLUMNS.map((c) => cell(r[c] ?? '')).join(',')}\n`)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}
