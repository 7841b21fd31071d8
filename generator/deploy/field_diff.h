#pragma once
// Field-level differences for the plan, with secrets kept out.
//
// Two ways to compare:
//  - declared: the fields ivcapgen sets against a live Kubernetes object,
//    which also carries server-set fields, defaults and status. Only keys of
//    the desired side are walked; lists of named items (containers, env,
//    ports, volumes) are matched by name, and live items we do not declare in
//    such lists count as removals. Quantities compare by value (1000m = 1).
//  - full: every field of both sides (Helm values, Terraform attributes).
//
// Paths are dotted: spec.template.spec.containers[name=gateway].image,
// metadata.labels["ivcap.io/service"], rules[0].host.
#include <string>
#include <string_view>
#include <vector>

#include "deploy/plan.h"

namespace ivcapgen::deploy {

std::vector<FieldChange> diff_declared(const Json& desired, const Json& live);
std::vector<FieldChange> diff_full(const Json& before, const Json& after);

// `path` extended by an object key: "a.b", or a["x/y"] when the key is not a
// plain name.
std::string child_path(std::string_view path, std::string_view key);

// Whether a key or a list item's name looks like it holds a secret
// (password, token, private key, ...). Names of secrets (`...Ref`,
// `...Name`, `existingSecret`) do not: they are references.
bool is_secret_key(std::string_view key);
// Whether any key or item name along a dotted path looks secret.
bool is_secret_path(std::string_view path);
// `value` with the values of secret-looking keys (and of {name: SECRET_X,
// value: ...} pairs) replaced by kSensitiveValue.
Json mask_secret_values(const Json& value);
// Masks whole changes on secret paths and secret-looking values inside the rest.
void mask_secrets(std::vector<FieldChange>& changes);

}  // namespace ivcapgen::deploy
