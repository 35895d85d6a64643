import { expect } from 'chai';
import type { Service } from '../../src/domain/directory/types.ts';
import { findAlternatives, searchDirectory } from '../../src/storage/directory-search.ts';
import { makeService, makeWorld, type World } from '../support/make.ts';

const NOW = new Date('2026-11-23T10:00:00Z');
const contacts: Service['contacts'] = [{ personId: 'sam', role: 'primary' }];

function add(world: World, id: string, overrides: Partial<Service>): void {
  world.services.upsert(makeService({ id, contacts, ...overrides }), NOW.toISOString());
}

function ids(results: { id: string }[]): string[] {
  return results.map((r) => r.id);
}

describe('directory search', () => {
  let world: World;
  beforeEach(() => {
    world = makeWorld({ seed: true });
    world.services.upsert(makeService({ id: 'svc-mind-lambeth', lastReviewed: '2026-06-01' }), NOW.toISOString());
    add(world, 'talk-lewisham', {
      name: 'Talking therapies',
      description: 'Therapy for anxiety and depression.',
      keywords: 'cbt',
      areas: ['SE13', 'Lewisham'],
      minAge: 18,
      maxAge: null,
    });
    add(world, 'food-bank', {
      name: 'Food bank',
      description: 'Emergency food parcels.',
      keywords: 'groceries',
      categories: ['food_shopping'],
      areas: ['Southwark'],
      minAge: null,
    });
    add(world, 'youth-anxiety', {
      name: 'Young people anxiety group',
      description: 'A group for young people.',
      keywords: 'anxiety',
      areas: ['SE'],
      minAge: 11,
      maxAge: 18,
      journeyStage: 'distant',
    });
    add(world, 'everywhere-helpline', {
      name: 'National anxiety helpline',
      description: 'Phone support.',
      keywords: '',
      areas: [],
      minAge: null,
      journeyStage: 'nearer',
    });
    add(world, 'hackney-only', {
      name: 'Hackney anxiety clinic',
      description: '',
      keywords: '',
      areas: ['E8'],
      minAge: null,
    });
  });
  afterEach(() => world.cleanup());

  it('given a need typed in plain words, when searching, then services about it come first and others are left out', () => {
    const results = searchDirectory(world.db, { text: 'anxiety' }, NOW);
    expect(ids(results)).to.include.members([
      'svc-mind-lambeth',
      'talk-lewisham',
      'youth-anxiety',
      'everywhere-helpline',
      'hackney-only',
    ]);
    expect(ids(results)).not.to.include('food-bank');
    expect(results[0].rank).to.equal(1);
    expect(results.every((r) => typeof r.score === 'number' && r.contacts.length > 0)).to.equal(true);
  });

  it('given part of a word, when searching as you type, then the service is still found', () => {
    expect(ids(searchDirectory(world.db, { text: 'groce' }, NOW))).to.deep.equal(['food-bank']);
  });

  it('given a category, when searching without words, then only services in that category are listed', () => {
    expect(ids(searchDirectory(world.db, { category: 'food_shopping' }, NOW))).to.deep.equal(['food-bank']);
  });

  it('given a client postcode, when searching, then services in its district, postcode area, borough or everywhere match', () => {
    const found = ids(searchDirectory(world.db, { text: 'anxiety', area: 'SE11 4AB' }, NOW));
    expect(found).to.have.members(['svc-mind-lambeth', 'youth-anxiety', 'everywhere-helpline']);
  });

  it('given a borough name, when searching, then services listing that borough match', () => {
    expect(ids(searchDirectory(world.db, { area: 'lewisham', text: 'therapy' }, NOW))).to.deep.equal(['talk-lewisham']);
  });

  it('given an age, when searching, then services whose age range leaves the client out are not listed', () => {
    const at15 = ids(searchDirectory(world.db, { text: 'anxiety', age: 15 }, NOW));
    expect(at15).to.include('youth-anxiety').and.not.include('talk-lewisham');
    const at40 = ids(searchDirectory(world.db, { text: 'anxiety', age: 40 }, NOW));
    expect(at40).to.include('talk-lewisham').and.not.include('youth-anxiety');
  });

  it('given a journey stage, when searching, then services for that stage or for several stages match', () => {
    const found = ids(searchDirectory(world.db, { text: 'anxiety', stage: 'nearer' }, NOW));
    expect(found).to.include.members(['everywhere-helpline', 'svc-mind-lambeth']).and.not.include('youth-anxiety');
  });

  it('given a capacity, when searching, then only services with that capacity are listed', () => {
    add(world, 'full-up', { name: 'Anxiety course', capacity: 'waiting_list' });
    expect(ids(searchDirectory(world.db, { text: 'anxiety', capacity: 'waiting_list' }, NOW))).to.deep.equal([
      'full-up',
    ]);
  });

  it('given closed and stale services that match best, when searching, then they come last and are marked', () => {
    add(world, 'closed-best', { name: 'Anxiety anxiety anxiety', keywords: 'anxiety', capacity: 'closed' });
    add(world, 'old-best', { name: 'Anxiety support anxiety', keywords: 'anxiety', lastReviewed: '2025-06-01' });
    add(world, 'flagged-best', {
      name: 'Anxiety anxiety help',
      keywords: 'anxiety',
      staleSince: '2026-11-01T09:00:00Z',
    });
    for (const query of [{ text: 'anxiety' }, { area: 'SE11' }, { category: 'mental_health' as const }]) {
      const results = searchDirectory(world.db, query, NOW);
      const tail = results.slice(-3);
      expect(ids(tail), JSON.stringify(query)).to.have.members(['closed-best', 'old-best', 'flagged-best']);
      expect(results.slice(0, -3).every((r) => !r.stale && !r.closed)).to.equal(true);
      expect(tail.find((r) => r.id === 'closed-best')?.closed).to.equal(true);
      expect(tail.find((r) => r.id === 'old-best')?.stale).to.equal(true);
      expect(tail.find((r) => r.id === 'flagged-best')?.stale).to.equal(true);
    }
  });

  it('given a shorter review period, when searching, then older reviews are marked stale', () => {
    const result = searchDirectory(world.db, { text: 'Wellbeing Hub' }, NOW, 3).find(
      (r) => r.id === 'svc-mind-lambeth',
    );
    expect(result?.stale).to.equal(true);
  });

  it('given search syntax or hostile text, when searching, then nothing breaks and the directory is untouched', () => {
    const hostile = [
      '"',
      '*',
      'NEAR(',
      '-',
      'anxiety OR',
      'AND',
      '")(*^',
      "'; DROP TABLE services; --",
      'name:anxiety',
      '',
      '   ',
      'NOT anxiety',
    ];
    for (const text of hostile) expect(() => searchDirectory(world.db, { text }, NOW), text).not.to.throw();
    expect(ids(searchDirectory(world.db, { text: 'name:anxiety' }, NOW))).to.include('svc-mind-lambeth');
    expect(world.services.count()).to.equal(6);
  });

  it('given every word must match and none does together, when searching, then services matching any word are offered', () => {
    expect(ids(searchDirectory(world.db, { text: 'groceries therapy' }, NOW))).to.have.members([
      'food-bank',
      'talk-lewisham',
    ]);
  });

  describe('alternatives', () => {
    it('given a service declined an introduction, when asking for alternatives, then open or limited current services in the same category and area are offered', () => {
      add(world, 'alt-limited', { name: 'Lambeth Talking Space', capacity: 'limited', areas: ['Lambeth'] });
      add(world, 'alt-waiting', { name: 'Waiting list service', capacity: 'waiting_list' });
      add(world, 'alt-stale', { name: 'Old service', lastReviewed: '2024-01-01' });
      add(world, 'alt-other-area', { name: 'Far away', areas: ['E8'] });
      const mind = world.services.get('svc-mind-lambeth')!;
      const found = ids(findAlternatives(world.db, mind, NOW, 10));
      expect(found).to.include.members(['alt-limited', 'youth-anxiety', 'everywhere-helpline']);
      expect(found).not.to.include.members([
        'svc-mind-lambeth',
        'alt-waiting',
        'alt-stale',
        'alt-other-area',
        'food-bank',
      ]);
      expect(findAlternatives(world.db, mind, NOW)).to.have.length(3);
    });
  });
});
