import { fileURLToPath } from "node:url";
import { expect } from "vitest";
import { TemplateError } from "../../errors";

/** Absolute path of a fixture under test/fixtures/templates (test helper). */
export const fixture = (name: string): string =>
  fileURLToPath(new URL(`../../../../../test/fixtures/templates/${name}`, import.meta.url));

/** The TemplateError a load rejects with; fails the test when it resolves or throws something else. */
export const templateErrorOf = async (load: Promise<unknown>): Promise<TemplateError> => {
  const outcome = await load.then(
    () => undefined,
    (error: unknown) => error,
  );
  expect(outcome).toBeInstanceOf(TemplateError);
  return outcome as TemplateError;
};
