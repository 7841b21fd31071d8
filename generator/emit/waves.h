#pragma once
// Deploy waves (SPEC 4): every output file belongs to one.
namespace ivcapgen::emit {

inline constexpr int kWaveInfrastructure = 0;  // terraform
inline constexpr int kWaveClusterAccess = 1;   // kubeconfig
inline constexpr int kWaveNamespaces = 2;      // namespaces, RBAC, quotas, network policies
inline constexpr int kWaveComponents = 3;      // Helm releases
inline constexpr int kWaveRuntime = 4;         // gateway, dispatcher, data proxy, exit handler
inline constexpr int kWaveServices = 5;        // WorkflowTemplates, apps, dynamic services
inline constexpr int kWaveRegistration = 6;    // catalog documents → gateway

}  // namespace ivcapgen::emit
