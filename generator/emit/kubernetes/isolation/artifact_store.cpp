#include "emit/kubernetes/isolation/artifact_store.h"

#include "emit/kubernetes/objects.h"
#include "output/yaml_writer.h"
#include "support/digest.h"

namespace ivcapgen::emit::k8s {

namespace {

constexpr int kMinioPort = 9000;

bool uses_minio(const model::Model& m) {
  const auto& components = m.env().components.value;
  auto minio = components.find("minio");
  bool enabled = minio != components.end() && *minio->second->enabled;
  return *m.env().provider == "local" || enabled;
}

std::string environment_object_name(const model::Model& m) {
  return model::project_object_name(*m.env().project) + "-" + m.name();
}

}  // namespace

std::string azure_storage_account_name(const model::Model& m) {
  std::string name = environment_object_name(m);
  std::string alnum;
  for (char c : name) {
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) alnum += c;
  }
  return alnum.substr(0, 18) + support::sha256_hex(name).substr(0, 6);
}

ArtifactStore artifact_store(const model::Model& m) {
  const auto& configured = m.env().storage->artifacts->bucket;
  ArtifactStore store;
  store.bucket = configured->empty() ? environment_object_name(m) + "-artifacts" : *configured;
  if (uses_minio(m)) {
    store.kind = ArtifactStoreKind::Minio;
    store.endpoint = "minio." + component_namespace(m, "minio") +
                     ".svc.cluster.local:" + std::to_string(kMinioPort);
  } else if (*m.env().provider == "aws") {
    store.kind = ArtifactStoreKind::S3;
    store.endpoint = "s3.amazonaws.com";
    store.region = *m.env().region;
  } else {
    store.kind = ArtifactStoreKind::AzureBlob;
    store.endpoint = "https://" + azure_storage_account_name(m) + ".blob.core.windows.net";
  }
  return store;
}

Json artifact_store_config(const ArtifactStore& store) {
  switch (store.kind) {
    case ArtifactStoreKind::Minio:
      return {{"type", "s3"},
              {"endpoint", store.endpoint},
              {"bucket", store.bucket},
              {"insecure", true},
              {"credentials", "environment"}};
    case ArtifactStoreKind::S3:
      return {{"type", "s3"},
              {"endpoint", store.endpoint},
              {"region", store.region},
              {"bucket", store.bucket},
              {"credentials", "workload-identity"}};
    case ArtifactStoreKind::AzureBlob:
      return {{"type", "azure-blob"},
              {"endpoint", store.endpoint},
              {"container", store.bucket},
              {"credentials", "workload-identity"}};
  }
  return nullptr;
}

// Argo's ArtifactRepository (3.6) for the store. Credentials are always
// Secret references (SPEC 2.4): Argo's executor reads the one Secret the
// workflow service account may get, and service containers never see them.
// Workload identity (useSDKCreds) is not used for this: its token would be
// injected into every container of the pod, the service's included.
Json argo_artifact_repository(const ArtifactStore& store) {
  auto secret = [](std::string_view key) {
    return Json{{"name", kArtifactRepositorySecret}, {"key", key}};
  };
  Json repository;
  repository["archiveLogs"] = true;
  switch (store.kind) {
    case ArtifactStoreKind::Minio:
      repository["s3"] = {{"endpoint", store.endpoint},
                          {"bucket", store.bucket},
                          {"insecure", true},
                          {"accessKeySecret", secret(kArtifactRepositoryAccessKey)},
                          {"secretKeySecret", secret(kArtifactRepositorySecretKey)}};
      break;
    case ArtifactStoreKind::S3:
      repository["s3"] = {{"endpoint", store.endpoint},
                          {"region", store.region},
                          {"bucket", store.bucket},
                          {"accessKeySecret", secret(kArtifactRepositoryAccessKey)},
                          {"secretKeySecret", secret(kArtifactRepositorySecretKey)}};
      break;
    case ArtifactStoreKind::AzureBlob:
      repository["azure"] = {{"endpoint", store.endpoint},
                             {"container", store.bucket},
                             {"accountKeySecret", secret(kArtifactRepositoryAccountKey)}};
      break;
  }
  return repository;
}

Json artifact_repositories_config_map(const model::Model& m) {
  // The Secret `ivcap-artifact-repository` (keys accesskey/secretkey for
  // MinIO and S3, accountkey for Azure Blob) is never emitted: secrets are
  // references. The operator commits it as a SealedSecret (sealed-secrets
  // runs in the platform namespace) or has kubernetes-replicator copy it.
  Json cm = object("v1", "ConfigMap", "artifact-repositories", *m.env().namespaces->services,
                   standard_labels(m, "artifact-repositories", "artifact-repository"),
                   {{"workflows.argoproj.io/default-artifact-repository", "default-v1"}});
  cm["data"] = {{"default-v1", output::to_yaml(argo_artifact_repository(artifact_store(m)))}};
  return cm;
}

}  // namespace ivcapgen::emit::k8s
