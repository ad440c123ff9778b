import type { PublishedQueueDepth, PublishedSignal } from "../../../kernel/results/records/documents";
import type { RunOrigin } from "../../engine/sources";
import type { Resource } from "../../model/resource";
import type { DocumentFinding, DocumentVerdict } from "../types";
import type { DocumentSet } from "./document-set";
import type { Inventory } from "../../inventory/inventory";

/** A service in scope, as the document deciders see it. */
export interface DocumentService {
  readonly resource: Resource;
  readonly name: string;
  readonly role?: string;
  /** readiness.yml `services[].team`. */
  readonly team?: string;
  /** readiness.yml `services[].metricsJob`, default the service's name. */
  readonly metricsJob: string;
}

/** A queue in scope. */
export interface DocumentQueue {
  readonly resource: Resource;
  readonly name: string;
  readonly isDlq: boolean;
}

/** What a document decider knows of the run besides the documents. */
export interface DocumentRun {
  /** The item's parameters. */
  readonly params: Readonly<Record<string, unknown>>;
  /** The runbooks item's `requiredSections` (rollback-tested reads them too). */
  readonly runbookSections: readonly string[];
  /** The alerts-defined item's `requiredAlerts` (alert-routing routes them too). */
  readonly requiredAlerts: readonly string[];
  /** The services in scope that these documents are for. */
  readonly services: readonly DocumentService[];
  readonly queues: readonly DocumentQueue[];
  readonly inventory: Inventory;
  readonly launchDate?: string;
  readonly now: Date;
  readonly origin?: RunOrigin;
}

/** What a resource-judging decider (golden-signals) says about one resource. */
export interface ResourceOutcome {
  readonly resource: Resource;
  readonly status: DocumentFinding["status"];
  readonly reason: string;
}

/** A document decider's answer: its verdict, and per-resource outcomes when the item judges resources. */
export interface DocumentDecision {
  readonly verdict: DocumentVerdict;
  readonly resources?: readonly ResourceOutcome[];
  /** The decision weighs the item's configuration source too: either source covering counts. */
  readonly weighsConfig?: boolean;
  /** golden-signals: each queue's depth as the documents alone cover it (what `readiness publish` stores). */
  readonly queueDepth?: readonly PublishedQueueDepth[];
  /** golden-signals: each judged service's signals as the documents alone cover them, by resource id. */
  readonly serviceSignals?: Readonly<Record<string, readonly PublishedSignal[]>>;
}

export type DocumentDecider = (set: DocumentSet, run: DocumentRun) => DocumentDecision;
