import type { PublishedDocumentReader } from "../checklist/engine/sources";
import type { ResultsTable } from "../kernel/results/table";

/**
 * Reads the document verdicts `readiness publish` stored (the publisher and the evaluator share the
 * results table). Only document items read them, so the store's code loads with the first read
 * rather than at every cold start.
 */
export const publishedDocumentsReader = (results: ResultsTable): PublishedDocumentReader => {
  let reader: Promise<PublishedDocumentReader> | undefined;
  return async (serviceArn, itemId) => {
    reader ??= import("../kernel/results/documents").then((module) => module.publishedDocumentReader(results));
    return (await reader)(serviceArn, itemId);
  };
};
