import type { PlatformClients } from "./clients";
import { isMissingApi, messageOf, VerificationError } from "./errors";
import type { Ledger } from "./ledger";
import type { Resolver } from "./resolver";
import type { PlatformTemplate } from "./template";

/** What every reconciler works with: the template, the endpoint's clients, resolution, and the run's ledger. */
export interface ProvisionContext {
  readonly clients: PlatformClients;
  readonly template: PlatformTemplate;
  readonly resolver: Resolver;
  readonly ledger: Ledger;
  /** Tags put on resources the provisioner creates itself (so teardown can find them). */
  readonly tags: { readonly key: string; readonly value: string };
}

export interface EnsureSpec<T> {
  /** Template logical id. */
  readonly resource: string;
  /** The property being made right, e.g. "networkConfiguration". */
  readonly property: string;
  readonly desired: T;
  /** Reads the current value; a read the endpoint cannot answer (moto bugs) counts as "not right yet". */
  readonly read: () => Promise<unknown>;
  readonly apply: () => Promise<void>;
  /** Default: `matches(desired, actual)`. */
  readonly isRight: (actual: unknown) => boolean;
  /** Short description of the SDK call, for the ledger. */
  readonly action: string;
}

const UNREADABLE = Symbol("unreadable");

/**
 * The one pattern of every fix: read, and only when the endpoint differs from the template, apply
 * the change and read again. A value that still differs is a VerificationError; an endpoint that
 * lacks the API is recorded as a gap instead.
 */
export const ensure = async <T>(context: ProvisionContext, spec: EnsureSpec<T>): Promise<void> => {
  const read = async (): Promise<unknown> => {
    try {
      return await spec.read();
    } catch (error) {
      if (
        isMissingApi(error) ||
        (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode === 500
      )
        return UNREADABLE;
      throw error;
    }
  };
  const before = await read();
  if (before !== UNREADABLE && spec.isRight(before)) return;
  try {
    await spec.apply();
  } catch (error) {
    if (!isMissingApi(error)) throw error;
    context.ledger.gap(
      spec.resource,
      spec.property,
      `endpoint lacks the API (${spec.action}): ${messageOf(error).split("\n")[0]}`,
    );
    return;
  }
  context.ledger.change(spec.resource, spec.action);
  const after = await read();
  if (after === UNREADABLE || !spec.isRight(after))
    throw new VerificationError(
      spec.resource,
      spec.property,
      spec.desired,
      after === UNREADABLE ? "unreadable" : after,
    );
};
