import { mergeAreas, type Strings } from "../strings.js";
import type { Catalogue } from "../vi/index.js";
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

/** English, the second language: the same areas and keys as the Vietnamese catalogue. */
export const enAreas = {
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
export const en: Strings<Catalogue> = mergeAreas(enAreas);
