import { expect } from 'chai';
import { areaKeys, postcodeDistrict } from '../../src/domain/directory/areas.ts';
import { validateServiceRecord } from '../../src/domain/directory/service-schema.ts';
import { isStale } from '../../src/domain/directory/staleness.ts';
import { toMatchQuery } from '../../src/storage/directory-search.ts';

const NOW = new Date('2026-11-23T10:00:00Z');

function record(overrides: Record<string, unknown> = {}) {
  return {
    id: 'mind',
    name: 'Wellbeing support',
    organisation: 'Mind in Lambeth',
    categories: ['mental_health'],
    contacts: [{ name: 'Sam Patel', email: 'sam@example.org', role: 'Practitioner', primary: true }],
    ...overrides,
  };
}

describe('directory rules', () => {
  describe('staleness', () => {
    it('given a review eleven months ago, when checked, then the entry is current', () => {
      expect(isStale({ lastReviewed: '2025-12-23', staleSince: null }, NOW, 12)).to.equal(false);
    });
    it('given a review thirteen months ago, when checked, then the entry is stale', () => {
      expect(isStale({ lastReviewed: '2025-10-23', staleSince: null }, NOW, 12)).to.equal(true);
    });
    it('given a shorter review period, when checked, then a six-month-old review is stale', () => {
      expect(isStale({ lastReviewed: '2026-05-01', staleSince: null }, NOW, 6)).to.equal(true);
    });
    it('given an unanswered review request or no review at all, when checked, then the entry is stale', () => {
      expect(isStale({ lastReviewed: '2026-11-01', staleSince: '2026-11-20T09:00:00Z' }, NOW, 12)).to.equal(true);
      expect(isStale({ lastReviewed: null, staleSince: null }, NOW, 12)).to.equal(true);
    });
  });

  describe('areas', () => {
    it('given a full postcode, when turned into keys, then its district, postcode area and borough are included', () => {
      expect(postcodeDistrict('se11 4ab')).to.equal('SE11');
      expect(areaKeys('SE11 4AB')).to.include.members(['SE11', 'SE', 'LAMBETH']);
    });
    it('given a borough name, when turned into keys, then only that name is matched', () => {
      expect(areaKeys(' lambeth ')).to.deep.equal(['LAMBETH']);
    });
  });

  describe('service record validation', () => {
    it('given a complete record, when validated, then defaults are filled in and the e-mail is lower-cased', () => {
      const result = validateServiceRecord(
        record({ contacts: [{ name: 'Sam', email: 'Sam@Example.org', primary: true }] }),
      );
      expect(result.ok).to.equal(true);
      if (result.ok) {
        expect(result.record.replyByDays).to.equal(2);
        expect(result.record.capacity).to.equal('open');
        expect(result.record.contacts[0].email).to.equal('sam@example.org');
      }
    });
    const bad: [string, Record<string, unknown>, RegExp][] = [
      ['no name', { name: '' }, /service name is required/],
      ['no organisation', { organisation: ' ' }, /organisation is required/],
      ['an unknown category', { categories: ['gardening'] }, /"gardening" is not a category/],
      ['a minimum age above the maximum', { minAge: 30, maxAge: 18 }, /minimum age is above the maximum/],
      ['an age over 120', { maxAge: 130 }, /between 0 and 120/],
      ['an unknown capacity', { capacity: 'full' }, /"full" is not a capacity/],
      ['reply-by of 90 days', { replyByDays: 90 }, /between 1 and 60/],
      ['a review date in another format', { lastReviewed: '01/09/2026' }, /YYYY-MM-DD/],
      [
        'no primary contact',
        { contacts: [{ name: 'Sam', email: 'sam@example.org', primary: false }] },
        /primary named contact/,
      ],
      [
        'a contact with a bad e-mail',
        { contacts: [{ name: 'Sam', email: 'sam-at-example', primary: true }] },
        /not a valid e-mail/,
      ],
      ['no contacts', { contacts: [] }, /at least one named contact/],
    ];
    for (const [label, overrides, reason] of bad) {
      it(`given ${label}, when validated, then it is refused with a reason`, () => {
        const result = validateServiceRecord(record(overrides));
        expect(result.ok).to.equal(false);
        if (!result.ok) expect(result.reasons.join(' ')).to.match(reason);
      });
    }
  });

  describe('search text', () => {
    it('given FTS syntax in what was typed, when turned into a query, then every word is quoted and operators are dropped', () => {
      expect(toMatchQuery('anxiety NEAR( "young" -people*')).to.equal('"anxiety" AND "NEAR" AND "young" AND "people"*');
      expect(toMatchQuery('" * - (')).to.equal(null);
    });
  });
});
