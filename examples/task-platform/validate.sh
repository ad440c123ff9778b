#!/usr/bin/env bash
# Lints every CloudFormation template of the example platform with cfn-lint.
# Exits non-zero when cfn-lint reports an error (or cannot run); warnings and informational
# messages are printed but do not fail the run (ignore unavoidable ones in .cfnlintrc.yaml, with a reason).
set -uo pipefail

# Usage: validate.sh [directory]   (default: the directory of this script)
here="$(cd "${1:-$(dirname "${BASH_SOURCE[0]}")}" && pwd)" || exit 2
cd "$here" || exit 2

if ! command -v cfn-lint >/dev/null 2>&1; then
  echo "validate.sh: cfn-lint not found; install it with: pip install cfn-lint" >&2
  exit 2
fi

shopt -s nullglob
templates=()
for file in *.yaml *.yml *.json; do
  case "$file" in
    readiness.yml | readiness.yaml | .cfnlintrc.yaml) continue ;;
  esac
  if grep -q '^Resources:' "$file" || grep -q '"Resources"' "$file"; then templates+=("$file"); fi
done

if [ "${#templates[@]}" -eq 0 ]; then
  echo "validate.sh: no CloudFormation templates found in $here" >&2
  exit 2
fi

status=0
for template in "${templates[@]}"; do
  cfn-lint --format parseable -- "$template"
  rc=$?
  # cfn-lint's exit code is a bit mask: 1 fatal, 2 error, 4 warning, 8 informational.
  if (( rc & 3 )); then
    echo "FAIL $template (cfn-lint exit $rc)"
    status=1
  elif (( rc != 0 )); then
    echo "ok   $template (warnings, cfn-lint exit $rc)"
  else
    echo "ok   $template"
  fi
done
exit "$status"
