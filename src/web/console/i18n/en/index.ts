import { mergeAreas, type Strings } from "../strings.js";
import type { Catalogue, viAreas } from "../vi/index.js";
import * as enAreas from "./areas.js";

// English, the second language: the same areas (checked here) and keys as the Vietnamese catalogue.
enAreas satisfies { [Area in keyof typeof viAreas]: Strings<(typeof viAreas)[Area]> };

export { enAreas };
export const en: Strings<Catalogue> = mergeAreas(enAreas);
