export { type DetectOptions, detectPersonalData, type Requester } from "./detect.js";
export { type Hit, type PersonalDataKind, personalDataKindLabels, personalDataKinds } from "./kinds.js";
