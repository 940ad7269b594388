/**
 * The one test of "could this text be a label anything in the engine looks for": a checklist header (detection),
 * a company label (the company search), the first header of one of the add-in's own sheets (evidence, plan,
 * history). Each part is the test its reader itself uses. A file reader uses it to leave a large sheet without any
 * such text unparsed (`SheetInput.labels === false`): nothing that looks for labels could find one there. Pure.
 */
import { mayBeCompanyLabel, mayBeHeader } from "./detect";
import { mayBeItemIdHeader } from "./evidence";
import { mayBeHistoryHeader } from "./history";

export function mayBeLabel(text: string): boolean {
  return mayBeHeader(text) || mayBeCompanyLabel(text) || mayBeItemIdHeader(text) || mayBeHistoryHeader(text);
}
