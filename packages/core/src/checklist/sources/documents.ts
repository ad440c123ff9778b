import type { PartSource } from "../engine/sources";
import type { DocumentDecider } from "../documents/source/run";

type Deciders = typeof import("../documents/source/deciders");

/**
 * A document part, decided from the documents readiness.yml's `documents` names (docs/documents.md):
 * `pick` chooses the item's decider. The readers, parsers and deciders load with the first gather,
 * so the catalogue, and the Lambdas that import it, do not carry them.
 */
export const documentPart = (pick: (deciders: Deciders) => DocumentDecider): PartSource => ({
  gather: async (context) => {
    const [deciders, { gatherDocuments }] = await Promise.all([
      import("../documents/source/deciders"),
      import("../documents/source/gather"),
    ]);
    return gatherDocuments(context, pick(deciders));
  },
});
