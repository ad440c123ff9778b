/**
 * The logging surface core logic needs. Powertools' Logger satisfies it; tests pass a recorder.
 * Keys appended with `appendKeys` go on every following line until the invocation resets them.
 */
export interface Log {
  debug(message: string, attributes?: Record<string, unknown>): void;
  info(message: string, attributes?: Record<string, unknown>): void;
  warn(message: string, attributes?: Record<string, unknown>): void;
  error(message: string, attributes?: Record<string, unknown>): void;
  appendKeys(keys: Record<string, unknown>): void;
}

export const silentLog: Log = {
  debug() {},
  info() {},
  warn() {},
  error() {},
  appendKeys() {},
};

/** An error as log attributes: name, message, typed fields, cause chain. */
export const errorAttributes = (error: unknown): Record<string, unknown> => ({ error: errorFields(error) });

const errorFields = (error: unknown): unknown => {
  if (!(error instanceof Error)) return String(error);
  const fields: Record<string, unknown> = { name: error.name, message: error.message };
  for (const [key, value] of Object.entries(error))
    if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") fields[key] = value;
  if (error.cause !== undefined) fields.cause = errorFields(error.cause);
  return fields;
};
