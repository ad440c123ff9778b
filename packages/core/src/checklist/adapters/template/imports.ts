import { unknownValue } from "../../model/value";

/**
 * Exports of the templates loaded together (the stacks of one cdk.out), so an Fn::ImportValue of
 * a sibling stack's export resolves to the real value; anything else stays unknown.
 */
export class ImportRegistry {
  private readonly producers = new Map<string, () => unknown>();
  private readonly active = new Set<string>();

  constructor(private readonly warnings: string[]) {}

  register(name: string, exporter: string, produce: () => unknown): void {
    if (this.producers.has(name)) {
      this.warnings.push(`export ${name} is declared more than once (again in ${exporter}); the first one is used`);
      return;
    }
    this.producers.set(name, produce);
  }

  value(name: string): unknown {
    const produce = this.producers.get(name);
    if (!produce) return unknownValue(`imported from another stack: ${name}`);
    if (this.active.has(name)) return unknownValue(`circular Fn::ImportValue of ${name}`);
    this.active.add(name);
    try {
      return produce();
    } finally {
      this.active.delete(name);
    }
  }
}
