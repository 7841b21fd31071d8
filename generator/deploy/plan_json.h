#pragma once
// The JSON form of a plan (`plan --format json`, `apply --plan FILE`),
// format version 1:
//   {"formatVersion": 1, "environment": "aws-prod",
//    "serial": 7, "lineage": "…",            the state the plan was made against
//    "manifestSha256": "…",                 the build it was made from
//    "summary": {"create", "update", "delete", "replace", "noop"},
//    "waves": [{"wave": 0, "name": "infrastructure", "layer": "terraform",
//               "notes": ["…"],                                  (when any)
//               "changes": [{"address", "action", "reason"?,      (reason when any)
//                            "diff": [{"path", "before"?, "after"?}]}]}]}
// `action` is create, update, delete, replace or noop; a side of a diff
// that does not exist is left out. Secrets are never in it: they are
// "(sensitive)" in the plan itself. New fields may be added within a
// version; a reader refuses a formatVersion it does not know.
#include "deploy/plan.h"
#include "tools/tool_result.h"

namespace ivcapgen::deploy {

Json plan_to_json(const Plan& plan);
tools::ToolResult<Plan> plan_from_json(const Json& json);

}  // namespace ivcapgen::deploy
