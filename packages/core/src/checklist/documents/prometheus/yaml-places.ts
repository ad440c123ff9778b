import { isAlias, isMap, isScalar, isSeq, type LineCounter, type Node, type Document, type Scalar } from "yaml";
import type { DocumentPlace } from "../types";

/** Positions of YAML nodes as DocumentPlaces, and scalars read the way Go's yaml.v3 reads them into strings. */
export class YamlPlaces {
  constructor(
    readonly file: string,
    private readonly lines: LineCounter,
    private readonly doc: Document,
  ) {}

  at(node: Node | null | undefined): DocumentPlace {
    const offset = node?.range?.[0];
    if (offset === undefined) return { file: this.file };
    const { line, col } = this.lines.linePos(offset);
    return { file: this.file, line, column: col };
  }

  atOffset(offset: number): DocumentPlace {
    const { line, col } = this.lines.linePos(offset);
    return { file: this.file, line, column: col };
  }

  /** An alias stands for the node it names. */
  resolve(node: unknown): unknown {
    return isAlias(node) ? node.resolve(this.doc) : node;
  }
}

/** The YAML kind Go names in "cannot unmarshal !!map into string". */
export const yamlTag = (node: unknown): string =>
  isMap(node) ? "!!map" : isSeq(node) ? "!!seq" : isScalar(node) ? scalarTag(node) : "!!null";

const scalarTag = (node: Scalar): string => {
  const value = node.value;
  if (value === null) return "!!null";
  if (typeof value === "number") return Number.isInteger(value) ? "!!int" : "!!float";
  if (typeof value === "boolean") return "!!bool";
  return "!!str";
};

/**
 * A scalar as Go decodes it into a string field: the text as written (`0x10` stays `0x10`,
 * `1.50` stays `1.50`), null as absent. Non-scalars are undefined: the caller reports them.
 */
export const scalarText = (node: unknown): string | null | undefined => {
  if (!isScalar(node)) return undefined;
  if (node.value === null) return null;
  if (node.type === "PLAIN" && typeof node.source === "string") return node.source;
  return String(node.value);
};
