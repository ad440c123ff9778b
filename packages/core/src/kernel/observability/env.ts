import { ReadinessError } from "../errors";

/** A required setting is missing or invalid: the function cannot start. */
export class SettingsError extends ReadinessError {
  constructor(
    readonly variable: string,
    message: string,
    readonly hint: string,
  ) {
    super(`environment variable ${variable} ${message} (${hint})`);
  }
}

/** A required environment variable; fails fast, naming the variable and how to set it. */
export const requiredEnv = (env: NodeJS.ProcessEnv, name: string, hint: string): string => {
  const value = env[name]?.trim();
  if (!value) throw new SettingsError(name, "is not set", hint);
  return value;
};

/** An optional environment variable; when set it must pass `valid`. */
export const optionalEnv = (
  env: NodeJS.ProcessEnv,
  name: string,
  valid: (value: string) => boolean = () => true,
): string | undefined => {
  const value = env[name]?.trim();
  if (!value) return undefined;
  if (!valid(value)) throw new SettingsError(name, `has an invalid value "${value}"`, "unset it or fix the value");
  return value;
};
