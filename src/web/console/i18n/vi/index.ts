import { mergeAreas } from "../strings.js";
import { admin } from "./admin.js";
import { agency } from "./agency.js";
import { answerFiles } from "./answer-files.js";
import { board } from "./board.js";
import { common } from "./common.js";
import { cooperation } from "./cooperation.js";
import { dataRights } from "./data-rights.js";
import { desk } from "./desk.js";
import { integrations } from "./integrations.js";
import { kb } from "./kb.js";
import { massEvents } from "./mass-events.js";
import { notes } from "./notes.js";
import { phone } from "./phone.js";
import { reports } from "./reports.js";
import { request } from "./request.js";
import { worklist } from "./worklist.js";

/**
 * The Vietnamese catalogue, the console's first language: one file per feature area, merged into
 * the single i18next namespace (each area owns distinct top-level keys; a unit test checks it).
 */
export const viAreas = {
  common,
  desk,
  agency,
  board,
  request,
  admin,
  kb,
  reports,
  dataRights,
  worklist,
  phone,
  integrations,
  notes,
  cooperation,
  massEvents,
  answerFiles,
};
export const vi = mergeAreas(viAreas);
export type Catalogue = typeof vi;
