import { mergeAreas } from "../strings.js";
import * as viAreas from "./areas.js";

/**
 * The Vietnamese catalogue, the console's first language: one file per feature area (areas.ts),
 * merged into the single i18next namespace (each area owns distinct top-level keys; a unit test
 * checks it).
 */
export { viAreas };
export const vi = mergeAreas(viAreas);
export type Catalogue = typeof vi;
