#pragma once
// An IVCAP service description (SPEC 2.3, seeds 000 and 002) as written, and
// its controller, selected by the controller's `$schema`.
#include <map>
#include <string>
#include <vector>

#include "model/common.h"
#include "spec/node.h"

namespace ivcapgen::model {

using spec::SourceNode;

inline constexpr std::string_view kParameterTypes[] = {"string",   "int",        "float", "bool",
                                                       "artifact", "collection", "option"};

struct ParameterOption {
  Text value;
  Text description;
};

template <class V>
void describe(V& v, ParameterOption& o) {
  v.field("value", o.value, {"The option's value", true});
  v.field("description", o.description, {"What the option means"});
}

// A parameter default or constant: any scalar, kept as written.
struct ScalarValue {
  std::string text;
  bool is_string = true;  // false for plain numbers and booleans
};

struct Parameter {
  Text name;
  Text label;
  Text type = std::string("string");
  Text description;
  Text unit;
  Located<ScalarValue> default_value;
  Flag optional = false;
  Flag constant = false;
  Located<std::vector<Located<ParameterOption>>> options;
};

template <class V>
void describe(V& v, Parameter& p) {
  v.field("name", p.name, {"Parameter name, unique in the service", true});
  v.field("label", p.label, {"Short human label"});
  v.field("type", p.type, {"Parameter type", false, kParameterTypes});
  v.field("description", p.description, {"What the parameter does"});
  v.field("unit", p.unit, {"Unit of a numeric parameter"});
  v.field("default", p.default_value, {"Default value (makes the parameter optional)"});
  v.field("optional", p.optional, {"May be left out"});
  v.field("constant", p.constant, {"Fixed value the user cannot change"});
  v.field("options", p.options, {"Allowed values of an `option` parameter"});
}

// cpu: {request, limit} as in IVCAP's basic controller.
struct ResourcePair {
  Text request;
  Text limit;
};

template <class V>
void describe(V& v, ResourcePair& r) {
  v.field("request", r.request, {"Kubernetes quantity reserved"});
  v.field("limit", r.limit, {"Kubernetes quantity allowed"});
}

// How the local provider runs the service instead of the image's command.
struct LocalRun {
  TextList command;
  TextMap env;
};

template <class V>
void describe(V& v, LocalRun& l) {
  v.field("command", l.command, {"argv run by the local dispatcher instead of the image", true});
  v.field("env", l.env, {"Extra environment for local runs (IVCAP_* are set by the dispatcher)"});
}

// Resources and scheduling shared by the container-based controllers.
struct ContainerResources {
  Located<ResourcePair> cpu;
  Located<ResourcePair> memory;
  Located<ResourcePair> ephemeral_storage;
  Located<ResourceRequirements> resources;
  Text gpu_type;
  Int gpu_number = 0;
  Text shared_memory;
};

template <class V>
void describe_resources(V& v, ContainerResources& r) {
  v.field("cpu", r.cpu, {"CPU {request, limit}"});
  v.field("memory", r.memory, {"Memory {request, limit}"});
  v.field("ephemeral-storage", r.ephemeral_storage, {"Scratch disk {request, limit}"});
  v.field("resources", r.resources, {"Kubernetes-style {requests, limits} (alternative form)"});
  v.field("gpu-type", r.gpu_type, {"GPU type; a node pool with this GPU must exist"});
  v.field("gpu-number", r.gpu_number, {"GPUs per pod"});
  v.field("shared-memory", r.shared_memory, {"Size of /dev/shm (an in-memory emptyDir)"});
}

struct BasicController {
  Text image;
  TextList command;
  TextList args;
  TextMap env;
  ContainerResources res;
  Text image_pull_policy;
  Located<LocalRun> local;
};

inline constexpr std::string_view kImagePullPolicies[] = {"Always", "IfNotPresent", "Never"};

template <class V>
void describe(V& v, BasicController& c) {
  v.field("image", c.image, {"Container image", true});
  v.field("command", c.command, {"Container command (argv)"});
  v.field("args", c.args, {"Container arguments"});
  v.field("env", c.env, {"Environment variables"});
  describe_resources(v, c.res);
  v.field("image-pull-policy", c.image_pull_policy,
          {"Image pull policy", false, kImagePullPolicies});
  v.field("local", c.local, {"How the local provider runs this service"});
}

// Local commands for the container templates of an Argo service (the local
// provider runs each task as a process instead of its image).
struct LocalArgoRun {
  Located<std::map<std::string, Located<LocalRun>>> templates;
};

template <class V>
void describe(V& v, LocalArgoRun& l) {
  v.field("templates", l.templates, {"Per template name: the argv run locally", true});
}

// Argo workflow services keep their templates as written; they are checked
// strictly against Argo 3.6's field table and emitted typed by it.
struct ArgoController {
  Text entrypoint;
  Located<std::vector<SourceNode>> templates;
  SourceNode arguments, on_exit, hooks, volumes, volume_claim_templates, template_defaults, pod_gc,
      ttl_strategy, retry_strategy, parallelism, active_deadline_seconds;
  SourceNode workflow;  // the SDK form: a whole Argo Workflow
  Located<LocalArgoRun> local;
  // From the SDK form's metadata: kept on the WorkflowTemplate (ours win).
  SourceNode workflow_labels, workflow_annotations;
  // SDK-form spec fields a service may not carry; validation reports them.
  SourceNode rejected_workflow_fields;
};

template <class V>
void describe(V& v, ArgoController& c) {
  v.field("entrypoint", c.entrypoint, {"Template the workflow starts with"});
  v.field("templates", c.templates, {"Argo templates (DAG and steps allowed)"});
  v.field("arguments", c.arguments, {"Workflow arguments (service parameters are added)"});
  v.field("onExit", c.on_exit, {"Template run on exit, before ivcapgen's exit handler"});
  v.field("hooks", c.hooks, {"Workflow lifecycle hooks"});
  v.field("volumes", c.volumes, {"Workflow volumes"});
  v.field("volumeClaimTemplates", c.volume_claim_templates, {"Workflow volume claims"});
  v.field("templateDefaults", c.template_defaults, {"Defaults for every template"});
  v.field("parallelism", c.parallelism, {"Maximum parallel pods"});
  v.field("activeDeadlineSeconds", c.active_deadline_seconds, {"Workflow deadline"});
  v.field("podGC", c.pod_gc, {"Pod garbage collection"});
  v.field("ttlStrategy", c.ttl_strategy, {"Workflow time to live"});
  v.field("retryStrategy", c.retry_strategy, {"Workflow retry strategy"});
  v.field("workflow", c.workflow, {"IVCAP SDK form: a whole Argo Workflow"});
  v.field("local", c.local, {"How the local provider runs the templates"});
}

struct AppServerController {
  Text host;
  Text artifact;
  Text not_found;
};

template <class V>
void describe(V& v, AppServerController& c) {
  v.field("host", c.host, {"Host name, or a single label that gets .<domain> appended", true});
  v.field("artifact", c.artifact, {"Artifact URN holding the site", true});
  v.field("404", c.not_found, {"Page served when a path is not found"});
}

struct Replicas {
  Int min = 1;
  Int max = 1;
};

template <class V>
void describe(V& v, Replicas& r) {
  v.field("min", r.min, {"Minimum replicas"});
  v.field("max", r.max, {"Maximum replicas (an HPA is added when max > min >= 1)"});
}

struct RestController {
  Text image;
  TextList command;
  TextList args;
  TextMap env;
  ContainerResources res;
  Text image_pull_policy;
  Int port = 8090;
  Text ready_url = std::string("/_healtz");
  Located<Replicas> replicas;
  Flag scale_to_zero = false;
  Text idle_timeout = std::string("15m");
  Located<LocalRun> local;
};

template <class V>
void describe(V& v, RestController& c) {
  v.field("image", c.image, {"Container image", true});
  v.field("command", c.command, {"Container command (argv)"});
  v.field("args", c.args, {"Container arguments"});
  v.field("env", c.env, {"Environment variables"});
  describe_resources(v, c.res);
  v.field("image-pull-policy", c.image_pull_policy,
          {"Image pull policy", false, kImagePullPolicies});
  v.field("port", c.port, {"Port the service listens on"});
  v.field("ready-url", c.ready_url, {"Readiness path, relative to CONTEXT_ROOT"});
  v.field("replicas", c.replicas, {"Replica range"});
  v.field("scale-to-zero", c.scale_to_zero,
          {"Stop when idle; the dispatcher starts it on request"});
  v.field("idle-timeout", c.idle_timeout, {"Idle time before scaling to zero, e.g. 15m"});
  v.field("local", c.local, {"How the local provider runs this service"});
}

struct ServiceProxyController {
  Text url;
};

template <class V>
void describe(V& v, ServiceProxyController& c) {
  v.field("url", c.url, {"URL the proxy forwards to"});
}

enum class ControllerModel {
  Unknown,
  Basic,
  Batch,
  ArgoWf,
  Argo,
  AppServer,
  Rest,
  Dynamic,
  ServiceProxy
};

// The controller, selected by its `$schema` (either URN spelling).
struct Controller {
  Text schema;  // as written
  ControllerModel model = ControllerModel::Unknown;
  BasicController basic;         // basic, batch
  ArgoController argo;           // argo-wf, argo
  AppServerController app;       // app-server
  RestController rest;           // rest, dynamic
  ServiceProxyController proxy;  // service-proxy
};

// Legacy service.1: `workflow: {type: basic, basic: {...}}`.
struct LegacyWorkflow {
  Text type;
  Located<BasicController> basic;
  SourceNode argo;
};

inline constexpr std::string_view kLegacyWorkflowTypes[] = {"basic", "argo"};

template <class V>
void describe(V& v, LegacyWorkflow& w) {
  v.field("type", w.type, {"Workflow type", true, kLegacyWorkflowTypes});
  v.field("basic", w.basic, {"The basic (one container) workflow"});
  v.field("argo", w.argo, {"An Argo workflow"});
}

struct ServiceSpec {
  Text schema;
  Text id;
  Text dollar_id;
  Text name;
  Text description;
  Located<std::vector<Located<Parameter>>> parameters;
  Text policy;
  Located<Controller> controller;
  SourceNode contact;
  Text license;
  TextList tags;
  Text controller_schema;
  TextList egress;
  Located<LegacyWorkflow> workflow;
};

template <class V>
void describe(V& v, ServiceSpec& s) {
  v.field("$schema", s.schema,
          {"urn:ivcap:schema:service.2 (or the SDK form schema.service.2)", true});
  v.field("id", s.id, {"urn:ivcap:service:<uuid> (derived from project and name when absent)"});
  v.field("$id", s.dollar_id, {"Same as id"});
  v.field("name", s.name, {"Service name: lowercase letters, digits and '-'", true});
  v.field("description", s.description,
          {"What, why, how (and how not): at least 40 characters", true});
  v.field("parameters", s.parameters, {"Service parameters (become workflow arguments)"});
  v.field("policy", s.policy, {"Access policy URN"});
  v.field("controller", s.controller, {"How the service runs, selected by its $schema"});
  v.field("contact", s.contact, {"Who to contact"});
  v.field("license", s.license, {"License of the service"});
  v.field("tags", s.tags, {"Free-form tags"});
  v.field("controller-schema", s.controller_schema, {"Legacy: the controller schema"});
  v.field("egress", s.egress, {"Hosts the service needs to reach (allowed by the environment)"});
  v.field("workflow", s.workflow, {"Legacy service.1 workflow (migrated to a controller)"});
}

}  // namespace ivcapgen::model
