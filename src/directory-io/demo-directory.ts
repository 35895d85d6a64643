// The fictional demo directory (data/demo-directory.json): ~30 London services and the playground's people.
import { readFileSync } from 'node:fs';
import { applyDirectory, type ImportSummary } from './apply-directory.ts';
import { DirectoryImportError, type ImportProblem } from './record.ts';
import { validateServiceRecord, type ServiceRecord } from '../domain/directory/service-schema.ts';
import { OpportunityStore } from '../storage/opportunity-store.ts';
import { PeopleStore } from '../storage/people-store.ts';
import { ServiceStore } from '../storage/service-store.ts';
import { inTransaction, type Db } from '../storage/sqlite.ts';
import { projectPath } from '../paths.ts';

export const DEMO_DIRECTORY_PATH = projectPath('data', 'demo-directory.json');

/** The people the playground plays as. */
export const DEMO_PEOPLE = {
  introducer: 'p-jo-rivers', // Jo Rivers, Work coach, Lambeth Jobcentre
  contact: 'p-sam-patel', // Sam Patel, Mind in Lambeth
  backup: 'p-alex-morgan', // Alex Morgan, Sam's backup
  peer: 'p-priya-shah', // Priya Shah, Southwark Works (peer group member)
  coordinator: 'p-chris-okafor', // Chris Okafor, No Wrong Door coordinator
} as const;
export const DEMO_SERVICE_ID = 'mind-lambeth-wellbeing';
/** The playground's peer-group channel, where opportunities are posted. */
export const DEMO_PEER_GROUP = {
  platform: 'web',
  tenant: '',
  channelId: 'lambeth-peer-group',
  name: 'Lambeth employment support peers',
} as const;

interface DemoPerson {
  id: string;
  name: string;
  email: string;
  organisation: string;
  role: string;
  isCoordinator?: boolean;
}
interface DemoService extends Omit<ServiceRecord, 'contacts'> {
  contacts: { email: string; primary: boolean }[];
}
interface DemoFile {
  people: DemoPerson[];
  services: DemoService[];
}

function toRecords(file: DemoFile): ServiceRecord[] {
  const byEmail = new Map(file.people.map((p) => [p.email, p]));
  const problems: ImportProblem[] = [];
  const records = file.services.flatMap((s) => {
    const contacts = s.contacts.map((c) => ({
      ...c,
      name: byEmail.get(c.email)?.name ?? '',
      role: byEmail.get(c.email)?.role ?? '',
    }));
    const result = validateServiceRecord({ ...s, contacts });
    if (!result.ok) problems.push(...result.reasons.map((reason) => ({ where: `demo service ${s.id}`, reason })));
    return result.ok ? [result.record] : [];
  });
  if (problems.length) throw new DirectoryImportError(problems);
  return records;
}

/** Loads the demo directory when the directory is empty; otherwise leaves everything as it is and returns null. */
export function loadDemoDirectory(db: Db, now: Date, path: string = DEMO_DIRECTORY_PATH): ImportSummary | null {
  if (new ServiceStore(db).count() > 0) return null;
  const file = JSON.parse(readFileSync(path, 'utf8')) as DemoFile;
  const records = toRecords(file);
  return inTransaction(db, () => {
    const people = new PeopleStore(db, () => now);
    for (const p of file.people) {
      people.upsert({
        id: p.id,
        name: p.name,
        email: p.email,
        organisation: p.organisation,
        role: p.role,
        isCoordinator: Boolean(p.isCoordinator),
        identities: [{ platform: 'web', tenant: '', userId: p.id }],
      });
    }
    const { name, ...channel } = DEMO_PEER_GROUP;
    new OpportunityStore(db).ensurePeerGroup(channel, name, null, now.toISOString());
    return applyDirectory(db, records, now);
  });
}
