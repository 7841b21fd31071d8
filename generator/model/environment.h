#pragma once
// The Environment document (SPEC 2.1) and its parts. Defaults are the member
// initialisers; `describe` declares every field once for the decoder, the
// JSON Schema and plan-input.json.
#include <map>
#include <string>
#include <vector>

#include "model/common.h"
#include "spec/node.h"

namespace ivcapgen::model {

using spec::SourceNode;

inline constexpr std::string_view kProviders[] = {"azure", "aws", "local"};
inline constexpr std::string_view kBackendTypes[] = {"local", "s3", "azurerm"};
inline constexpr std::string_view kTaintEffects[] = {"NoSchedule", "PreferNoSchedule", "NoExecute"};
inline constexpr std::string_view kDatabaseSizes[] = {"small", "medium", "large"};
inline constexpr std::string_view kDataProxyModes[] = {"sidecar", "node"};
inline constexpr std::string_view kPullPolicies[] = {"Always", "IfNotPresent", "Never"};

struct Metadata {
  Text name;
};

template <class V>
void describe(V& v, Metadata& m) {
  v.field("name", m.name, {"Name: a DNS-1123 label (environments: at most 20 characters)", true});
}

struct BackendSpec {
  Text type = std::string("local");
  Text bucket, key, region, dynamodb_table;         // s3
  Text resource_group, storage_account, container;  // azurerm
  Text path;                                        // local
};

template <class V>
void describe(V& v, BackendSpec& b) {
  v.field("type", b.type, {"Terraform state backend", false, kBackendTypes});
  v.field("bucket", b.bucket, {"s3: state bucket"});
  v.field("key", b.key, {"s3/azurerm: state object key (default <project>/<env>.tfstate)"});
  v.field("region", b.region, {"s3: bucket region (default: the environment's region)"});
  v.field("dynamodbTable", b.dynamodb_table, {"s3: DynamoDB table for state locking"});
  v.field("resourceGroup", b.resource_group, {"azurerm: resource group of the storage account"});
  v.field("storageAccount", b.storage_account, {"azurerm: storage account holding the state"});
  v.field("container", b.container, {"azurerm: blob container holding the state"});
  v.field("path", b.path, {"local: state file path (default terraform.tfstate)"});
}

struct TerraformSpec {
  Located<BackendSpec> backend;
};

template <class V>
void describe(V& v, TerraformSpec& t) {
  v.field("backend", t.backend, {"Where Terraform keeps its state"});
}

struct Taint {
  Text key, value, effect = std::string("NoSchedule");
};

template <class V>
void describe(V& v, Taint& t) {
  v.field("key", t.key, {"Taint key", true});
  v.field("value", t.value, {"Taint value"});
  v.field("effect", t.effect, {"Taint effect", false, kTaintEffects});
}

struct GpuSpec {
  Text type;
  Int count = 1;
};

template <class V>
void describe(V& v, GpuSpec& g) {
  v.field("type", g.type,
          {"GPU type, e.g. nvidia-tesla-v100 (must match the instance size)", true});
  v.field("count", g.count, {"GPUs per node"});
}

struct NodePool {
  Text name;
  Text size;
  Int min = 1;
  Int max = 1;
  Located<GpuSpec> gpu;
  TextMap labels;
  Located<std::vector<Located<Taint>>> taints;
  Text cpu;     // capacity override for sizes not in the built-in table
  Text memory;  // capacity override
};

template <class V>
void describe(V& v, NodePool& p) {
  v.field("name", p.name, {"Pool name: a DNS-1123 label", true});
  v.field("size", p.size, {"Instance size (e.g. m6i.xlarge, Standard_D4s_v5); `local` for local"});
  v.field("min", p.min, {"Minimum nodes"});
  v.field("max", p.max, {"Maximum nodes (>= min)"});
  v.field("gpu", p.gpu, {"GPUs on each node of this pool"});
  v.field("labels", p.labels, {"Node labels"});
  v.field("taints", p.taints, {"Node taints"});
  v.field("cpu", p.cpu, {"Allocatable CPU per node, for sizes the built-in table does not know"});
  v.field("memory", p.memory, {"Allocatable memory per node, for sizes the table does not know"});
}

struct ClusterSpec {
  Text kubernetes_version = std::string("1.32");
  Located<std::vector<Located<NodePool>>> node_pools;
};

template <class V>
void describe(V& v, ClusterSpec& c) {
  v.field("kubernetesVersion", c.kubernetes_version,
          {"Kubernetes minor version, quoted: \"1.32\""});
  v.field("nodePools", c.node_pools, {"Node pools (local: one 4 CPU / 8Gi pool by default)"});
}

struct ArtifactStorage {
  Int size_gi = 100;
  Text bucket;
  Int retention_days = 0;
};

template <class V>
void describe(V& v, ArtifactStorage& a) {
  v.field("sizeGi", a.size_gi, {"Expected size in GiB (sizes local MinIO volumes)"});
  v.field("bucket", a.bucket, {"Bucket/container name (default <project>-<env>-artifacts)"});
  v.field("retentionDays", a.retention_days,
          {"Delete non-current versions after N days (0: keep)"});
}

struct StorageSpec {
  Located<ArtifactStorage> artifacts;
};

template <class V>
void describe(V& v, StorageSpec& s) {
  v.field("artifacts", s.artifacts, {"Object store for artifacts"});
}

struct DatabaseSpec {
  Flag managed;  // default depends on the provider: true in clouds, false locally
  Text version = std::string("15");
  Text size = std::string("small");
  Int storage_gi = 20;
  Text password_secret = std::string("database-password");
};

template <class V>
void describe(V& v, DatabaseSpec& d) {
  v.field("managed", d.managed, {"Use the cloud's managed PostgreSQL (default: true in clouds)"});
  v.field("version", d.version, {"PostgreSQL major version, quoted: \"15\""});
  v.field("size", d.size, {"Instance size class", false, kDatabaseSizes});
  v.field("storageGi", d.storage_gi, {"Allocated storage in GiB"});
  v.field("passwordSecret", d.password_secret,
          {"Name of the entry in `secrets` with the password"});
}

struct NamespacesSpec {
  Text platform = std::string("ivcap-system");
  Text services = std::string("ivcap-services");
  Text argo = std::string("argo");
};

template <class V>
void describe(V& v, NamespacesSpec& n) {
  v.field("platform", n.platform, {"Namespace of the runtime components"});
  v.field("services", n.services, {"Namespace where analytics services run (sandboxed)"});
  v.field("argo", n.argo, {"Namespace of the Argo Workflows controller"});
}

struct ComponentSpec {
  Flag enabled = true;
  Text version;
  Text namespace_;
  SourceNode values;
};

template <class V>
void describe(V& v, ComponentSpec& c) {
  v.field("enabled", c.enabled, {"Install this component"});
  v.field("version", c.version, {"Chart version (default: the pinned version)"});
  v.field("namespace", c.namespace_, {"Namespace of the release (default per component)"});
  v.field("values", c.values, {"Helm values deep-merged over the generated ones"});
}

struct ImageSpec {
  Text registry = std::string("ghcr.io/ivcap-works");
  Text tag = std::string("1.0.0");
  Text pull_policy = std::string("IfNotPresent");
};

template <class V>
void describe(V& v, ImageSpec& i) {
  v.field("registry", i.registry, {"Registry and path prefix of the runtime images"});
  v.field("tag", i.tag, {"Image tag of the runtime images, quoted"});
  v.field("pullPolicy", i.pull_policy, {"Image pull policy", false, kPullPolicies});
}

struct RuntimeComponent {
  Int replicas = 1;
  Int port = 0;  // 0: the component's default port
  Located<ResourceRequirements> resources;
};

template <class V>
void describe(V& v, RuntimeComponent& c) {
  v.field("replicas", c.replicas, {"Replicas (a PodDisruptionBudget is added when > 1)"});
  v.field("port", c.port, {"Loopback port for the local provider (default per component)"});
  v.field("resources", c.resources, {"Container resources"});
}

struct DataProxySpec {
  Text mode = std::string("sidecar");
  Int port = 0;
  Located<ResourceRequirements> resources;
};

template <class V>
void describe(V& v, DataProxySpec& d) {
  v.field("mode", d.mode,
          {"sidecar: one per service pod; node: a DaemonSet", false, kDataProxyModes});
  v.field("port", d.port, {"Loopback port for the local provider"});
  v.field("resources", d.resources, {"Container resources"});
}

struct RuntimeSpec {
  Located<ImageSpec> image;
  Located<RuntimeComponent> gateway;
  Located<RuntimeComponent> dispatcher;
  Located<DataProxySpec> data_proxy;
  Located<RuntimeComponent> exit_handler;
};

template <class V>
void describe(V& v, RuntimeSpec& r) {
  v.field("image", r.image, {"Where the runtime images come from"});
  v.field("gateway", r.gateway, {"The REST API gateway"});
  v.field("dispatcher", r.dispatcher, {"The order dispatcher"});
  v.field("dataProxy", r.data_proxy, {"The data proxy services use to reach artifacts"});
  v.field("exitHandler", r.exit_handler, {"The exit handler recording order outcomes"});
}

struct QuotaSpec {
  Text cpu = std::string("64");
  Text memory = std::string("256Gi");
  Int pods = 500;
  Int gpu = 0;  // 0: no GPU quota line unless a pool has GPUs
};

template <class V>
void describe(V& v, QuotaSpec& q) {
  v.field("cpu", q.cpu, {"CPU requests allowed in the services namespace"});
  v.field("memory", q.memory, {"Memory requests allowed in the services namespace"});
  v.field("pods", q.pods, {"Pods allowed in the services namespace"});
  v.field("gpu", q.gpu, {"GPUs allowed (default: what the GPU pools can hold)"});
}

struct ResourcesSpec {
  Located<ResourceRequirements> defaults;
  Located<QuotaSpec> quota;
};

template <class V>
void describe(V& v, ResourcesSpec& r) {
  v.field("defaults", r.defaults, {"Resources of service containers that declare none"});
  v.field("quota", r.quota, {"ResourceQuota of the services namespace"});
}

struct PolicySpec {
  Flag sandbox = true;
  TextList allowed_egress;
};

template <class V>
void describe(V& v, PolicySpec& p) {
  v.field("sandbox", p.sandbox, {"Enforce the service sandbox rules (SPEC 2.4)"});
  v.field("allowedEgress", p.allowed_egress, {"Hosts services may declare as egress"});
}

struct SecretRef {
  Text ref;
  bool literal = false;  // a value was written instead of a reference
};

template <class V>
void describe(V& v, SecretRef& s) {
  v.field("ref", s.ref,
          {"Reference: azurekeyvault://VAULT/NAME, aws-secretsmanager://NAME, "
           "aws-ssm://PARAM, k8s-secret://NAMESPACE/NAME/KEY",
           true});
}

struct DriftSpec {
  TextList ignore;
};

template <class V>
void describe(V& v, DriftSpec& d) {
  v.field("ignore", d.ignore, {"Fields drift ignores: Kind/name-glob:/json/pointer"});
}

struct EnvironmentSpec {
  Text provider;
  Text region;
  Text project = std::string("ivcap");
  Text domain;
  TextList overlays;
  TextList services;
  Located<TerraformSpec> terraform;
  Located<ClusterSpec> cluster;
  Located<StorageSpec> storage;
  Located<DatabaseSpec> database;
  Located<NamespacesSpec> namespaces;
  Located<std::map<std::string, Located<ComponentSpec>>> components;
  Located<RuntimeSpec> runtime;
  Located<ResourcesSpec> resources;
  Located<PolicySpec> policy;
  Located<std::map<std::string, Located<SecretRef>>> secrets;
  Located<DriftSpec> drift;
};

template <class V>
void describe(V& v, EnvironmentSpec& s) {
  v.field("provider", s.provider, {"Where the platform runs", true, kProviders});
  v.field("region", s.region, {"Cloud region (aws, azure)"});
  v.field("project", s.project, {"Project: prefix of service paths; `_` becomes `-` in names"});
  v.field("domain", s.domain, {"DNS domain: the API is api.<domain> (local: localhost)"});
  v.field("overlays", s.overlays, {"Overlay files applied in order, relative to this file"});
  v.field("services", s.services, {"Service file globs relative to this file (services/*.yaml)"});
  v.field("terraform", s.terraform, {"Terraform settings (aws, azure)"});
  v.field("cluster", s.cluster, {"The Kubernetes cluster"});
  v.field("storage", s.storage, {"Object storage"});
  v.field("database", s.database, {"PostgreSQL"});
  v.field("namespaces", s.namespaces, {"Kubernetes namespaces"});
  v.field("components", s.components, {"Third-party Helm releases by name"});
  v.field("runtime", s.runtime, {"The runtime component set"});
  v.field("resources", s.resources, {"Default service resources and the services quota"});
  v.field("policy", s.policy, {"Sandbox policy"});
  v.field("secrets", s.secrets, {"Secrets by name: references only, never values"});
  v.field("drift", s.drift, {"Drift detection"});
}

struct Environment {
  Text api_version;
  Text kind;
  Located<Metadata> metadata;
  Located<EnvironmentSpec> spec;
};

inline constexpr std::string_view kApiVersions[] = {"ivcapgen/v1"};
inline constexpr std::string_view kEnvironmentKind[] = {"Environment"};
inline constexpr std::string_view kOverlayKind[] = {"Overlay"};

template <class V>
void describe(V& v, Environment& e) {
  v.field("apiVersion", e.api_version, {"Document version", true, kApiVersions});
  v.field("kind", e.kind, {"Document kind", true, kEnvironmentKind});
  v.field("metadata", e.metadata, {"Name of the environment", true});
  v.field("spec", e.spec, {"The environment", true});
}

struct ServicePatch {
  Text match;
  SourceNode patch;
};

template <class V>
void describe(V& v, ServicePatch& p) {
  v.field("match", p.match, {"Service name glob", true});
  v.field("patch", p.patch, {"Strategic-merge patch applied to matching service documents", true});
}

struct Overlay {
  Text api_version;
  Text kind;
  Located<Metadata> metadata;
  SourceNode spec;
  Located<std::vector<Located<ServicePatch>>> services;
};

template <class V>
void describe(V& v, Overlay& o) {
  v.field("apiVersion", o.api_version, {"Document version", true, kApiVersions});
  v.field("kind", o.kind, {"Document kind", true, kOverlayKind});
  v.field("metadata", o.metadata, {"Name of the overlay", true});
  v.field("spec", o.spec, {"Merged into Environment.spec (strategic merge)"});
  v.field("services", o.services, {"Patches for services, by name glob"});
}

}  // namespace ivcapgen::model
