#include "validate/validator.h"

#include "validate/rules.h"

namespace ivcapgen::validate {

diag::Diagnostic& Findings::stamp(diag::Diagnostic& d) {
  d.rule = std::string(rule_);
  return d;
}

diag::Diagnostic& Findings::error(const diag::SourceLocation& loc, std::string message) {
  return stamp(sink_.error(loc, std::move(message)));
}

diag::Diagnostic& Findings::warning(const diag::SourceLocation& loc, std::string message) {
  return stamp(sink_.warning(loc, std::move(message)));
}

diag::Diagnostic& Findings::policy(const diag::SourceLocation& loc, std::string message) {
  return stamp(sink_.policy(loc, std::move(message)));
}

const std::vector<Rule>& rules() {
  static const std::vector<Rule> kRules = {
      {"environment-names", "environment name, project, domain and namespaces are well-formed",
       check_environment_names},
      {"provider-fields", "each provider's required fields are set; regions are known",
       check_provider_fields},
      {"terraform-backend", "the state backend has the fields its type needs",
       check_terraform_backend},
      {"node-pools", "node pools are sane; sizes and GPUs are known", check_node_pools},
      {"components", "components are known; versions well-formed", check_components},
      {"runtime", "runtime image, replicas and ports are valid", check_runtime},
      {"environment-quantities", "resource defaults and quotas are valid quantities",
       check_environment_quantities},
      {"secret-references", "secret references have a known scheme", check_secret_references},
      {"drift-rules", "drift.ignore rules are Kind/name-glob:/json/pointer", check_drift_rules},
      {"service-name", "service names follow the naming rules and the 32-character limit",
       check_service_names},
      {"duplicate-service", "service names are unique across files", check_duplicate_services},
      {"description", "descriptions say what, why and how (>= 40 characters)", check_descriptions},
      {"parameters", "parameters are unique, typed and consistent", check_parameters},
      {"controller", "controllers are complete and orderable where they need to be",
       check_controllers},
      {"resources-fit", "requested resources fit some node pool (GPU type included)",
       check_service_resources},
      {"egress", "declared egress is allowed by the environment (clouds)", check_service_egress},
      {"literal-secret", "no secret values in service environment variables",
       check_literal_secrets},
      {"argo-structure", "DAGs and steps refer to existing templates, without cycles",
       check_argo_structure},
      {"argo-inputs", "template inputs are passed, defaulted or service parameters",
       check_argo_inputs},
      {"sandbox-policy", "services stay inside the sandbox (SPEC 2.4)", check_sandbox_policy},
  };
  return kRules;
}

void validate_model(const model::Model& m, diag::DiagnosticSink& sink) {
  for (const Rule& rule : rules()) {
    Findings findings(sink, rule.name);
    rule.check(m, findings);
  }
}

}  // namespace ivcapgen::validate
