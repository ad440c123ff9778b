"""
IAM SimulatePrincipalPolicy for the moto server (opt-in: startEmulator's
`extensions: ["iam-simulate-principal-policy"]`).

Why: moto 5.2 does not implement SimulatePrincipalPolicy (it answers HTTP 500), so readiness's
iam-least-privilege probe can only say "endpoint lacks iam:SimulatePrincipalPolicy" on the
emulator. This fills that gap of moto's with moto's own policy engine
(moto.iam.access_control.IAMPolicyStatement, the matcher moto's access control uses) over the
policies moto stores for the principal: never a canned answer. Change a role's policies and the
answer changes.

What it evaluates (identity-based policies only, as the API does without ResourcePolicy):
  - roles: inline policies, attached managed policies (default version), permissions boundary;
  - users: inline and attached policies, and those of the user's groups; groups: their own;
  - PolicyInputList documents are added to the principal's policies; a
    PermissionsBoundaryPolicyInputList replaces the principal's boundary.
Per (action, resource), as in AWS's policy evaluation logic: an explicit Deny in any policy
(boundary included) gives "explicitDeny"; otherwise an Allow in the identity policies, and in the
boundary when there is one, gives "allowed"; anything else is "implicitDeny".

Where moto's engine is short of IAM, this module corrects it rather than answer wrongly:
  - action names are case-insensitive in IAM: actions and Action/NotAction patterns are compared
    lower-cased (moto compares them as written);
  - a Condition applies only when the request gives every key it names (ContextEntries); keys it
    lacks make the statement not apply and are listed in MissingContextValues, as AWS does.
    moto knows one condition operator (StringEquals); another one fails the request with
    PolicyEvaluation instead of being ignored (moto would treat it as met);
  - NotResource, which moto ignores (it would treat a Deny with NotResource as an Allow).
Resources match literally, as the simulator does: the default resource "*" is matched by a
statement's Resource "*" (or a pattern that matches the text "*"), not by a specific ARN.
ResourcePolicy, ResourceOwner, CallerArn and ResourceHandlingOption are not evaluated: a request
with them fails with PolicyEvaluation rather than get an answer that ignores them.
"""

import base64
import hashlib
import json
import re
from typing import Any

from moto.core.exceptions import ServiceException
from moto.core.responses import ActionResult
from moto.iam.access_control import IAMPolicyStatement, PermissionResult
from moto.iam.exceptions import InvalidInput, NotFoundException, ValidationError
from moto.iam.policy_conditions import CONDITION_OPERATIONS
from moto.iam.responses import IamResponse

DEFAULT_MAX_ITEMS = 100
PRINCIPAL_ARN = re.compile(r"arn:aws[a-z-]*:iam::(\d{12}):(user|group|role)/(.+)")
# "Each operation must include the service identifier, such as iam:CreateUser" (API reference).
ACTION_NAME = re.compile(r"[A-Za-z0-9-]+:[A-Za-z0-9*?_-]+")
MARKER_PATTERN = re.compile(r"[\u0020-\u00FF]+")
POLICY_DOCUMENT = re.compile(r"[\u0009\u000A\u000D\u0020-\u00FF]+")
CONTEXT_KEY_TYPES = (
    "string", "stringList", "numeric", "numericList", "boolean", "booleanList",
    "ip", "ipList", "binary", "binaryList", "date", "dateList",
)  # fmt: skip
UNEVALUATED_INPUTS = ("ResourcePolicy", "ResourceOwner", "CallerArn", "ResourceHandlingOption")


class PolicyEvaluation(ServiceException):
    """The API's PolicyEvaluationException (HTTP 500): a policy could not be evaluated."""

    code = "PolicyEvaluation"


class Policy:
    """One policy document as a source of statements."""

    def __init__(self, source_id: str, source_type: str, document: str) -> None:
        self.source_id = source_id
        self.source_type = source_type
        parsed = json.loads(document)
        statements = parsed.get("Statement", [])
        self.statements = statements if isinstance(statements, list) else [statements]


class Verdict:
    """What one set of policies says about one (action, resource)."""

    def __init__(self) -> None:
        self.allows: list[Policy] = []
        self.denies: list[Policy] = []
        self.missing_keys: set[str] = set()


def as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value]


