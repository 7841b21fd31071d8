#include "deploy/cluster_access.h"

namespace ivcapgen::deploy {

namespace {

tools::ToolResult<std::string> output(const Json& outputs, const std::string& name) {
  auto it = outputs.find(name);
  if (it == outputs.end() || !it->is_string() || it->get<std::string>().empty()) {
    return tools::ToolError{"wave 1 (cluster access) needs the Terraform output '" + name +
                                "', which the state does not have; apply wave 0 first or pass "
                                "--kubeconfig/--context",
                            {}};
  }
  return it->get<std::string>();
}

}  // namespace

tools::ToolResult<std::vector<std::vector<std::string>>> kubeconfig_commands(
    const std::string& provider, const std::string& environment, const std::string& region,
    const Json& outputs, const std::string& kubeconfig) {
  auto cluster = output(outputs, "cluster_name");
  if (!cluster) return cluster.error();
  if (provider == "aws") {
    return std::vector<std::vector<std::string>>{{"aws", "eks", "update-kubeconfig", "--name",
                                                  *cluster, "--region", region, "--kubeconfig",
                                                  kubeconfig, "--alias", environment}};
  }
  if (provider == "azure") {
    auto group = output(outputs, "resource_group_name");
    if (!group) return group.error();
    return std::vector<std::vector<std::string>>{
        {"az", "aks", "get-credentials", "--resource-group", *group, "--name", *cluster, "--file",
         kubeconfig, "--overwrite-existing"},
        {"kubelogin", "convert-kubeconfig", "-l", "azurecli", "--kubeconfig", kubeconfig}};
  }
  return tools::ToolError{"provider '" + provider + "' has no cluster access step", {}};
}

}  // namespace ivcapgen::deploy
