import { expect } from 'chai';
import { hoursBetween, median, percent, percentile, summariseHours } from '../../src/domain/insight/stats.ts';

describe('insight: median and 90th percentile of elapsed times', () => {
  it('given an odd number of times, the median is the middle one', () => {
    expect(median([5, 1, 3])).to.equal(3);
  });

  it('given an even number of times, the median is halfway between the two middle ones', () => {
    expect(median([4, 1, 3, 2])).to.equal(2.5);
  });

  it('given no times at all, there is no median and no 90th percentile rather than a zero', () => {
    expect(median([])).to.equal(null);
    expect(percentile([], 90)).to.equal(null);
    expect(summariseHours([])).to.deep.equal({ n: 0, medianHours: null, p90Hours: null });
  });

  it('given ten answers, the 90th percentile is the ninth fastest: 90% came within it', () => {
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 100], 90)).to.equal(9);
  });

  it('given eleven answers, the 90th percentile is the tenth (nearest rank rounds up)', () => {
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11], 90)).to.equal(10);
  });

  it('given a single answer, median and 90th percentile are that answer', () => {
    expect(summariseHours([7.25])).to.deep.equal({ n: 1, medianHours: 7.3, p90Hours: 7.3 });
  });

  it('refuses a percentile outside 0–100', () => {
    expect(() => percentile([1], 0)).to.throw(RangeError);
    expect(() => percentile([1], 101)).to.throw(RangeError);
  });

  it('measures elapsed clock hours across a weekend, not working hours', () => {
    expect(hoursBetween('2026-10-02T17:00:00.000Z', '2026-10-05T09:00:00.000Z')).to.equal(64);
  });

  it('a share of nothing is unknown, not 0%', () => {
    expect(percent(0, 0)).to.equal(null);
    expect(percent(1, 3)).to.equal(33);
  });
});
