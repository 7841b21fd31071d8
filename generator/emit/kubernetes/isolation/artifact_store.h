#pragma once
// Where the environment keeps artifacts: MinIO in the cluster (local, or
// whenever the minio component is enabled), the S3 bucket (aws) or the Blob
// container (azure). Argo's artifact repository (services namespace) and
// the runtime component that owns storage (data proxy or gateway) both
// describe the same store, so it is worked out once, here.
#include <nlohmann/json.hpp>
#include <string>

#include "model/model.h"

namespace ivcapgen::emit::k8s {

using Json = nlohmann::ordered_json;

enum class ArtifactStoreKind { Minio, S3, AzureBlob };

struct ArtifactStore {
  ArtifactStoreKind kind = ArtifactStoreKind::Minio;
  std::string bucket;    // S3/MinIO bucket, or the Blob container
  std::string endpoint;  // host:port (MinIO), s3.amazonaws.com, https://<account>.blob...
  std::string region;    // S3 only
};

ArtifactStore artifact_store(const model::Model& m);

// The Blob storage account Terraform creates for an environment: the same
// expression as the Azure root module (modules/README.md), so that the
// name is known at build time: 18 alphanumerics of <project>-<env>, then
// 6 hex digits of its sha256.
std::string azure_storage_account_name(const model::Model& m);

// MinIO's credentials Secret (created by the MinIO chart in its namespace)
// and its keys: what the store owner in the platform namespace reads.
inline constexpr std::string_view kMinioCredentialsSecret = "minio";
inline constexpr std::string_view kMinioAccessKeyKey = "rootUser";
inline constexpr std::string_view kMinioSecretKeyKey = "rootPassword";

// The store as the runtime components' configuration describes it.
Json artifact_store_config(const ArtifactStore& store);

// The keys of the Secret `ivcap-artifact-repository` (kArtifactRepositorySecret)
// that Argo's executor reads: S3/MinIO access keys, or the Blob account key.
inline constexpr std::string_view kArtifactRepositoryAccessKey = "accesskey";
inline constexpr std::string_view kArtifactRepositorySecretKey = "secretkey";
inline constexpr std::string_view kArtifactRepositoryAccountKey = "accountkey";

// Argo's ArtifactRepository for the store (the services namespace's
// default, and the controller-wide one of the Helm values), credentials as
// references to that Secret.
Json argo_artifact_repository(const ArtifactStore& store);

// The `artifact-repositories` ConfigMap of the services namespace (Argo's
// namespace default repository, key default-v1).
Json artifact_repositories_config_map(const model::Model& m);

}  // namespace ivcapgen::emit::k8s
