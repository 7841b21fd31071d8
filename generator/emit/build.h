#pragma once
// The whole emission in one function: model → output tree (SPEC 3).
#include "model/model.h"
#include "output/output_tree.h"

namespace ivcapgen::emit {

output::OutputTree build_outputs(const model::Model& m);

}  // namespace ivcapgen::emit