def statement_for_moto(statement: dict[str, Any]) -> dict[str, Any]:
    """The statement moto's matcher is given: action patterns lower-cased, Condition and NotResource handled here."""
    shaped = {"Effect": statement.get("Effect"), "Resource": statement.get("Resource", "*")}
    for element in ("Action", "NotAction"):
        if element in statement:
            shaped[element] = [str(pattern).lower() for pattern in as_list(statement[element])]
    return shaped


def resource_applies(statement: dict[str, Any], resource: str) -> bool:
    if "NotResource" in statement:
        matcher = IAMPolicyStatement({"NotResource": statement["NotResource"]})
        return not matcher._check_element_matches("NotResource", resource)
    # An identity policy statement without Resource or NotResource is malformed: it grants nothing.
    return "Resource" in statement


def conditions_hold(statement: dict[str, Any], context: dict[str, str], verdict: Verdict) -> bool:
    """Whether the statement's Condition holds for the request's context (moto evaluates the operator)."""
    conditions = statement.get("Condition")
    if not conditions:
        return True
    lowered: dict[str, dict[str, Any]] = {}
    missing = False
    for operator, values in conditions.items():
        if operator not in CONDITION_OPERATIONS:
            raise PolicyEvaluation(
                f"the emulator cannot evaluate the condition operator {operator} "
                f"(moto knows {', '.join(CONDITION_OPERATIONS)})"
            )
        for key in values:
            if key.lower() not in context:
                verdict.missing_keys.add(key)
                missing = True
        lowered[operator] = {key.lower(): value for key, value in values.items()}
    if missing:
        return False
    return IAMPolicyStatement({"Condition": lowered})._check_conditions(context)


def evaluate(policies: list[Policy], action: str, resource: str, context: dict[str, str]) -> Verdict:
    verdict = Verdict()
    for policy in policies:
        for statement in policy.statements:
            if not resource_applies(statement, resource):
                continue
            shaped = statement_for_moto(statement)
            if "NotResource" in statement:
                shaped["Resource"] = "*"
                match_resource = "*"
            else:
                match_resource = resource
            result = IAMPolicyStatement(shaped).is_action_permitted(action.lower(), match_resource)
            if result == PermissionResult.NEUTRAL or not conditions_hold(statement, context, verdict):
                continue
            (verdict.denies if result == PermissionResult.DENIED else verdict.allows).append(policy)
    return verdict


def matched(policies: list[Policy]) -> list[dict[str, str]]:
    seen: dict[str, dict[str, str]] = {}
    for policy in policies:
        seen.setdefault(policy.source_id, {"SourcePolicyId": policy.source_id, "SourcePolicyType": policy.source_type})
    return list(seen.values())


def decide(
    identity: list[Policy], boundary: list[Policy] | None, action: str, resource: str, context: dict[str, str]
) -> dict[str, Any]:
    by_identity = evaluate(identity, action, resource, context)
    by_boundary = evaluate(boundary, action, resource, context) if boundary is not None else None
    denies = by_identity.denies + (by_boundary.denies if by_boundary else [])
    bounded = by_boundary is None or (bool(by_boundary.allows) and not by_boundary.denies)
    if denies:
        decision, statements = "explicitDeny", matched(denies)
    elif by_identity.allows and bounded:
        decision, statements = "allowed", matched(by_identity.allows)
    else:
        decision, statements = "implicitDeny", []
    missing = by_identity.missing_keys | (by_boundary.missing_keys if by_boundary else set())
    result: dict[str, Any] = {
        "EvalActionName": action,
        "EvalResourceName": resource,
        "EvalDecision": decision,
        "MatchedStatements": statements,
        "MissingContextValues": sorted(missing),
    }
    if by_boundary is not None:
        result["PermissionsBoundaryDecisionDetail"] = {"AllowedByPermissionsBoundary": bounded}
    return result


def managed(policy: Any) -> Policy:
    default = next(version for version in policy.versions if version.is_default)
    kind = "aws-managed" if ":iam::aws:policy/" in policy.arn else "user-managed"
    return Policy(policy.name, kind, default.document)


def inline(policies: dict[str, str], kind: str) -> list[Policy]:
    return [Policy(name, kind, document) for name, document in policies.items()]


