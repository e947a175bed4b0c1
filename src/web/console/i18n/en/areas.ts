/** The English catalogue's feature areas, one file each, the same as vi/areas.ts (merged in index.ts). */

export { admin } from "./admin.js";
export { agency } from "./agency.js";
export { answerFiles } from "./answer-files.js";
export { board } from "./board.js";
export { common } from "./common.js";
export { cooperation } from "./cooperation.js";
export { dataRights } from "./data-rights.js";
export { delivery } from "./delivery.js";
export { desk } from "./desk.js";
export { integrations } from "./integrations.js";
export { kb } from "./kb.js";
export { massEvents } from "./mass-events.js";
export { notes } from "./notes.js";
export { phone } from "./phone.js";
export { reports } from "./reports.js";
export { request } from "./request.js";
export { worklist } from "./worklist.js";
