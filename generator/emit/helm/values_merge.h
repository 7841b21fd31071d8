#pragma once
// Helm's layering of values files, so that one generated file equals
// `helm -f generated.yaml -f user.yaml`: maps merge recursively, anything
// else (lists included) replaces, and a null replaces too — it stays in
// the file, where Helm reads it as "delete this key", also from the
// chart's own defaults.
#include <nlohmann/json.hpp>

namespace ivcapgen::emit::helm {

using Json = nlohmann::ordered_json;

// `overlay` merged over `base`. New keys are appended after base's keys,
// so the generated order is kept and the result is deterministic.
Json merge_helm_values(Json base, const Json& overlay);

}  // namespace ivcapgen::emit::helm
