// PostgreSQL in the cluster, for environments without a managed database
// (`local` by default). The password comes from an existing Secret: the
// k8s-secret:// reference of spec.secrets[database.passwordSecret] when it
// names one in the release's namespace, else ivcap-postgresql.
#include <optional>

#include "emit/helm/chart_values.h"

namespace ivcapgen::emit::helm {

namespace {

// The database and user the platform uses; the managed databases of the
// Terraform modules create the same database name.
constexpr std::string_view kDatabaseName = "ivcap";
constexpr std::string_view kDatabaseUser = "ivcap";
constexpr std::string_view kDefaultPasswordSecret = "ivcap-postgresql";

struct SecretKeyRef {
  std::string name;
  std::string key;
};

// k8s-secret://NAMESPACE/NAME/KEY in `namespace_`, if the reference is one.
std::optional<SecretKeyRef> kubernetes_secret_ref(std::string_view ref,
                                                  std::string_view namespace_) {
  constexpr std::string_view kScheme = "k8s-secret://";
  if (!ref.starts_with(kScheme)) return std::nullopt;
  ref.remove_prefix(kScheme.size());
  size_t a = ref.find('/');
  size_t b = a == std::string_view::npos ? a : ref.find('/', a + 1);
  if (b == std::string_view::npos || ref.find('/', b + 1) != std::string_view::npos) {
    return std::nullopt;
  }
  if (ref.substr(0, a) != namespace_) return std::nullopt;
  SecretKeyRef out{std::string(ref.substr(a + 1, b - a - 1)), std::string(ref.substr(b + 1))};
  if (out.name.empty() || out.key.empty()) return std::nullopt;
  return out;
}

Json auth_values(const ChartContext& ctx) {
  const auto& env = ctx.model.env();
  Json auth;
  auth["enablePostgresUser"] = true;
  auth["username"] = kDatabaseUser;
  auth["database"] = kDatabaseName;
  const auto& secrets = env.secrets.value;
  auto it = secrets.find(env.database->password_secret.value);
  std::optional<SecretKeyRef> ref;
  if (it != secrets.end()) ref = kubernetes_secret_ref(*it->second->ref, ctx.release_namespace);
  if (ref) {
    auth["existingSecret"] = ref->name;
    auth["secretKeys"] = {{"adminPasswordKey", ref->key}, {"userPasswordKey", ref->key}};
  } else {
    // The chart's default keys: postgres-password and password.
    auth["existingSecret"] = kDefaultPasswordSecret;
  }
  return auth;
}

}  // namespace

Json postgresql_values(const ChartContext& ctx) {
  const auto& database = ctx.model.env().database.value;
  Json v;
  // Bitnami moved its free Debian images to bitnamilegacy; the chart then
  // needs to be told that another repository is intended.
  v["global"] = {{"security", {{"allowInsecureImages", true}}}};
  v["fullnameOverride"] = "postgresql";
  v["commonLabels"] = environment_labels(ctx.model);
  v["image"] = {{"repository", "bitnamilegacy/postgresql"}};
  v["auth"] = auth_values(ctx);
  v["architecture"] = "standalone";
  Json primary;
  primary["resources"] = chart_resources("100m", "256Mi", "1Gi");
  primary["persistence"] = {{"enabled", true},
                            {"size", std::to_string(*database.storage_gi) + "Gi"}};
  v["primary"] = std::move(primary);
  return v;
}

}  // namespace ivcapgen::emit::helm
