#pragma once
// Every emitter: a pure function of the model that adds files to the output
// tree (no I/O, no clock, no environment). build.cpp runs them in order.
#include "model/model.h"
#include "output/output_tree.h"

namespace ivcapgen::emit {

void emit_plan_input(const model::Model& m, output::OutputTree& tree);     // plan-input.json
void emit_catalog(const model::Model& m, output::OutputTree& tree);        // catalog/<svc>.json
void emit_helm_releases(const model::Model& m, output::OutputTree& tree);  // helm/*
void emit_local_runtime(const model::Model& m, output::OutputTree& tree);  // local/runtime.json
void emit_terraform(const model::Model& m, output::OutputTree& tree);   // terraform/ (aws, azure)
void emit_namespaces(const model::Model& m, output::OutputTree& tree);  // k8s/00-namespaces.yaml
void emit_runtime(const model::Model& m, output::OutputTree& tree);     // k8s/10-runtime.yaml
void emit_workflow_templates(const model::Model& m, output::OutputTree& tree);  // k8s/20-*
void emit_apps(const model::Model& m, output::OutputTree& tree);  // k8s/30-apps/<svc>.yaml

}  // namespace ivcapgen::emit
