// The parts of an Open Referral UK 3.0 service we read and write (github.com/OpenReferralUK/uk-profile, examples/).
export interface OrukTaxonomyTerm {
  id?: string;
  name?: string;
  term?: string;
  taxonomy?: string;
  description?: string;
}
export interface OrukAttribute {
  id?: string;
  link_type?: string;
  taxonomy_term?: OrukTaxonomyTerm;
}
export interface OrukAddress {
  address_1?: string;
  city?: string;
  postal_code?: string;
}
export interface OrukLocation {
  id?: string;
  location_type?: string;
  name?: string;
  addresses?: OrukAddress[];
}
export interface OrukContact {
  id?: string;
  name?: string;
  title?: string;
  email?: string;
}
export interface OrukService {
  id?: string;
  name?: string;
  description?: string;
  url?: string;
  email?: string;
  status?: string;
  fees?: string;
  minimum_age?: number;
  maximum_age?: number;
  assured_date?: string;
  last_modified?: string;
  organization?: { id?: string; name?: string; website?: string; email?: string };
  contacts?: OrukContact[];
  service_areas?: { id?: string; name?: string; service_area?: string }[];
  service_at_locations?: { id?: string; location?: OrukLocation }[];
  cost_options?: { id?: string; option?: string; amount?: number; amount_description?: string }[];
  schedules?: {
    id?: string;
    description?: string;
    freq?: string;
    byday?: string;
    opens_at?: string;
    closes_at?: string;
  }[];
  attributes?: OrukAttribute[];
}
export interface OrukPage {
  total_items: number;
  total_pages: number;
  page_number: number;
  size: number;
  first_page: boolean;
  last_page: boolean;
  empty: boolean;
  contents: OrukService[];
}
