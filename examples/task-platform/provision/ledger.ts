/** One change the provisioner made through the SDK: a second run on the same endpoint makes none. */
export interface Change {
  /** Template logical id (or a name for resources the template does not declare). */
  readonly resource: string;
  readonly action: string;
}

/** A property of the template the endpoint cannot hold (it lacks the API, or drops the value). */
export interface Gap {
  readonly resource: string;
  readonly property: string;
  readonly reason: string;
}

/** Collects the changes and gaps of one run. */
export class Ledger {
  readonly changes: Change[] = [];
  readonly gaps: Gap[] = [];

  change(resource: string, action: string): void {
    this.changes.push({ resource, action });
  }

  gap(resource: string, property: string, reason: string): void {
    this.gaps.push({ resource, property, reason });
  }
}