def principal_policies(backend: Any, arn: str) -> tuple[list[Policy], list[Policy] | None]:
    """The principal's identity policies and its permissions boundary (None without one)."""
    _, kind, _ = PRINCIPAL_ARN.fullmatch(arn).groups()  # type: ignore[union-attr]
    if kind == "role":
        role = next((r for r in backend.roles.values() if r.arn == arn), None)
        if role is None:
            raise NotFoundException(f"The role with ARN {arn} cannot be found.")
        policies = inline(role.policies, "role") + [managed(p) for p in role.managed_policies.values()]
        boundary = [managed(backend.get_policy(role.permissions_boundary_arn))] if role.permissions_boundary_arn else None
        return policies, boundary
    if kind == "user":
        user = next((u for u in backend.users.values() if u.arn == arn), None)
        if user is None:
            raise NotFoundException(f"The user with ARN {arn} cannot be found.")
        policies = inline(user.policies, "user") + [managed(p) for p in user.managed_policies.values()]
        for group in backend.get_groups_for_user(user.name):
            policies += inline(group.policies, "group") + [managed(p) for p in group.managed_policies.values()]
        return policies, None
    group = next((g for g in backend.groups.values() if g.arn == arn), None)
    if group is None:
        raise NotFoundException(f"The group with ARN {arn} cannot be found.")
    return inline(group.policies, "group") + [managed(p) for p in group.managed_policies.values()], None


def validation_problems(request: dict[str, Any]) -> list[str]:
    """
    The API model's constraints, reported the way IAM's front end reports them (ValidationError),
    in the order packages/devkit/src/test-support/aws-contracts/iam.ts checks them (keep the two alike).
    """
    arn, actions, max_items, marker = (request.get(k) for k in ("PolicySourceArn", "ActionNames", "MaxItems", "Marker"))
    problems: list[str] = []

    def fail(value: Any, at: str, constraint: str) -> None:
        shown = "null" if value is None else f"'{str(value)[:60]}{'…' if len(str(value)) > 60 else ''}'"
        problems.append(f"Value {shown} at '{at}' failed to satisfy constraint: {constraint}")

    def length(value: Any, at: str, low: int, high: int) -> None:
        if value is None:
            return
        if len(value) < low:
            fail(value, at, f"Member must have length greater than or equal to {low}")
        elif len(value) > high:
            fail(value, at, f"Member must have length less than or equal to {high}")

    def pattern(value: Any, at: str, expression: re.Pattern[str], shown: str) -> None:
        if isinstance(value, str) and not expression.fullmatch(value):
            fail(value, at, f"Member must satisfy regular expression pattern: {shown}")

    if arn is None:
        fail(None, "policySourceArn", "Member must not be null")
    else:
        length(arn, "policySourceArn", 20, 2048)
    if actions is None:
        fail(None, "actionNames", "Member must not be null")
    else:
        for index, action in enumerate(actions):
            length(action, f"actionNames.{index + 1}.member", 3, 128)
    for name in ("PolicyInputList", "PermissionsBoundaryPolicyInputList"):
        for index, document in enumerate(request.get(name) or []):
            at = f"{name[0].lower()}{name[1:]}.{index + 1}.member"
            length(document, at, 1, 131_072)
            pattern(document, at, POLICY_DOCUMENT, "[\\u0009\\u000A\\u000D\\u0020-\\u00FF]+")
    length(request.get("ResourcePolicy"), "resourcePolicy", 1, 131_072)
    pattern(request.get("ResourcePolicy"), "resourcePolicy", POLICY_DOCUMENT, "[\\u0009\\u000A\\u000D\\u0020-\\u00FF]+")
    for index, resource in enumerate(request.get("ResourceArns") or []):
        length(resource, f"resourceArns.{index + 1}.member", 1, 2048)
    length(request.get("ResourceOwner"), "resourceOwner", 1, 2048)
    length(request.get("CallerArn"), "callerArn", 1, 2048)
    for index, entry in enumerate(request.get("ContextEntries") or []):
        length(entry.get("ContextKeyName"), f"contextEntries.{index + 1}.member.contextKeyName", 5, 256)
        key_type = entry.get("ContextKeyType")
        if key_type is not None and key_type not in CONTEXT_KEY_TYPES:
            fail(key_type, f"contextEntries.{index + 1}.member.contextKeyType",
                 f"Member must satisfy enum value set: [{', '.join(CONTEXT_KEY_TYPES)}]")  # fmt: skip
    length(request.get("ResourceHandlingOption"), "resourceHandlingOption", 1, 64)
    if max_items is not None:
        if max_items < 1:
            fail(max_items, "maxItems", "Member must have value greater than or equal to 1")
        elif max_items > 1000:
            fail(max_items, "maxItems", "Member must have value less than or equal to 1000")
    length(marker, "marker", 1, 320)
    pattern(marker, "marker", MARKER_PATTERN, "[\\u0020-\\u00FF]+")
    return problems


