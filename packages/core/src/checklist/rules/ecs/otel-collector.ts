import { parse } from "yaml";
import { environmentOf, environmentValue, parseImage } from "../../inventory/relations/containers";
import type { Container } from "../../inventory/relations/ecs";
import { asArray, asRecord, isRecord, isUnknown } from "../../model/value";

/** Official collector images: without a config of their own they run a built-in one that never exports to Tempo. */
const OFFICIAL_COLLECTOR_IMAGE =
  /(^|\/)(otel\/opentelemetry-collector[\w-]*|opentelemetry-collector-releases\/[\w-]+|aws-otel-collector)$/;
const COLLECTOR_NAMES = new Set([
  "otel-collector",
  "adot-collector",
  "aws-otel-collector",
  "otelcol",
  "opentelemetry-collector",
]);
/** Environment variables the ADOT and upstream collector images read their configuration from. */
const CONFIG_VARIABLES = ["AOT_CONFIG_CONTENT", "OTEL_CONFIG", "OTELCOL_CONFIG"];
/** ADOT's built-in configurations: they export to X-Ray / CloudWatch, never to Tempo. */
const ADOT_BUILT_IN_CONFIG = /^\/etc\/ecs\//;

export const isOfficialCollectorImage = (image: unknown): boolean =>
  typeof image === "string" && OFFICIAL_COLLECTOR_IMAGE.test(parseImage(image).repository);

export const isCollector = (container: Container): boolean =>
  COLLECTOR_NAMES.has(container.name.toLowerCase()) || isOfficialCollectorImage(container.definition.Image);

/** What a collector container's configuration says about exporting traces to Tempo. */
export type CollectorVerdict =
  | { readonly exportsToTempo: true; readonly detail: string }
  | { readonly exportsToTempo: false; readonly detail: string }
  | { readonly exportsToTempo: "unknown"; readonly detail: string };

/** Reads the collector's configuration from its command (`--config=env:VAR`, `--config=yaml:…`) or config variables. */
export const collectorExportsToTempo = (collector: Container, tempoPattern: string): CollectorVerdict => {
  const where = `collector ${collector.name}`;
  const source = configSource(collector);
  if (source.kind === "unknown") return { exportsToTempo: "unknown", detail: `${where}: ${source.detail}` };
  if (source.kind === "file") {
    if (ADOT_BUILT_IN_CONFIG.test(source.location))
      return {
        exportsToTempo: false,
        detail: `${where}: built-in config ${source.location} exports to AWS, not Tempo`,
      };
    return { exportsToTempo: "unknown", detail: `${where}: config ${source.location} not in the task definition` };
  }
  if (source.kind === "none") {
    if (isOfficialCollectorImage(collector.definition.Image))
      return { exportsToTempo: false, detail: `${where}: runs the image's default config (no Tempo exporter)` };
    return { exportsToTempo: "unknown", detail: `${where}: collector config not in the task definition` };
  }
  return configExportsToTempo(where, substituteEnvironment(source.content, collector), tempoPattern);
};

type ConfigSource =
  | { kind: "content"; content: string }
  | { kind: "file"; location: string }
  | { kind: "none" }
  | { kind: "unknown"; detail: string };

const configSource = (collector: Container): ConfigSource => {
  const command = collector.definition.Command;
  if (isUnknown(command)) return { kind: "unknown", detail: `command unknown (${command.reason})` };
  const args = asArray(command);
  for (const [index, arg] of args.entries()) {
    if (isUnknown(arg)) return { kind: "unknown", detail: `command argument unknown (${arg.reason})` };
    if (typeof arg !== "string") continue;
    const location = arg.startsWith("--config=")
      ? arg.slice("--config=".length)
      : arg === "--config"
        ? args[index + 1]
        : undefined;
    if (location === undefined) continue;
    if (isUnknown(location)) return { kind: "unknown", detail: `--config unknown (${location.reason})` };
    if (typeof location !== "string") continue;
    if (location.startsWith("env:")) return contentOf(collector, location.slice("env:".length));
    if (location.startsWith("yaml:")) return { kind: "content", content: location.slice("yaml:".length) };
    return { kind: "file", location: location.replace(/^file:/, "") };
  }
  for (const variable of CONFIG_VARIABLES) {
    const source = contentOf(collector, variable);
    if (source.kind !== "none") return source;
  }
  return { kind: "none" };
};

const contentOf = (collector: Container, variable: string): ConfigSource => {
  const value = environmentValue(collector, variable);
  if (isUnknown(value)) return { kind: "unknown", detail: `${variable} unknown (${value.reason})` };
  if (value === undefined || value.trim() === "") return { kind: "none" };
  return { kind: "content", content: value };
};

/** Collector configs refer to the container's environment as ${env:VAR} (or ${VAR}); endpoints often live there. */
const substituteEnvironment = (content: string, collector: Container): string => {
  const environment = environmentOf(collector);
  if (isUnknown(environment)) return content;
  const values = new Map<string, string>();
  for (const { name, value } of environment)
    if (typeof name === "string" && typeof value === "string") values.set(name, value);
  return content.replace(
    /\$\{(?:env:)?([A-Za-z_]\w*)(?::-[^}]*)?\}/g,
    (match, name: string) => values.get(name) ?? match,
  );
};

const EXPORTER = /^otlp(http)?(\/.*)?$/;
const TRACES_PIPELINE = /^traces(\/.*)?$/;

const configExportsToTempo = (where: string, content: string, tempoPattern: string): CollectorVerdict => {
  let config: unknown;
  try {
    config = parse(content);
  } catch {
    return { exportsToTempo: false, detail: `${where}: config is not valid YAML` };
  }
  const pattern = tempoPattern.toLowerCase();
  const tempoExporters = Object.entries(asRecord(asRecord(config).exporters))
    .filter(([name, settings]) => EXPORTER.test(name) && endpointOf(settings).toLowerCase().includes(pattern))
    .map(([name]) => name);
  if (tempoExporters.length === 0)
    return { exportsToTempo: false, detail: `${where}: no otlp exporter with an endpoint matching "${tempoPattern}"` };
  const pipelines = asRecord(asRecord(asRecord(config).service).pipelines);
  const used = Object.entries(pipelines).some(
    ([name, pipeline]) =>
      TRACES_PIPELINE.test(name) &&
      asArray(asRecord(pipeline).exporters).some((e) => tempoExporters.includes(String(e))),
  );
  if (!used)
    return { exportsToTempo: false, detail: `${where}: exporter ${tempoExporters[0]} is in no traces pipeline` };
  return { exportsToTempo: true, detail: `${where} exports traces to Tempo (${tempoExporters[0]})` };
};

const endpointOf = (settings: unknown): string => {
  const endpoint = isRecord(settings) ? settings.endpoint : undefined;
  return typeof endpoint === "string" ? endpoint : "";
};
