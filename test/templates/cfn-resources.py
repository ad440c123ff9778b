#!/usr/bin/env python3
"""The logical ids of each template's resources after its transforms, as cfn-lint reads them.

An oracle for test/templates/corpus.test.ts that shares no code with readiness: cfn-lint's
decoder, its AWS::LanguageExtensions transform and the AWS SAM translator (samtranslator, a
cfn-lint dependency) make the processed template CloudFormation would create.

Usage: python3 cfn-resources.py TEMPLATE...   prints one JSON object per template:
  {"file", "resources": [ids], "conditional": [ids with a Condition], "errors": [messages]}
"""

import json
import logging
import sys

from cfnlint.decode import decode
from cfnlint.template import Template
from cfnlint.template.transforms.transform import Transform

logging.disable(logging.CRITICAL)

for path in sys.argv[1:]:
    template, problems = decode(path)
    if problems or template is None:
        print(json.dumps({"file": path, "resources": [], "conditional": [], "errors": [str(p) for p in problems]}))
        continue
    cfn = Template(path, template, ["us-east-1"])
    errors = [str(e) for e in Transform().transform(cfn)]
    resources = cfn.template.get("Resources", {})
    print(
        json.dumps(
            {
                "file": path,
                "resources": sorted(resources),
                "conditional": sorted(k for k, v in resources.items() if isinstance(v, dict) and "Condition" in v),
                "errors": errors,
            }
        )
    )
