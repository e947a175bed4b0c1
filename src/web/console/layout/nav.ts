import type { Action } from "../../../shared/permissions.js";
import { framePages } from "../pages/index.js";

/** A menu entry and the server ability that opens it (the rules themselves stay on the server). */
export interface NavEntry {
  path: string;
  labelKey: string;
  ability: Action;
  group?: "admin";
}

/** The menu, in its order: the menu pages of the frame (pages/index.ts). */
export const navEntries: NavEntry[] = framePages.flatMap(({ path, menu }) =>
  menu ? [{ path, ...menu }] : [],
);
