export { type StatusChange, statusChanges } from "./changes";
export { type ClientWrapper, createNightlyClients, type NightlyClients } from "./clients";
export { CHANGE_EVENT_DETAIL_TYPE, CHANGE_EVENT_SOURCE, ChangeEventsError, emitStatusChanges } from "./events";
export { type NightlyDeps, type NightlyRun, NightlyRunError, runNightly, type ServiceNight } from "./run";
export { type NightlySettings, readNightlySettings } from "./settings";
