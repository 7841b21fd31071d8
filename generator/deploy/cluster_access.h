#pragma once
// Wave 1: access to the cluster Terraform made. With --kubeconfig or
// --context nothing is run. Otherwise the provider's CLI writes a kubeconfig
// to .ivcapgen/<env>/kubeconfig from the Terraform outputs, as the
// kubeconfig_command output documents:
//   aws:   aws eks update-kubeconfig --name <cluster_name> --region <region>
//            --kubeconfig <file> --alias <env>
//   azure: az aks get-credentials --resource-group <resource_group_name>
//            --name <cluster_name> --file <file> --overwrite-existing
//          kubelogin convert-kubeconfig -l azurecli --kubeconfig <file>
#include <string>
#include <vector>

#include "deploy/plan.h"
#include "tools/tool_result.h"

namespace ivcapgen::deploy {

// The commands that write `kubeconfig` for `provider` from the non-sensitive
// Terraform outputs; an error naming the missing output.
tools::ToolResult<std::vector<std::vector<std::string>>> kubeconfig_commands(
    const std::string& provider, const std::string& environment, const std::string& region,
    const Json& outputs, const std::string& kubeconfig);

}  // namespace ivcapgen::deploy
