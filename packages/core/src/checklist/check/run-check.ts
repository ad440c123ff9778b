/** The composition of a check run, shared by the CLI and the functions: source → inventory → engine → report. */
export { type CheckOutcome, type CheckSelection, checkInventory, type InventoryCheckInput } from "./check-inventory";
export { checkLive, DEFAULT_LIVE_DEADLINE_MS, type LiveCheckInput } from "./check-live";
export { checkTemplate, type TemplateCheckInput, type TemplateCheckOutcome } from "./check-template";
export { explainLiveError, NothingReadError } from "./live-errors";
export { ITEM_IDS, isItemId, parseItemIds, parseSelection } from "./item-ids";
