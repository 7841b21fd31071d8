#include "gateway/gateway_api.h"

#include <httplib.h>

#include "common/controller_schema.h"
#include "common/http_errors.h"
#include "common/ivcap_urn.h"
#include "gateway/service_document.h"

namespace ivcap::runtime {

namespace {

using nlohmann::json;

void relay(httplib::Response& res, const httplib::Result& upstream, const std::string& what) {
  if (!upstream) {
    return send_error(res, 502, what + " is unreachable: " + httplib::to_string(upstream.error()));
  }
  res.status = upstream->status;
  std::string type = upstream->get_header_value("Content-Type");
  res.set_content(upstream->body, type.empty() ? "application/octet-stream" : type);
  for (const char* h : {"ETag", "X-Artifact-Name", "Location"}) {
    if (upstream->has_header(h)) res.set_header(h, upstream->get_header_value(h));
  }
}

json service_summary(const json& doc) {
  return {{"id", doc.value("id", "")},
          {"name", doc.value("name", "")},
          {"description", doc.value("description", "")},
          {"controller-schema", doc["controller"].value("$schema", "")}};
}

bool check_service_id(const std::string& id, httplib::Response& res) {
  if (is_service_id(id)) return true;
  send_error(res, 400, "malformed service id '" + id + "'; expected urn:ivcap:service:<uuid>",
             "malformed-id");
  return false;
}

// ---- services ------------------------------------------------------------

void register_service(GatewayContext& ctx, const httplib::Request& req, httplib::Response& res,
                      const std::optional<std::string>& path_id) {
  if (path_id && !check_service_id(*path_id, res)) return;
  auto body = parse_json_object(req, res);
  if (!body) return;
  auto doc = normalise_service_document(std::move(*body), ctx.project, path_id);
  if (auto* why = std::get_if<std::string>(&doc)) {
    return send_error(res, 400, "invalid service document: " + *why, "invalid-service");
  }
  const json& service = std::get<json>(doc);
  bool created = ctx.services.upsert(service);
  ctx.log.info(created ? "service created" : "service updated",
               {{"service", service["id"]}, {"name", service["name"]}});
  res.set_header("Location", "/1/services/" + service["id"].get<std::string>());
  send_json(res, created ? 201 : 200, service);
}

// ---- orders --------------------------------------------------------------

void create_order(GatewayContext& ctx, const httplib::Request& req, httplib::Response& res) {
  auto body = parse_json_object(req, res);
  if (!body) return;
  if (!body->contains("service") || !(*body)["service"].is_string()) {
    return send_error(res, 400, "'service' must be a service id");
  }
  const std::string service_id = (*body)["service"].get<std::string>();
  if (!check_service_id(service_id, res)) return;
  json parameters = body->value("parameters", json::array());
  if (!parameters.is_array()) return send_error(res, 400, "'parameters' must be an array");
  auto service = ctx.services.find(service_id);
  if (!service) return send_error(res, 404, "unknown service '" + service_id + "'");

  const std::string order_id = std::string(kOrderUrnPrefix) + new_uuid_v4();
  json dispatch = {{"id", order_id}, {"service", *service}, {"parameters", parameters}};
  auto upstream = ctx.dispatcher.post("/1/orders", dump_json(dispatch), "application/json");
  if (!upstream) {
    return send_error(res, 502,
                      "dispatcher is unreachable: " + httplib::to_string(upstream.error()));
  }
  if (upstream->status != 202) return relay(res, upstream, "dispatcher");
  json record = ctx.orders.add(order_id, service_id, parameters);
  auto accepted = json::parse(upstream->body, nullptr, false);
  record["status"] = "queued";
  if (accepted.is_object() && accepted.contains("provider"))
    record["provider"] = accepted["provider"];
  ctx.log.info("order created", {{"order", order_id}, {"service", service_id}});
  res.set_header("Location", "/1/orders/" + order_id);
  send_json(res, 201, record);
}

void get_order(GatewayContext& ctx, const std::string& id, httplib::Response& res) {
  if (!is_order_id(id)) {
    return send_error(res, 400, "malformed order id '" + id + "'", "malformed-id");
  }
  auto record = ctx.orders.find(id);
  if (!record) return send_error(res, 404, "unknown order '" + id + "'");
  // The exit handler has the final word; the dispatcher knows live progress.
  auto final_state = ctx.exit_handler.get("/1/orders/" + id);
  if (final_state && final_state->status == 200) {
    auto outcome = json::parse(final_state->body, nullptr, false);
    if (outcome.is_object()) {
      for (const char* key : {"status", "results", "message", "log", "exit-code", "started-at",
                              "finished-at", "runtime-seconds"}) {
        if (outcome.contains(key)) (*record)[key] = outcome[key];
      }
      return send_json(res, 200, *record);
    }
  }
  auto live = ctx.dispatcher.get("/1/orders/" + id);
  if (live && live->status == 200) {
    auto state = json::parse(live->body, nullptr, false);
    if (state.is_object()) {
      for (const char* key : {"status", "provider", "tasks", "started-at", "finished-at", "results",
                              "message", "log", "exit-code"}) {
        if (state.contains(key)) (*record)[key] = state[key];
      }
      return send_json(res, 200, *record);
    }
  }
  (*record)["status"] = "unknown";
  send_json(res, 200, *record);
}

// ---- dynamic services ----------------------------------------------------

void proxy_dynamic(GatewayContext& ctx, const httplib::Request& req, httplib::Response& res) {
  std::string root = req.matches[1];
  std::string prefix = ctx.project + "-";
  for (char& c : prefix) {
    if (c == '_') c = '-';
  }
  if (root.rfind(prefix, 0) != 0) {
    return send_error(res, 404, "no route for " + req.method + " " + req.path);
  }
  std::optional<json> service;
  for (auto& candidate : ctx.services.find_by_name(root.substr(prefix.size()))) {
    auto model = parse_controller_schema(candidate["controller"].value("$schema", ""));
    if (model == ControllerModel::Rest || model == ControllerModel::Dynamic) service = candidate;
  }
  if (!service) return send_error(res, 404, "no dynamic service at /" + root);

  auto lease_res = ctx.dispatcher.post("/1/instances", dump_json(json{{"service", *service}}),
                                       "application/json");
  if (!lease_res || lease_res->status != 200) return relay(res, lease_res, "dispatcher");
  auto lease = json::parse(lease_res->body, nullptr, false);
  if (!lease.is_object() || !lease.contains("port") || !lease.contains("lease")) {
    return send_error(res, 502, "dispatcher gave no instance");
  }
  std::string target = req.target.empty() ? req.path : req.target;
  httplib::Client instance("127.0.0.1", lease["port"].get<int>());
  instance.set_connection_timeout(std::chrono::seconds(2));
  instance.set_read_timeout(std::chrono::seconds(60));
  httplib::Headers headers;
  for (const auto& [name, value] : req.headers) {
    // The platform token never reaches a service.
    if (name == "Authorization" || name == "Host" || name == "Content-Length" ||
        name == "Content-Type" || name == "REMOTE_ADDR" || name == "REMOTE_PORT" ||
        name == "LOCAL_ADDR" || name == "LOCAL_PORT") {
      continue;
    }
    headers.emplace(name, value);
  }
  std::string type = req.get_header_value("Content-Type");
  httplib::Result upstream(nullptr, httplib::Error::Unknown);
  if (req.method == "GET")
    upstream = instance.Get(target, headers);
  else if (req.method == "DELETE")
    upstream = instance.Delete(target, headers, req.body, type);
  else if (req.method == "POST")
    upstream = instance.Post(target, headers, req.body, type);
  else if (req.method == "PUT")
    upstream = instance.Put(target, headers, req.body, type);
  else if (req.method == "PATCH")
    upstream = instance.Patch(target, headers, req.body, type);
  ctx.dispatcher.del("/1/leases/" + lease["lease"].get<std::string>());
  relay(res, upstream, "service instance");
}

// ---- app-server sites ----------------------------------------------------

bool serve_app_site(GatewayContext& ctx, const httplib::Request& req, httplib::Response& res) {
  std::string host = req.get_header_value("Host");
  if (auto colon = host.rfind(':'); colon != std::string::npos) host.resize(colon);
  if (host.empty() || host == "127.0.0.1" || host == "localhost") return false;
  std::vector<std::string> candidates = {host};
  std::string suffix = "." + ctx.domain;
  if (host.size() > suffix.size() &&
      host.compare(host.size() - suffix.size(), suffix.size(), suffix) == 0) {
    candidates.push_back(host.substr(0, host.size() - suffix.size()));
  }
  auto service = ctx.services.find_app_by_host(candidates);
  if (!service) return false;
  if (req.method != "GET" && req.method != "HEAD") {
    send_error(res, 405, "app-server sites answer GET and HEAD only");
    return true;
  }
  const json& controller = (*service)["controller"];
  const std::string artifact = controller.value("artifact", "");
  auto site = ctx.sites.find(artifact);
  if (!site) {
    auto upstream = ctx.data_proxy.get("/1/artifacts/" + artifact);
    if (!upstream || upstream->status != 200) {
      send_error(res, 502, "cannot load the site artifact: " + describe_failure(upstream));
      return true;
    }
    site = ctx.sites.add(artifact, std::make_shared<AppSite>(
                                       upstream->body, upstream->get_header_value("Content-Type"),
                                       upstream->get_header_value("X-Artifact-Name")));
  }
  std::optional<std::string> not_found;
  if (controller.contains("404") && controller["404"].is_string()) not_found = controller["404"];
  auto page = site->serve(req.path, not_found);
  if (!page) {
    send_error(res, 404, "no page at " + req.path);
    return true;
  }
  res.status = page->status;
  res.set_content(page->body, page->content_type);
  return true;
}

}  // namespace

void install_gateway_routes(ComponentServer& server, GatewayContext& ctx) {
  auto& http = server.http();
  server.set_pre_auth_router([&ctx](const httplib::Request& req, httplib::Response& res) {
    return serve_app_site(ctx, req, res);
  });

  http.Get("/1/services", [&ctx](const httplib::Request&, httplib::Response& res) {
    json items = json::array();
    for (const auto& doc : ctx.services.list()) items.push_back(service_summary(doc));
    send_json(res, 200, {{"items", items}});
  });
  http.Post("/1/services", [&ctx](const httplib::Request& req, httplib::Response& res) {
    register_service(ctx, req, res, std::nullopt);
  });
  http.Get(R"(/1/services/([^/]+))", [&ctx](const httplib::Request& req, httplib::Response& res) {
    const std::string id = req.matches[1];
    if (!check_service_id(id, res)) return;
    auto doc = ctx.services.find(id);
    if (!doc) return send_error(res, 404, "unknown service '" + id + "'");
    send_json(res, 200, *doc);
  });
  http.Put(R"(/1/services/([^/]+))", [&ctx](const httplib::Request& req, httplib::Response& res) {
    register_service(ctx, req, res, std::string(req.matches[1]));
  });

  http.Post("/1/orders", [&ctx](const httplib::Request& req, httplib::Response& res) {
    create_order(ctx, req, res);
  });
  http.Get("/1/orders", [&ctx](const httplib::Request& req, httplib::Response& res) {
    std::optional<std::string> service;
    if (req.has_param("service")) {
      service = req.get_param_value("service");
      if (!check_service_id(*service, res)) return;
    }
    json items = json::array();
    for (auto& o : ctx.orders.list(service, 1000)) items.push_back(o);
    send_json(res, 200, {{"items", items}});
  });
  http.Get(R"(/1/orders/([^/]+))", [&ctx](const httplib::Request& req, httplib::Response& res) {
    get_order(ctx, req.matches[1], res);
  });

  http.Post("/1/artifacts", [&ctx](const httplib::Request& req, httplib::Response& res) {
    httplib::Headers headers;
    std::string name = req.has_param("name") ? req.get_param_value("name")
                                             : req.get_header_value("X-Artifact-Name");
    if (!name.empty()) headers.emplace("X-Artifact-Name", name);
    std::string type = req.get_header_value("Content-Type");
    relay(res,
          ctx.data_proxy.post("/1/artifacts", req.body,
                              type.empty() ? "application/octet-stream" : type, headers),
          "data proxy");
  });
  http.Get(R"(/1/artifacts/([^/]+)/metadata)",
           [&ctx](const httplib::Request& req, httplib::Response& res) {
             const std::string id = req.matches[1];
             if (!artifact_digest(id))
               return send_error(res, 400, "malformed artifact id '" + id + "'", "malformed-id");
             relay(res, ctx.data_proxy.get("/1/artifacts/" + id + "/metadata"), "data proxy");
           });
  http.Get(R"(/1/artifacts/(.*))", [&ctx](const httplib::Request& req, httplib::Response& res) {
    const std::string id = req.matches[1];
    if (!artifact_digest(id)) {
      return send_error(res, 400,
                        "malformed artifact id '" + id + "'; expected urn:ivcap:artifact:<sha256>",
                        "malformed-id");
    }
    relay(res, ctx.data_proxy.get("/1/artifacts/" + id), "data proxy");
  });

  auto dynamic = [&ctx](const httplib::Request& req, httplib::Response& res) {
    proxy_dynamic(ctx, req, res);
  };
  const std::string pattern = R"(/([a-z][a-z0-9-]*)(/.*)?)";
  http.Get(pattern, dynamic);
  http.Post(pattern, dynamic);
  http.Put(pattern, dynamic);
  http.Patch(pattern, dynamic);
  http.Delete(pattern, dynamic);
}

}  // namespace ivcap::runtime
