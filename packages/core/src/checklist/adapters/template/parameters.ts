import { TemplateError } from "../../../kernel/errors";
import { isUnknown, unknownValue } from "../../model/value";
import { placeIn, type Template } from "./template";

const isListType = (type: string): boolean => type === "CommaDelimitedList" || type.startsWith("List<");

const text = (value: unknown): string => (Array.isArray(value) ? value.join(",") : String(value));

/**
 * The value of every declared parameter: the given value (an override, or what a parent stack
 * passes), else the Default, else unknown. List types become lists, everything else a string
 * (which is what Ref yields in CloudFormation, numbers included). SSM-backed parameters are read
 * at deploy time, so they stay unknown. A NoEcho parameter is a secret by declaration: its value
 * is unknown and marked secret, whatever Default or value it has.
 */
export const resolveParameters = (
  template: Pick<Template, "file" | "positions" | "parameters">,
  provided: ReadonlyMap<string, unknown>,
): Map<string, unknown> => {
  const values = new Map<string, unknown>();
  for (const [name, value] of resolveDeclared(template, provided))
    values.set(
      name,
      isNoEcho(template.parameters[name]?.NoEcho)
        ? unknownValue(`parameter ${name} is NoEcho: its value is a secret`, { secret: `the NoEcho parameter ${name}` })
        : value,
    );
  return values;
};

const isNoEcho = (value: unknown): boolean => value === true || String(value).toLowerCase() === "true";

const resolveDeclared = (
  template: Pick<Template, "file" | "positions" | "parameters">,
  provided: ReadonlyMap<string, unknown>,
): Map<string, unknown> => {
  const values = new Map<string, unknown>();
  for (const [name, declaration] of Object.entries(template.parameters)) {
    const type = String(declaration.Type ?? "String");
    const given = provided.get(name);
    const raw = given !== undefined ? given : declaration.Default;
    if (type.startsWith("AWS::SSM::Parameter::Value<")) {
      values.set(name, unknownValue(`parameter ${name} is read from the SSM parameter ${text(raw)} at deploy time`));
      continue;
    }
    if (raw === undefined || raw === null) {
      values.set(name, unknownValue(`parameter ${name} has no Default and no value was given`));
      continue;
    }
    if (isUnknown(raw)) {
      values.set(name, raw);
      continue;
    }
    if (isListType(type)) {
      values.set(
        name,
        Array.isArray(raw)
          ? raw.map(String)
          : String(raw)
              .split(",")
              .map((item) => item.trim()),
      );
      continue;
    }
    const value = text(raw);
    const allowed = declaration.AllowedValues;
    if (Array.isArray(allowed) && !allowed.map(String).includes(value))
      throw new TemplateError(
        `value ${JSON.stringify(value)} of parameter ${name} is not one of its AllowedValues: ${allowed.join(", ")}`,
        placeIn(template, `Parameters.${name}`),
        `give ${name} one of: ${allowed.join(", ")}`,
      );
    values.set(name, value);
  }
  return values;
};
