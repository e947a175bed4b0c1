/**
 * When a request is public (Art. 12, R-PU1): its answer has been published AND the requester
 * agreed to publish their question. Only then may the PII-free public copy appear on the portal
 * (answers list, answer page, the agencies offered as a filter). The requester following their own
 * request by code and phone sees the published answer whatever their consent.
 *
 * The same rule in SQL is `publicRequest` in db/repositories/publication.repository.ts; a test
 * checks that the two agree.
 */
export interface PublicationState {
  published_at: Date | null;
  publish_consent: boolean;
}

export function isPublic(r: PublicationState): boolean {
  return r.published_at !== null && r.publish_consent;
}
