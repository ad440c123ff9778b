/** A piece of an Fn::Sub template: literal text or a `${Name}` / `${Resource.Attribute}` variable. */
export type SubPart = string | { readonly variable: string };

/** Splits an Fn::Sub string into literal text and variables; `${!Text}` is the literal `${Text}`. */
export const parseSub = (text: string): SubPart[] => {
  const parts: SubPart[] = [];
  let literal = "";
  let from = 0;
  for (let open = text.indexOf("${"); open >= 0; open = text.indexOf("${", from)) {
    const close = text.indexOf("}", open + 2);
    if (close < 0) break;
    literal += text.slice(from, open);
    const name = text.slice(open + 2, close).trim();
    if (name.startsWith("!")) literal += `\${${name.slice(1)}}`;
    else {
      if (literal) parts.push(literal);
      literal = "";
      parts.push({ variable: name });
    }
    from = close + 1;
  }
  literal += text.slice(from);
  if (literal) parts.push(literal);
  return parts;
};
