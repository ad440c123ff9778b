#!/usr/bin/env python3
"""Writes what the template adapter needs from the CloudFormation resource schemas, from cfn-lint's copy:

packages/core/src/checklist/adapters/template/cfn-types.json
    The sorted list of resource type names. The adapter rejects unknown AWS resource types (typos
    such as AWS::ECS::Servce) with a "did you mean" hint. cfn-lint ships one provider module per
    region (cfnlint/data/schemas/providers/<region>.py, each with a `types` dict keyed by type
    name); the union over all regions is the list, so a type that exists only outside us-east-1 is
    accepted.

packages/core/src/checklist/adapters/template/cfn-lists.json
    Where the schemas say a value is a list:
    - "attributes": per type, the Fn::GetAtt attributes that return a list (AWS::EC2::VPC
      Ipv6CidrBlocks): `!Select [0, !GetAtt Vpc.Ipv6CidrBlocks]` selects from a list, not from a
      string stand-in.
    - "properties": per type, a tree of the property paths whose value is a list. A key maps to 1
      (a list of scalars or of objects without lists), to {"*": tree} (a list whose items hold
      lists), or to a tree (an object holding lists). The adapter reads a lone object given where a
      list belongs (SecurityGroupIngress: {...}) as a list of one instead of dropping it.

Usage: python3 scripts/gen-cfn-types.py   (re-run after upgrading cfn-lint)
"""

import importlib
import importlib.metadata
import json
import pkgutil
import re
import sys
from pathlib import Path

import cfnlint.data.schemas.providers as providers
from cfnlint.schema import PROVIDER_SCHEMA_MANAGER

TYPE_NAME = re.compile(r"^[A-Za-z0-9]+::[A-Za-z0-9]+::[A-Za-z0-9]+$")
HERE = Path(__file__).resolve().parent.parent / "packages/core/src/checklist/adapters/template"
TYPES_OUTPUT = HERE / "cfn-types.json"
LISTS_OUTPUT = HERE / "cfn-lists.json"
# Schemas nest a few levels; deeper than this is recursion through $ref (a type that contains itself).
MAX_DEPTH = 10


def types_by_region() -> dict[str, str]:
    """Type name → the region whose schema to read (us-east-1 when it has the type)."""
    regions: dict[str, str] = {}
    for module_info in pkgutil.iter_modules(providers.__path__):
        module = importlib.import_module(f"{providers.__name__}.{module_info.name}")
        region = module_info.name.replace("_", "-")
        for name in getattr(module, "types", {}):
            if TYPE_NAME.match(name) and (name not in regions or region == "us-east-1"):
                regions[name] = region
    if not regions:
        sys.exit(f"no resource types found in {providers.__path__}: has cfn-lint's data layout changed?")
    return regions


def resolve(schema: dict, node: object) -> dict:
    """Follows local $refs ("#/definitions/X"), keeping the referring node's other keys."""
    for _ in range(MAX_DEPTH):
        if not isinstance(node, dict) or "$ref" not in node:
            break
        target = schema
        for part in node["$ref"][2:].split("/"):
            target = target[part]
        node = {**target, **{k: v for k, v in node.items() if k != "$ref"}}
    return node if isinstance(node, dict) else {}


def is_list(node: dict) -> bool:
    kind = node.get("type")
    return kind == "array" or (isinstance(kind, list) and kind == ["array"])


def list_tree(schema: dict, node: object, depth: int = 0):
    """The tree of list paths below a node (see the module doc), or None when it holds no list."""
    node = resolve(schema, node)
    if depth > MAX_DEPTH:
        return None
    if is_list(node):
        items = list_tree(schema, node.get("items", {}), depth + 1)
        return {"*": items} if items else 1
    tree = {}
    for key, child in (node.get("properties") or {}).items():
        sub = list_tree(schema, child, depth + 1)
        if sub:
            tree[key] = sub
    return tree or None


def list_attributes(schema: dict, get_atts) -> list[str]:
    names = []
    for attribute, pointer in get_atts.items():
        node: object = schema
        try:
            for part in pointer.strip("/").split("/"):
                node = resolve(schema, node)[part]
        except (KeyError, TypeError):
            continue
        if is_list(resolve(schema, node)):
            names.append(attribute)
    return sorted(names)


def main() -> None:
    regions = types_by_region()
    attributes: dict[str, list[str]] = {}
    properties: dict[str, object] = {}
    for name in sorted(regions):
        resource = PROVIDER_SCHEMA_MANAGER.get_resource_schema(regions[name], name)
        schema = resource.schema
        listed = list_attributes(schema, resource.get_atts)
        if listed:
            attributes[name] = listed
        tree = list_tree(schema, {"properties": schema.get("properties", {})})
        if tree:
            properties[name] = tree
    TYPES_OUTPUT.write_text(json.dumps(sorted(regions), separators=(",", ":")) + "\n")
    LISTS_OUTPUT.write_text(json.dumps({"attributes": attributes, "properties": properties}, separators=(",", ":")) + "\n")
    version = importlib.metadata.version("cfn-lint")
    print(f"wrote {len(regions)} resource types to {TYPES_OUTPUT}")
    print(f"wrote list attributes of {len(attributes)} and list properties of {len(properties)} types to {LISTS_OUTPUT} (cfn-lint {version})")


if __name__ == "__main__":
    main()
