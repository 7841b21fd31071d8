#pragma once
// The build output as the deploy stages see it: the Kubernetes objects of
// each wave (parsed back from the YAML files the build wrote), the Helm
// releases in install order with their values, the catalog documents, and a
// digest of the Terraform root module. Read from an OutputTree, so what is
// planned and applied is exactly what `build` writes; no I/O.
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "output/output_tree.h"
#include "tools/tool_result.h"

namespace ivcapgen::deploy {

using Json = nlohmann::ordered_json;

struct DesiredObject {
  Json object;       // as emitted
  std::string file;  // "k8s/10-runtime.yaml"
  int wave = 0;
  std::string api_version, kind, ns, name;
  std::string hash;  // sha256 of the object's JSON

  // "apps" for apps/v1, "" for v1.
  std::string group() const;
  // The state inventory key: k8s/<apiVersion>/<Kind>/<namespace>/<name>.
  std::string key() const;
  // "Deployment ivcap-system/gateway", "Namespace ivcap-services".
  std::string address() const;
};

struct DesiredRelease {
  std::string name, chart, repo, version, ns;
  std::string values_file;  // relative to the build root: helm/<release>.values.yaml
  std::vector<std::string> depends_on;
  int order = 0;
  int wave = 0;
  Json values = Json::object();
  std::string hash;  // of chart, repo, version and the values file

  std::string key() const;      // helm/<namespace>/<release>
  std::string address() const;  // release <namespace>/<release>
};

struct DesiredService {
  std::string name, id;
  std::string file;      // catalog/<name>.json
  std::string document;  // the bytes to PUT
  int wave = 0;
  std::string hash;

  std::string key() const;      // service/<id>
  std::string address() const;  // service <name>
};

struct DesiredState {
  std::string environment;
  std::string manifest_sha256;
  std::vector<DesiredObject> objects;        // wave, then file, then position in the file
  std::vector<DesiredRelease> releases;      // install order
  std::vector<DesiredService> services;      // by name
  std::vector<std::string> terraform_files;  // below terraform/, sorted
  std::string terraform_digest;              // sha256 over their paths and hashes; "" without

  bool has_terraform() const { return !terraform_files.empty(); }
  std::vector<const DesiredObject*> objects_in_wave(int wave) const;
  // The Kubernetes files of a wave, sorted (what `kubectl apply -f` is given).
  std::vector<std::string> files_in_wave(int wave) const;
};

tools::ToolResult<DesiredState> read_desired_state(const output::OutputTree& tree);

// sha256 of a JSON value's compact text.
std::string json_hash(const Json& value);

// The kubectl resource argument of a kind: "deployment.apps", "configmap",
// "workflowtemplate.argoproj.io".
std::string kubectl_resource(std::string_view api_version, std::string_view kind);
// The API group of an apiVersion: "apps" for apps/v1, "" for v1.
std::string api_group(std::string_view api_version);

}  // namespace ivcapgen::deploy
