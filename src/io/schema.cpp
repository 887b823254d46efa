#include "narcosim/io/schema.hpp"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "narcosim/model/policy.hpp"

namespace narcosim::io {

using nlohmann::json;

std::string scenario_schema_json(const World& world, const ParameterRegistry& registry) {
  json parameters = {
      {"type", "object"}, {"additionalProperties", false}, {"properties", json::object()}};
  for (const auto& spec : registry.specs()) {
    parameters["properties"][spec.name] = {
        {"type", "number"},
        {"minimum", spec.min_value},
        {"maximum", spec.max_value},
        {"default", spec.default_value},
        {"description",
         fmt::format("{} [{}]. Source: {}", spec.description, spec.unit, spec.source)}};
  }
  std::vector<std::string> places;
  for (const auto& node : world.nodes) places.push_back(node.id);
  for (const auto& group : world.group_names()) places.push_back(group);
  const json date = {{"type", "string"}, {"pattern", "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"}};
  json policy_variants = json::array();
  for (const auto& type : policy_types()) {
    if (!type.implemented) continue;
    json properties = {
        {"type", {{"const", type.name}}},
        {"countries", {{"type", "array"}, {"items", {{"enum", places}}}}},
        {"substances", {{"type", "array"}, {"items", {{"enum", world.substance_ids()}}}}},
        {"start", date},
        {"end", date}};
    for (const auto& field : type.fields) {
      properties[field.name] = {
          {"type", "number"},
          {"minimum", field.min_value},
          {"maximum", field.max_value},
          {"default", field.default_value},
          {"description", fmt::format("{} [{}]", field.description, field.unit)}};
    }
    policy_variants.push_back({{"type", "object"},
                               {"description", type.summary + ": " + type.mechanism},
                               {"additionalProperties", false},
                               {"required", {"type", "countries", "start"}},
                               {"properties", properties}});
  }
  json schema = {
      {"$schema", "https://json-schema.org/draft/2020-12/schema"},
      {"title", "narcosim scenario"},
      {"type", "object"},
      {"additionalProperties", false},
      {"required", {"name", "start", "end"}},
      {"properties",
       {{"name", {{"type", "string"}}},
        {"description", {{"type", "string"}}},
        {"start", date},
        {"end", date},
        {"step_days", {{"type", "integer"}, {"minimum", 1}, {"maximum", 366}, {"default", 7}}},
        {"seed", {{"type", "integer"}, {"minimum", 0}, {"default", 1}}},
        {"scale",
         {{"type", "number"},
          {"exclusiveMinimum", 0},
          {"maximum", 1},
          {"default", 0.01},
          {"description", "agents per real person"}}},
        {"parameters", parameters},
        {"policies", {{"type", "array"}, {"items", {{"oneOf", policy_variants}}}}}}}};
  return schema.dump(2);
}

std::string parameter_table_markdown(const ParameterRegistry& registry) {
  std::string out = "| parameter | unit | default | range | description | source |\n";
  out += "| --- | --- | --- | --- | --- | --- |\n";
  for (const auto& s : registry.specs()) {
    out += fmt::format("| `{}` | {} | {} | {} – {} | {} | {} |\n", s.name, s.unit, s.default_value,
                       s.min_value, s.max_value, s.description, s.source);
  }
  return out;
}

std::string policy_listing(const World& world) {
  std::string out;
  for (const auto& type : policy_types()) {
    out += fmt::format("{}{}\n  {}\n", type.name, type.implemented ? "" : "  (not built yet)",
                       type.summary);
    if (!type.implemented) continue;
    out += fmt::format("  mechanism: {}\n", type.mechanism);
    out += fmt::format("  places: {}\n", type.corridors_allowed ? "countries, corridors or groups"
                                                                : "countries or groups");
    for (const auto& f : type.fields) {
      out += fmt::format("  {:<22} {:<14} default {:<8} range [{}, {}]  {}\n", f.name, f.unit,
                         f.default_value, f.min_value, f.max_value, f.description);
    }
  }
  out += fmt::format("\nGroups: {}\n", fmt::join(world.group_names(), ", "));
  return out;
}

}  // namespace narcosim::io
