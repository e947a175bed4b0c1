import type { PersonalDataKind } from "../../../shared/personal-data.js";

export {
  type PersonalDataKind,
  personalDataKindLabels,
  personalDataKinds,
} from "../../../shared/personal-data.js";

/** One finding: a span [start, end) of the text given, in UTF-16 units like String#slice. */
export interface Hit {
  kind: PersonalDataKind;
  start: number;
  end: number;
  text: string;
  /** The requester's own detail: never accepted by a confirmation. */
  own?: boolean;
}
