import { describe, expect, it } from "vitest";
import { checkAlertTemplate } from "./go-template";

/** Each case's verdict as promtool 2.42 gave it for an annotation holding the template. */
const PARSES = [
  "{{ $labels.job }}",
  "{{ range $i, $e := .X }}{{ $i }}{{ end }}",
  "{{ range .X }}{{ break }}{{ end }}",
  "{{/* c */}}",
  "{{- /* c */ -}}",
  "{{ 3 }}",
  "{{ nil }}",
  '{{ printf "%s" .X | len }}',
  "{{ $x := 1 }}{{ $x = 2 }}{{ $x }}",
  '{{ template "x" }}',
  '{{ define "x" }}y{{ end }}',
  "{{ (.X).Y }}",
  "{{ 1.5e3 }}{{ 0x1F }}{{ 'a' }}{{-3}}{{- 3 -}}",
  "{{ if .X }}a{{ else if .Y }}b{{ else }}c{{ end }}",
  '{{ block "x" . }}y{{ end }}',
  "{{ .X\n}}",
  "{{ $ }}{{ $.Labels }}",
  "{{ if $x := .X }}{{ $x }}{{ end }}",
  "{{ $labels | humanize }}{{ $value | humanizePercentage }}{{ $externalURL }}{{ $externalLabels.env }}",
  "{{ 1_000 }}{{ +1 }}",
];

const REFUSED: [string, string][] = [
  ["{{", "unclosed action"],
  ["{{ .Labels.x ", "unclosed action"],
  ["{{ end }}", "unexpected {{end}}"],
  ["{{ if }}x{{ end }}", "missing value for if"],
  ["{{ if .X }}x", "unexpected EOF"],
  ["{{ else }}", "unexpected {{else}}"],
  ["{{ $i }}", 'undefined variable "$i"'],
  ["{{ break }}", "{{break}} outside {{range}}"],
  ["{{/* c */ }}", "comment ends before closing delimiter"],
  ['{{ "abc }}', "unterminated quoted string"],
  ["{{ `raw }}", "unterminated raw quoted string"],
  ["{{ .X | 3 }}", "non executable command in pipeline stage 2"],
  ["{{ }}", "missing value for command"],
  ["{{ with $x := .X }}{{ $x }}{{ end }}{{ $x }}", 'undefined variable "$x"'],
  ["{{ template .X }}", 'unexpected ".X" in template clause'],
  ['{{ if .X }}{{ define "x" }}y{{ end }}{{ end }}', "unexpected <define> in command"],
  ["{{ # }}", 'unexpected "#" in command'],
  ["{{ with .X }}a{{ else with .Y }}b{{ end }}", "unexpected <with> in else"],
  ["{{ ( ) }}", "missing value for parenthesized pipeline"],
  ["{{ (.X }}", "unclosed left paren"],
  ["{{ .X) }}", 'unexpected ")" in command'],
  ["{{ range $i, $e, $f := .X }}{{ end }}", "too many declarations in range"],
  ["{{ true.X }}", 'unexpected . after term "true"'],
  ["{{ continue }}", "{{continue}} outside {{range}}"],
  ["{{ 1x }}", 'bad number syntax: "1x"'],
  ["{{ 08 }}", 'integer overflow: "08"'],
  ["{{ safeHTML .X }}", 'function "safeHTML" not defined'],
  ['{{ define "x" }}{{ $labels }}{{ end }}', 'undefined variable "$labels"'],
];

describe("Go templates in alert labels and annotations (as promtool parses them)", () => {
  it.each(PARSES)("parses %j", (template) => {
    expect(checkAlertTemplate(template)).toEqual({ ok: true });
  });

  it.each(REFUSED)("refuses %j: %s", (template, error) => {
    expect(checkAlertTemplate(template)).toEqual({ ok: false, error });
  });
});
