#pragma once
// Field-level differences for the plan, with secrets kept out.
//
// Two ways to compare:
//  - declared: the fields ivcapgen sets against a live Kubernetes object,
//    which also carries server-set fields, defaults and status. Only keys of
//    the desired side are walked. The lists Kubernetes merges by key
//    (listType=map: containers and env by name, ports by containerPort or
//    port, volumeMounts by mountPath, ...) are matched by key in any order;
//    every other list is atomic and compared in order. A live item of a keyed
//    list that we do not declare counts as a removal when it is ours: owned
//    by field manager `ivcapgen` in the live object's managedFields, or
//    always when the object has no managedFields of ours. Scalars compare
//    as Kubernetes reads them: quantities by value (1000m = 1, 1Gi = 1024Mi)
//    and int-or-string by value (8080 = "8080").
//  - full: every field of both sides (Helm values, Terraform attributes).
//
// Paths are dotted: spec.template.spec.containers[name=gateway].image,
// metadata.labels["ivcap.io/service"], rules[0].host.
#include <string>
#include <string_view>
#include <vector>

#include "deploy/plan.h"

namespace ivcapgen::deploy {

// The field manager of every server-side apply of ivcapgen.
inline constexpr std::string_view kFieldManager = "ivcapgen";

std::vector<FieldChange> diff_declared(const Json& desired, const Json& live);
// The key of the items of list field `field` when Kubernetes merges it by
// key (listType=map in the core API's OpenAPI), else nullptr (an atomic list,
// compared by position). `ports` is keyed by containerPort in a container
// and by port in a Service.
const char* list_merge_key(std::string_view field, const Json& items);
// Whether two scalars are the same value to Kubernetes (the rule above).
bool equivalent_scalars(const Json& desired, const Json& live);
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
