import type { Resource } from "../../model/resource";
import { type UnknownValue, unknownValue } from "../../model/value";
import { LiveReadError, LiveResourceGoneError, translateSdkError } from "./errors";
import { mapBounded, Semaphore } from "./semaphore";

export interface LiveProgress {
  readonly step: string;
  readonly done: number;
  readonly total?: number;
}

/** One AWS action and the resource types that cannot be known without it. */
export interface Api {
  /** IAM action, e.g. "ecs:DescribeServices". */
  readonly action: string;
  /** Resource types this action's failure makes unreadable; empty when it only fills in a detail. */
  readonly types: readonly string[];
}

/** What a run's reads came to (see LiveRun.reads). */
export interface LiveReads {
  readonly succeeded: number;
  readonly failed: readonly string[];
}

export type Read<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: LiveReadError };

/**
 * The state of one collection: the request limit, the resources found so far (first one wins per
 * id), which types could not be read and why, warnings, and progress reporting.
 */
export class LiveRun {
  readonly limit: Semaphore;
  readonly unreadableTypes = new Map<string, string>();
  readonly warnings: string[] = [];
  private readonly resources = new Map<string, Resource>();
  private succeeded = 0;
  private readonly failed = new Set<string>();

  constructor(
    readonly concurrency: number,
    readonly source: string,
    private readonly onProgress?: (event: LiveProgress) => void,
  ) {
    this.limit = new Semaphore(concurrency);
  }

  add(resource: Resource): void {
    if (!this.resources.has(resource.id))
      this.resources.set(resource.id, { ...resource, location: { file: this.source } });
  }

  /**
   * Every resource read, by type and then id: collectors answer concurrently, so the order they
   * finish in is the network's, and a report must not change from one run to the next.
   */
  collected(): Resource[] {
    return [...this.resources.values()].sort((a, b) => compareText(a.type, b.type) || compareText(a.id, b.id));
  }

  /**
   * How many reads answered, and why the others failed (each reason once). A run in which no read
   * answered read nothing at all: its empty inventory is not an account without resources.
   */
  get reads(): LiveReads {
    return { succeeded: this.succeeded, failed: [...this.failed] };
  }

  progress(step: string, done: number, total?: number): void {
    this.onProgress?.(total === undefined ? { step, done } : { step, done, total });
  }

  /**
   * `work` on every item, at most `concurrency` at a time, counting the step's progress as each item
   * ends. Resolves to each item's result, in the items' order.
   */
  async forEach<T, R>(step: string, items: readonly T[], work: (item: T) => Promise<R>): Promise<R[]> {
    let done = 0;
    return mapBounded(items, this.concurrency, async (item) => {
      const result = await work(item);
      this.progress(step, ++done, items.length);
      return result;
    });
  }

  /** One SDK request under the concurrency limit; a failure is translated and recorded, fatal errors thrown. */
  async read<T>(api: Api, request: () => Promise<T>): Promise<Read<T>> {
    try {
      const value = await this.limit.run(request);
      this.succeeded++;
      return { ok: true, value };
    } catch (error) {
      return { ok: false, error: this.fail(api, error) };
    }
  }

  /**
   * Follows a paginator to its last page, one request at a time under the limit. All-or-nothing:
   * a failure on any page records the API as unreadable (a partial list would look complete).
   */
  async readAll<Page, Item>(
    api: Api,
    pages: AsyncIterable<Page>,
    itemsOf: (page: Page) => readonly Item[] | undefined,
  ): Promise<Read<Item[]>> {
    const items: Item[] = [];
    const iterator = pages[Symbol.asyncIterator]();
    try {
      for (;;) {
        const page = await this.limit.run(() => iterator.next());
        if (page.done) break;
        items.push(...(itemsOf(page.value) ?? []));
      }
      this.succeeded++;
      return { ok: true, value: items };
    } catch (error) {
      return { ok: false, error: this.fail(api, error) };
    }
  }

  /**
   * The common collector: reads every page of one listing (all-or-nothing, as readAll), adds the
   * resources each listed item maps to, and reports how many items were read (none when it failed).
   */
  async collectListing<Page, Item>(
    step: string,
    api: Api,
    pages: AsyncIterable<Page>,
    itemsOf: (page: Page) => readonly Item[] | undefined,
    toResources: (item: Item) => Resource | readonly Resource[],
  ): Promise<void> {
    const read = await this.readAll(api, pages, itemsOf);
    if (read.ok) for (const item of read.value) for (const resource of [toResources(item)].flat()) this.add(resource);
    this.progress(step, read.ok ? read.value.length : 0);
  }

  /** An UnknownValue explaining a failed read, for a property or observation that depended on it. */
  unknownFrom(error: LiveReadError): UnknownValue {
    return unknownValue(error.reason);
  }

  private fail(api: Api, error: unknown): LiveReadError {
    const translated = translateSdkError(error, api.action);
    if (!(translated instanceof LiveReadError)) throw translated;
    this.failed.add(translated.reason);
    if (translated instanceof LiveResourceGoneError) {
      this.warn(translated.reason);
      return translated;
    }
    for (const type of api.types)
      if (!this.unreadableTypes.has(type)) this.unreadableTypes.set(type, translated.reason);
    // Unreadable types are reported by the engine; a detail-only failure would otherwise go unsaid.
    if (api.types.length === 0) this.warn(translated.reason);
    return translated;
  }

  warn(message: string): void {
    if (!this.warnings.includes(message)) this.warnings.push(message);
  }
}

/** Code-point order, the same on every machine (localeCompare depends on the ICU data and locale). */
const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
