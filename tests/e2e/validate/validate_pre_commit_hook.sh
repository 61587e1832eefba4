#!/usr/bin/env bash
# The pre-commit hook flowhook-validate (.pre-commit-hooks.yaml) runs `flowhook validate` on a
# repository's JSON files, with Debian's pre-commit, offline, in throwaway git repositories:
# `pre-commit try-repo` passes on valid payloads and fails naming the invalid one; a project's
# config can narrow it with `files`, widen it to NDJSON with `types`, and add `args`.
source "$(dirname "$0")/../lib.sh"

command -v pre-commit >/dev/null ||
  { echo "FAIL: pre-commit is needed (bash .ci/install-deps --tests installs it)" >&2; exit 1; }
[[ -f "$SOURCE_DIR/.pre-commit-hooks.yaml" ]] || { fail "no .pre-commit-hooks.yaml"; finish; }

# flowhook on PATH, as the hook (language: system) expects; nothing from the network.
mkdir -p "$WORK/bin" && ln -s "$FLOWHOOK" "$WORK/bin/flowhook"
export PATH="$WORK/bin:$PATH" PRE_COMMIT_HOME="$WORK/pre-commit-cache" HOME="$WORK/home"
export GIT_AUTHOR_NAME=test GIT_AUTHOR_EMAIL=test@example.invalid
export GIT_COMMITTER_NAME=test GIT_COMMITTER_EMAIL=test@example.invalid
export GIT_CONFIG_NOSYSTEM=1
mkdir -p "$HOME"
git config --global init.defaultBranch main
git config --global protocol.file.allow always
unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY
export no_proxy='*'

# The hook repository: the shipped hooks file, committed.
hooks="$WORK/hooks"
mkdir -p "$hooks" && cp "$SOURCE_DIR/.pre-commit-hooks.yaml" "$hooks/"
git -C "$hooks" init -q && git -C "$hooks" add . && git -C "$hooks" commit -q -m hooks
rev=$(git -C "$hooks" rev-parse HEAD)

# A project with fixtures: valid ones, an invalid one outside fixtures/, NDJSON, and a text file.
project="$WORK/project"
mkdir -p "$project/fixtures" "$project/other"
cp "$FIXTURES/documented/order_settled.json" "$project/fixtures/order.json"
cp "$FIXTURES/documented/till_close.json" "$project/fixtures/till.json"
cp "$FIXTURES/invalid/order_id_string.json" "$project/other/broken.json"
printf '%s\n' "$(jq -c . "$FIXTURES/documented/order_settled.json")" '{"action": "NOPE"}' >"$project/fixtures/events.ndjson"
echo 'not json at all' >"$project/notes.txt"
git -C "$project" init -q && git -C "$project" add . && git -C "$project" commit -q -m fixtures
cd "$project" || exit 1

# try-repo on every file: the broken payload fails the hook, named with its finding.
run pre-commit try-repo "$hooks" flowhook-validate --all-files
expect_exit 1
expect_out "flowhook validate"
expect_out "Failed"
expect_out "FAIL  other/broken.json  ORDER_SETTLED"
expect_out 'other/broken.json:12:5: error: /order/Id: expected an integer, got the string "7123" [wrong-type]'
expect_out "ok    fixtures/order.json  ORDER_SETTLED"
expect_no_out "notes.txt"
expect_no_out "events.ndjson"  # not of type json by default

# try-repo on the valid files only: it passes.
run pre-commit try-repo "$hooks" flowhook-validate --files fixtures/order.json fixtures/till.json
expect_exit 0
expect_out "Passed"

# A project's config: `files` narrows the hook to fixtures/, which are valid.
cat >.pre-commit-config.yaml <<YAML
repos:
  - repo: $hooks
    rev: $rev
    hooks:
      - id: flowhook-validate
        files: ^fixtures/
YAML
run pre-commit run flowhook-validate --all-files
expect_exit 0
expect_out "Passed"

# `types: [file]` and a files pattern take in NDJSON; `args` adds options (--quiet: only failures).
cat >.pre-commit-config.yaml <<YAML
repos:
  - repo: $hooks
    rev: $rev
    hooks:
      - id: flowhook-validate
        types: [file]
        files: ^fixtures/.*\.(json|ndjson|jsonl)$
        args: [--quiet]
YAML
run pre-commit run flowhook-validate --all-files
expect_exit 1
expect_out 'FAIL  fixtures/events.ndjson:2'
expect_out 'unknown action "NOPE"'
expect_no_out "ok    fixtures/order.json"
expect_no_out "other/broken.json"
finish
