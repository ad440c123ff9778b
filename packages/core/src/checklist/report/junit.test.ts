import { describe, expect, it } from "vitest";
import { sampleReport, scopedReport } from "@readiness/devkit/fixtures/report";
import { formatJunit } from "./junit";

interface XmlElement {
  readonly name: string;
  readonly attributes: Record<string, string>;
  readonly children: XmlElement[];
  text: string;
}

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

const decode = (raw: string): string => {
  if (/<|&(?!(amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);)/.test(raw))
    throw new Error(`unescaped markup in ${JSON.stringify(raw)}`);
  return raw.replace(/&(\w+);/g, (_, name: string) => ENTITIES[name]);
};

/** A tiny well-formedness check: balanced tags, quoted attributes, only known entities, one root. */
const parseXml = (xml: string): XmlElement => {
  const body = xml.replace(/^<\?xml[^?]*\?>\s*/, "");
  const root: XmlElement = { name: "#document", attributes: {}, children: [], text: "" };
  const stack = [root];
  const token = /<(\/?)([A-Za-z_][\w.-]*)((?:\s+[\w.-]+="[^"]*")*)\s*(\/?)>|([^<]+)/gy;
  let consumed = 0;
  for (let match = token.exec(body); match; match = token.exec(body)) {
    consumed = token.lastIndex;
    const [, closing, name, attrs, selfClosing, text] = match;
    const top = stack[stack.length - 1];
    if (text !== undefined) {
      if (top === root && text.trim()) throw new Error("text outside the root element");
      top.text += decode(text);
    } else if (closing) {
      if (top.name !== name) throw new Error(`</${name}> closes <${top.name}>`);
      stack.pop();
    } else {
      const attributes: Record<string, string> = {};
      for (const [, key, value] of attrs.matchAll(/([\w.-]+)="([^"]*)"/g)) attributes[key] = decode(value);
      const element: XmlElement = { name, attributes, children: [], text: "" };
      top.children.push(element);
      if (!selfClosing) stack.push(element);
    }
  }
  if (consumed !== body.length)
    throw new Error(`not well-formed at offset ${consumed}: ${body.slice(consumed, consumed + 40)}`);
  if (stack.length !== 1) throw new Error(`unclosed <${stack[stack.length - 1].name}>`);
  if (root.children.length !== 1) throw new Error("expected exactly one root element");
  return root.children[0];
};

describe("formatJunit", () => {
  const xml = formatJunit(sampleReport("template.yaml"));
  const suites = parseXml(xml);
  const cases = suites.children.flatMap((suite) => suite.children);
  const caseOf = (id: string) => cases.find((c) => c.attributes.name.startsWith(`${id}: `))!;

  it("is well-formed XML with totals on <testsuites> and one <testsuite> per section", () => {
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>')).toBe(true);
    expect(suites.name).toBe("testsuites");
    expect(suites.attributes).toMatchObject({ tests: "5", failures: "2", skipped: "2", errors: "0" });
    expect(suites.children.map((s) => s.attributes.name)).toEqual(["Reliability", "Security"]);
    expect(suites.children[0].attributes).toMatchObject({ tests: "3", failures: "2", skipped: "1" });
  });

  it("has one <testcase> per item with classname = section", () => {
    expect(cases).toHaveLength(5);
    expect(caseOf("dlq-coverage").attributes.classname).toBe("Reliability");
    expect(caseOf("container-hardening").attributes.classname).toBe("Security");
    expect(caseOf("container-hardening").children).toEqual([]);
  });

  it("puts the findings and fix in <failure>, escaped and parsed back intact", () => {
    const [failure] = caseOf("dlq-coverage").children;
    expect(failure.name).toBe("failure");
    expect(failure.attributes.message).toBe("1 of 2 resources fail");
    expect(failure.text).toContain(
      `OrdersQueue (AWS::SQS::Queue) at template.yaml:4: queue <orders> & "co" has no 'RedrivePolicy' | DLQ`,
    );
    expect(failure.text).toContain("fix: Give every source queue");
  });

  it("puts the reason of an unknown item in <skipped>", () => {
    const [skipped] = caseOf("load-tested").children;
    expect(skipped.name).toBe("skipped");
    expect(skipped.attributes.message).toBe("needs evidence: no load test recorded");
  });

  it("drops control characters XML cannot carry", () => {
    const report = sampleReport("template.yaml");
    const withControl = {
      ...report,
      items: [{ ...report.items[1], summary: "bad\u0001byte" }],
    };
    expect(parseXml(formatJunit(withControl)).children[0].children[0].children[0].attributes.message).toBe("badbyte");
  });

  it("the checker itself rejects malformed XML", () => {
    expect(() => parseXml("<a><b></a>")).toThrow();
    expect(() => parseXml("<a>x & y</a>")).toThrow();
    expect(() => parseXml('<a b="<"/>')).toThrow();
  });

  it("names the scope that ran on <testsuites>", () => {
    expect(parseXml(formatJunit(scopedReport("template.yaml"))).attributes.name).toBe(
      "readiness: template.yaml (scope: clusters platform)",
    );
  });
});
