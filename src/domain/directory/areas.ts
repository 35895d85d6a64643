// Areas a service covers: postcode districts (SE11), postcode areas (SE) or borough names (Lambeth).
// A search area can be a full postcode, a district or a borough; these helpers turn it into keys to match.

/** Approximate borough of common London postcode districts, enough to match "SE11 4AB" against "Lambeth". */
const DISTRICT_BOROUGHS: Record<string, string[]> = {
  SE1: ['Southwark', 'Lambeth'],
  SE5: ['Southwark', 'Lambeth'],
  SE11: ['Lambeth'],
  SE15: ['Southwark'],
  SE16: ['Southwark'],
  SE17: ['Southwark'],
  SE21: ['Southwark', 'Lambeth'],
  SE22: ['Southwark'],
  SE24: ['Lambeth', 'Southwark'],
  SE27: ['Lambeth'],
  SW2: ['Lambeth'],
  SW4: ['Lambeth'],
  SW8: ['Lambeth'],
  SW9: ['Lambeth'],
  SW16: ['Lambeth'],
  E2: ['Hackney', 'Tower Hamlets'],
  E5: ['Hackney'],
  E8: ['Hackney'],
  E9: ['Hackney'],
  N1: ['Hackney', 'Islington'],
  N16: ['Hackney'],
  E6: ['Newham'],
  E7: ['Newham'],
  E12: ['Newham'],
  E13: ['Newham'],
  E15: ['Newham'],
  E16: ['Newham'],
  E1: ['Tower Hamlets'],
  E3: ['Tower Hamlets'],
  E14: ['Tower Hamlets'],
  SE4: ['Lewisham'],
  SE6: ['Lewisham'],
  SE13: ['Lewisham'],
  SE14: ['Lewisham'],
  SE23: ['Lewisham'],
  N4: ['Haringey', 'Islington'],
  N7: ['Islington'],
  N15: ['Haringey'],
  N17: ['Haringey'],
  NW1: ['Camden'],
  NW5: ['Camden'],
  SW11: ['Wandsworth'],
  SW18: ['Wandsworth'],
};

const FULL_POSTCODE = /^([A-Z]{1,2}\d[A-Z\d]?)\s*(\d[A-Z]{2})$/;
const DISTRICT = /^[A-Z]{1,2}\d[A-Z\d]?$/;

/** Upper case, single spaces: how areas are compared. */
export function normaliseArea(area: string): string {
  return area.trim().replace(/\s+/g, ' ').toUpperCase();
}

/** "SE11 4AB" → "SE11"; "SE11" → "SE11"; anything else → null. */
export function postcodeDistrict(input: string): string | null {
  const text = normaliseArea(input);
  const full = FULL_POSTCODE.exec(text);
  if (full) return full[1];
  return DISTRICT.test(text) ? text : null;
}

/** Everything a service's area list may contain for it to cover the searched area, normalised. */
export function areaKeys(input: string): string[] {
  const text = normaliseArea(input);
  if (!text) return [];
  const keys = new Set<string>([text]);
  const district = postcodeDistrict(text);
  if (district) {
    keys.add(district);
    keys.add(district.replace(/\d.*$/, ''));
    for (const borough of DISTRICT_BOROUGHS[district] ?? []) keys.add(normaliseArea(borough));
  }
  return [...keys];
}
