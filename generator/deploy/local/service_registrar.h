#pragma once
// Wave 6 of the local provider: the catalog documents of a build registered
// with the local gateway (`PUT /1/services/{id}`, idempotent by id), and
// looked up again (`GET /1/services/{id}`) to notice drift. The token travels
// only in the Authorization header and never appears in a message.
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "deploy/local/loopback_http.h"

namespace ivcapgen::deploy::local {

struct CatalogDocument {
  std::string name;  // the service name
  std::string id;    // urn:ivcap:service:<uuid>
  std::string file;  // "catalog/<name>.json"
  std::string body;  // the exact bytes of the build
  std::string hash;  // sha256 of body
};

// The catalog/*.json files of a build, sorted by file; nullopt with `error`
// when one is not a service document with a name and an id.
std::optional<std::vector<CatalogDocument>> catalog_documents(
    const std::vector<std::pair<std::string, std::string>>& files, std::string& error);

// sha256 of a JSON document with its object keys sorted: the same document
// hashes the same however a server ordered its keys.
std::string canonical_json_hash(const std::string& json_text);

struct RegistrationResult {
  bool ok = false;
  bool created = false;     // 201 rather than 200
  std::string stored_hash;  // canonical hash of the stored document the gateway returned
  std::string error;        // "400 invalid-service: name ..." or a connection problem
};

enum class LookupState { Registered, NotRegistered, Unreachable };

struct LookupResult {
  LookupState state = LookupState::Unreachable;
  std::string stored_hash;
  std::string error;
};

class ServiceRegistrar {
 public:
  // `gateway` is the gateway's base URL (http://127.0.0.1:8180).
  ServiceRegistrar(const std::string& gateway, std::string token);

  RegistrationResult put(const CatalogDocument& doc) const;
  LookupResult get(const std::string& id) const;

 private:
  HttpRequest request(std::string method, std::string target) const;
  LoopbackUrl gateway_;
  std::string token_;
};

// "400 invalid-service: description is empty" from an error response.
std::string describe_error_response(const HttpResponse& response);

}  // namespace ivcapgen::deploy::local
