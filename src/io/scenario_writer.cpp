#include "narcosim/io/scenario_writer.hpp"

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include "narcosim/model/policy.hpp"

namespace narcosim::io {

namespace {

// Shortest text that reads back as the same double.
std::string exact(double value) {
  return fmt::format("{}", value);
}

}  // namespace

std::string scenario_to_yaml(const Scenario& scenario, const World& world) {
  YAML::Emitter out;
  out << YAML::BeginMap;
  out << YAML::Key << "name" << YAML::Value << YAML::DoubleQuoted << scenario.name;
  if (!scenario.description.empty()) {
    out << YAML::Key << "description" << YAML::Value << YAML::DoubleQuoted << scenario.description;
  }
  out << YAML::Key << "start" << YAML::Value << format_iso_date(scenario.start);
  out << YAML::Key << "end" << YAML::Value << format_iso_date(scenario.end);
  out << YAML::Key << "step_days" << YAML::Value << scenario.step_days;
  out << YAML::Key << "seed" << YAML::Value << scenario.seed;
  out << YAML::Key << "scale" << YAML::Value << exact(scenario.scale);
  if (!scenario.parameters.empty()) {
    out << YAML::Key << "parameters" << YAML::Value << YAML::BeginMap;
    for (const auto& [name, value] : scenario.parameters) {
      out << YAML::Key << name << YAML::Value << exact(value);
    }
    out << YAML::EndMap;
  }
  if (!scenario.policies.empty()) {
    out << YAML::Key << "policies" << YAML::Value << YAML::BeginSeq;
    for (const auto& policy : scenario.policies) {
      const auto* type = find_policy_type(policy.type);
      out << YAML::BeginMap;
      if (!policy.id.empty()) out << YAML::Key << "id" << YAML::Value << policy.id;
      out << YAML::Key << "type" << YAML::Value << policy.type;
      out << YAML::Key << "countries" << YAML::Value << YAML::Flow << policy.places;
      if (!policy.substances.empty()) {
        out << YAML::Key << "substances" << YAML::Value << YAML::Flow << YAML::BeginSeq;
        for (const auto s : policy.substances) out << world.substances[s].id;
        out << YAML::EndSeq;
      }
      out << YAML::Key << "start" << YAML::Value << format_iso_date(policy.start);
      if (policy.end) out << YAML::Key << "end" << YAML::Value << format_iso_date(*policy.end);
      for (const auto& field : type->fields) {
        const double value = policy.fields.at(field.name);
        out << YAML::Key << field.name << YAML::Value;
        if (field.is_choice()) {
          out << field.choices[size_t(value)];
        } else {
          out << exact(value);
        }
      }
      out << YAML::EndMap;
    }
    out << YAML::EndSeq;
  }
  out << YAML::EndMap;
  return std::string(out.c_str()) + "\n";
}

}  // namespace narcosim::io
