#pragma once
// The rule functions, grouped by what they look at. validator.cpp lists them.
#include "validate/validator.h"

namespace ivcapgen::validate {

// environment_rules.cpp
void check_environment_names(const model::Model& m, Findings& f);
void check_provider_fields(const model::Model& m, Findings& f);
void check_terraform_backend(const model::Model& m, Findings& f);
void check_node_pools(const model::Model& m, Findings& f);
void check_components(const model::Model& m, Findings& f);
void check_runtime(const model::Model& m, Findings& f);
void check_environment_quantities(const model::Model& m, Findings& f);
void check_secret_references(const model::Model& m, Findings& f);
void check_drift_rules(const model::Model& m, Findings& f);

// service_rules.cpp
void check_service_names(const model::Model& m, Findings& f);
void check_duplicate_services(const model::Model& m, Findings& f);
void check_descriptions(const model::Model& m, Findings& f);
void check_parameters(const model::Model& m, Findings& f);
void check_controllers(const model::Model& m, Findings& f);
void check_service_resources(const model::Model& m, Findings& f);
void check_service_egress(const model::Model& m, Findings& f);
void check_literal_secrets(const model::Model& m, Findings& f);

// argo_rules.cpp
void check_argo_structure(const model::Model& m, Findings& f);
void check_argo_inputs(const model::Model& m, Findings& f);

// policy_rules.cpp
void check_sandbox_policy(const model::Model& m, Findings& f);
// True for keys the sandbox refuses wherever they appear (serviceAccountName, ...).
bool sandbox_forbids(std::string_view key);

}  // namespace ivcapgen::validate
