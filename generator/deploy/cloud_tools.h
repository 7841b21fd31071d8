#pragma once
// The external tools of a cloud deploy, located when a stage first needs one
// (a missing helm fails wave 3, not `apply --only terraform`) and configured
// the same way for plan, apply and destroy: Terraform runs in the build's
// terraform/ with its data directory in .ivcapgen/<env>/terraform (so a new
// build never loses the providers), kubectl and Helm use the cluster access
// of wave 1 (or --kubeconfig/--context).
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "deploy/target.h"
#include "tools/helm.h"
#include "tools/kubectl.h"
#include "tools/terraform.h"

namespace ivcapgen::deploy {

struct ClusterAccess {
  std::optional<std::filesystem::path> kubeconfig;
  std::optional<std::string> context;
  bool known() const { return kubeconfig.has_value() || context.has_value(); }
};

class CloudTools {
 public:
  explicit CloudTools(TargetContext& context);

  // The adapters; an error naming the stage when the tool is missing.
  tools::ToolResult<tools::Terraform> terraform(std::string_view stage);
  tools::ToolResult<tools::Kubectl> kubectl(std::string_view stage);
  tools::ToolResult<tools::Helm> helm(std::string_view stage);
  // A kubectl command the adapter has no operation for (delete by name),
  // with the same global flags.
  tools::ToolResult<tools::Command> kubectl_command(std::string_view stage,
                                                    std::vector<std::string> args);

  const ClusterAccess& access() const { return access_; }
  void set_access(ClusterAccess access) { access_ = std::move(access); }

  std::filesystem::path terraform_dir() const;        // <build>/terraform
  std::filesystem::path terraform_data_dir() const;   // .ivcapgen/<env>/terraform
  std::filesystem::path terraform_plan_file() const;  // .ivcapgen/<env>/wave0.tfplan
  std::filesystem::path kubeconfig_file() const;      // .ivcapgen/<env>/kubeconfig

 private:
  tools::ToolResult<std::filesystem::path> locate(tools::Tool tool, std::string_view stage);
  TargetContext& context_;
  ClusterAccess access_;
};

// The access given by the user, else the kubeconfig wave 1 wrote, else none.
ClusterAccess initial_cluster_access(const TargetContext& context);

}  // namespace ivcapgen::deploy
