#!/usr/bin/env python3
"""Writes the sorted list of CloudFormation resource type names to
packages/core/src/adapters/template/cfn-types.json.

The template adapter rejects unknown AWS resource types (typos such as AWS::ECS::Servce) with a
"did you mean" hint; it needs the list of valid names. cfn-lint ships one provider module per
region (cfnlint/data/schemas/providers/<region>.py, each with a `types` dict keyed by type name);
the union over all regions is the list, so a type that exists only outside us-east-1 is accepted.

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

TYPE_NAME = re.compile(r"^[A-Za-z0-9]+::[A-Za-z0-9]+::[A-Za-z0-9]+$")
OUTPUT = Path(__file__).resolve().parent.parent / "packages/core/src/adapters/template/cfn-types.json"


def resource_types() -> list[str]:
    names: set[str] = set()
    for module_info in pkgutil.iter_modules(providers.__path__):
        module = importlib.import_module(f"{providers.__name__}.{module_info.name}")
        names.update(name for name in getattr(module, "types", {}) if TYPE_NAME.match(name))
    if not names:
        sys.exit(f"no resource types found in {providers.__path__}: has cfn-lint's data layout changed?")
    return sorted(names)


def main() -> None:
    names = resource_types()
    OUTPUT.write_text(json.dumps(names, separators=(",", ":")) + "\n")
    print(f"wrote {len(names)} resource types from cfn-lint {importlib.metadata.version('cfn-lint')} to {OUTPUT}")


if __name__ == "__main__":
    main()
