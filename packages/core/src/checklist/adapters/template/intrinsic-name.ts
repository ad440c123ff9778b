/** The name of the intrinsic function an object is, or undefined: exactly one key, `Ref` or `Fn::*`. */
export const intrinsicName = (value: Record<string, unknown>): string | undefined => {
  let name: string | undefined;
  for (const key in value) {
    if (name !== undefined) return undefined;
    name = key;
  }
  return name !== undefined && (name === "Ref" || name.startsWith("Fn::")) ? name : undefined;
};