def fingerprint(arn: str, actions: list[str], resources: list[str]) -> str:
    return hashlib.sha256(json.dumps([arn, actions, resources]).encode()).hexdigest()[:16]


def encode_marker(offset: int, request: str) -> str:
    return base64.urlsafe_b64encode(json.dumps({"offset": offset, "request": request}).encode()).decode()


def decode_marker(marker: str, request: str, total: int) -> int:
    """The offset a Marker this extension handed out for the same request stands for; anything else is InvalidInput."""
    try:
        decoded = json.loads(base64.urlsafe_b64decode(marker.encode()))
        offset = decoded["offset"]
        if decoded["request"] == request and isinstance(offset, int) and 0 < offset < total:
            return offset
    except (ValueError, KeyError, TypeError):
        pass
    raise InvalidInput(f"Marker {marker} was not returned by an earlier SimulatePrincipalPolicy response")


def simulate_principal_policy(self: IamResponse) -> ActionResult:
    names = ("PolicySourceArn", "ActionNames", "ResourceArns", "MaxItems", "Marker", "PolicyInputList",
             "PermissionsBoundaryPolicyInputList", "ContextEntries", *UNEVALUATED_INPUTS)  # fmt: skip
    request = {name: self._get_param(name) for name in names}
    arn, actions, max_items, marker = (request[k] for k in ("PolicySourceArn", "ActionNames", "MaxItems", "Marker"))
    resources = request["ResourceArns"] or []
    problems = validation_problems(request)
    if problems:
        count = len(problems)
        raise ValidationError(f"{count} validation error{'s' if count > 1 else ''} detected: {'; '.join(problems)}")
    if not PRINCIPAL_ARN.fullmatch(arn):
        raise InvalidInput(f"PolicySourceArn {arn} is not the ARN of an IAM user, group or role")
    malformed = [action for action in actions if not ACTION_NAME.fullmatch(action)]
    if malformed:
        raise InvalidInput(
            f"ActionNames {', '.join(malformed)}: each action must include the service identifier, such as iam:CreateUser"
        )
    unevaluated = [name for name in UNEVALUATED_INPUTS if request[name]]
    if unevaluated:
        raise PolicyEvaluation(f"the emulator's SimulatePrincipalPolicy does not evaluate {', '.join(unevaluated)}")

    identity, boundary = principal_policies(self.backend, arn)
    identity += [Policy(f"PolicyInputList.{i + 1}", "none", doc) for i, doc in enumerate(request["PolicyInputList"] or [])]
    boundary_inputs = request["PermissionsBoundaryPolicyInputList"] or []
    if boundary_inputs:
        boundary = [
            Policy(f"PermissionsBoundaryPolicyInputList.{i + 1}", "none", doc) for i, doc in enumerate(boundary_inputs)
        ]
    context = {
        str(entry.get("ContextKeyName", "")).lower(): (entry.get("ContextKeyValues") or [""])[0]
        for entry in request["ContextEntries"] or []
    }

    results = [
        decide(identity, boundary, action, resource, context) for action in actions for resource in resources or ["*"]
    ]
    request = fingerprint(arn, actions, resources)
    start = decode_marker(marker, request, len(results)) if marker else 0
    end = start + (max_items or DEFAULT_MAX_ITEMS)
    page: dict[str, Any] = {"EvaluationResults": results[start:end], "IsTruncated": end < len(results)}
    if end < len(results):
        page["Marker"] = encode_marker(end, request)
    return ActionResult(page)


def install() -> None:
    """Teaches moto's IAM responder the action (moto dispatches by the action's snake_case name)."""
    IamResponse.simulate_principal_policy = simulate_principal_policy  # type: ignore[attr-defined]
