// ivcapgen's exit handler (SPEC 2.4, seed 001): every WorkflowTemplate ends
// by reporting its outcome to the exit handler component,
// `POST <exit handler>/1/orders/<order id>/exit` with the service id, the
// status and the workflow's name and start time. It is a container
// template, not an http template: an http template runs in Argo's agent pod,
// which carries neither the service's labels (so its NetworkPolicy would
// not let it reach the exit handler) nor a security context ivcapgen
// controls. It needs neither the data proxy nor IVCAP_* (SPEC 2.5). A
// user's own exit handler is composed in front of it as `ivcap-on-exit`.
#include <string>

#include "emit/argo/service_pod.h"
#include "emit/argo/workflow_parts.h"
#include "emit/kubernetes/objects.h"

namespace ivcapgen::emit::workflows {

namespace {

// A plain HTTP client image that runs as a non-root user. Pinned here: the
// runtime image set has no client of the exit handler API.
constexpr std::string_view kReportImage = "curlimages/curl:8.11.1";

std::string report_body(const model::Service& s) {
  // Argo's phases are Succeeded/Failed/Error; the exit handler takes them
  // in lower case. workflow.creationTimestamp is RFC 3339.
  Json body = {{"service", s.id},
               {"status", "{{=sprig.lower(workflow.status)}}"},
               {"workflow", "{{workflow.name}}"},
               {"started-at", "{{workflow.creationTimestamp}}"}};
  return body.dump();
}

}  // namespace

std::string order_id_variable() {
  return "{{workflow.annotations." + std::string(kOrderIdAnnotation) + "}}";
}

Json exit_handler_template(const model::Model& m, const model::Service& s) {
  std::string url = k8s::exit_handler_url(m) + "/1/orders/" + order_id_variable() + "/exit";
  Json container;
  container["image"] = kReportImage;
  container["command"] = Json::array({"curl"});
  container["args"] =
      Json::array({"--silent", "--show-error", "--fail-with-body", "--retry", "4",
                   "--retry-all-errors", "--max-time", "30", "--request", "POST", "--header",
                   "Content-Type: application/json", "--data-raw", report_body(s), url});
  container["resources"] = {{"limits", {{"cpu", "100m"}, {"memory", "64Mi"}}},
                            {"requests", {{"cpu", "10m"}, {"memory", "32Mi"}}}};
  container["securityContext"] = k8s::restricted_container_security_context();
  return {{"name", kExitHandlerTemplate}, {"container", std::move(container)}};
}

Json on_exit_template(const UserExitHandler& user) {
  Json first = user.step;
  // Whatever the user's handler returned, ivcapgen's still runs.
  first["continueOn"] = {{"failed", true}, {"error", true}};
  Json ours = {{"name", kExitHandlerTemplate}, {"template", kExitHandlerTemplate}};
  return {{"name", kOnExitTemplate},
          {"steps", Json::array({Json::array({std::move(first)}), Json::array({ours})})}};
}

}  // namespace ivcapgen::emit::workflows
