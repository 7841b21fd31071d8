#!/usr/bin/env bash
# Tests of the hand-written Terraform modules in modules/.
#
#   tests/modules/run.sh fmt     terraform fmt -check over modules/ and these tests
#   tests/modules/run.sh aws     init/validate/offline plan of aws-example and
#                                aws-database-secrets, then check_aws_plan.py
#   tests/modules/run.sh azure   terraform fmt -check over modules/azure and
#                                azure-example, then check_azure.py (tags, declared
#                                references, module wiring; azurerm is not
#                                installed here, so no validate/plan)
#
# Exit status: 0 passed, 1 failed, 77 skipped (terraform, python3 or the
# provider mirror missing). IVCAPGEN_TF_PLUGIN_DIR overrides the mirror
# (default /opt/tf-plugins); IVCAPGEN_KEEP_TMP=1 keeps the work directory.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
plugin_dir=${IVCAPGEN_TF_PLUGIN_DIR:-/opt/tf-plugins}

skip() {
  echo "SKIPPED: $*"
  exit 77
}

fail() {
  echo "FAILED: $*" >&2
  exit 1
}

step() {
  local started=$SECONDS
  echo "+ $*"
  "$@" || fail "$* (exit $?)"
  echo "  ok ($((SECONDS - started))s)"
}

# quietly LOG CMD...: run CMD with its output in LOG, shown only on failure.
quietly() {
  local log=$1
  shift
  "$@" >"$log" 2>&1 || {
    cat "$log"
    return 1
  }
}

case ${1:-} in
  fmt | aws | azure) ;;
  *)
    echo "usage: $0 fmt|aws|azure" >&2
    exit 2
    ;;
esac

command -v terraform >/dev/null 2>&1 || skip "terraform not found on PATH"

work=$(mktemp -d "${TMPDIR:-/tmp}/ivcapgen-modules.XXXXXX")
fake_pid=
cleanup() {
  if [[ -n $fake_pid ]]; then
    kill "$fake_pid" 2>/dev/null || true
    wait "$fake_pid" 2>/dev/null || true
  fi
  if [[ ${IVCAPGEN_KEEP_TMP:-0} == 1 ]]; then
    echo "kept $work"
  else
    rm -rf "$work"
  fi
}
trap cleanup EXIT

# Hermetic terraform: no user CLI config, plugin cache, or stray TF_* settings.
while IFS= read -r var; do unset "$var"; done < <(compgen -e | grep '^TF_' || true)
: >"$work/terraformrc"
export TF_CLI_CONFIG_FILE=$work/terraformrc TF_IN_AUTOMATION=1 TF_INPUT=0 CHECKPOINT_DISABLE=1

case_fmt() {
  step terraform fmt -check -recursive -diff "$root/modules"
  step terraform fmt -check -recursive -diff "$here"
}

case_azure() {
  command -v python3 >/dev/null 2>&1 || skip "python3 not found on PATH"
  [[ -d $root/modules/azure ]] || fail "no modules/azure"
  step terraform fmt -check -recursive -diff "$root/modules/azure"
  step terraform fmt -check -recursive -diff "$here/azure-example"
  step python3 "$here/check_azure.py" "$root/modules/azure" --example "$here/azure-example"
}

# Plans tests/modules/<example> offline: a copy of modules/aws and the example
# in the same relative layout, test-only override files (provider: fake
# credentials, no account lookup, secret APIs on a loopback fake; backend:
# local instead of S3), then init from the mirror, validate,
# plan -refresh=false, show -json and the assertions.
plan_example() {
  local example=$1 secret=$2 port=$3
  local dir=$work/tests/modules/$example
  mkdir -p "$work/tests/modules"
  cp -R "$here/$example" "$dir"

  cat >"$dir/test_provider_override.tf" <<EOF
# Test only: offline plan. Written by tests/modules/run.sh, never shipped.
provider "aws" {
  region                      = "ap-southeast-2"
  access_key                  = "AKIAIOSFODNN7EXAMPLE"
  secret_key                  = "fake-secret-key-for-offline-plans"
  skip_credentials_validation = true
  skip_requesting_account_id  = true
  skip_metadata_api_check     = true
  skip_region_validation      = true

  endpoints {
    secretsmanager = "http://127.0.0.1:$port"
    ssm            = "http://127.0.0.1:$port"
  }
}
EOF

  # The real backend (backend.tf) is remote; plan against a local one.
  cat >"$dir/test_backend_override.tf" <<EOF
# Test only: offline plan. Written by tests/modules/run.sh, never shipped.
terraform {
  backend "local" {}
}
EOF

  : >"$work/fake.log"
  (
    cd "$dir"
    step quietly init.log terraform init -input=false -no-color -plugin-dir="$plugin_dir"
    step quietly validate.log terraform validate -no-color
    # The console output is kept (and scanned for the secret), not echoed.
    step quietly plan.txt terraform plan -input=false -no-color -refresh=false -lock=false -out=plan.bin
    grep -E '^(Plan|No changes)' plan.txt
    terraform show -json plan.bin >plan.json || fail "terraform show -json plan.bin"
    step python3 "$here/check_aws_plan.py" "$example" --plan plan.json --fake-log "$work/fake.log" \
      --secret "$secret" --scan plan.bin plan.txt
  )
}

case_aws() {
  command -v python3 >/dev/null 2>&1 || skip "python3 not found on PATH"
  [[ -d $plugin_dir/registry.terraform.io/hashicorp/aws ]] ||
    skip "no hashicorp/aws provider in the mirror $plugin_dir (set IVCAPGEN_TF_PLUGIN_DIR)"

  cp -R "$root/modules" "$work/modules"

  # A value that must never show up in a plan; the fake endpoint serves it.
  local secret="ivcapgen-test-password-$$-$RANDOM"
  python3 "$here/fake_aws_endpoint.py" --secret "$secret" \
    --port-file "$work/fake.port" --log "$work/fake.log" &
  fake_pid=$!
  for _ in $(seq 50); do
    [[ -s $work/fake.port ]] && break
    sleep 0.1
  done
  [[ -s $work/fake.port ]] || fail "fake AWS endpoint did not start"
  local port
  port=$(cat "$work/fake.port")

  local started=$SECONDS
  plan_example aws-example "$secret" "$port"
  plan_example aws-database-secrets "$secret" "$port"
  echo "aws: done in $((SECONDS - started))s"
}

case_$1
