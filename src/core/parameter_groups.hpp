#pragma once
// Parameter declarations are split by mechanism; parameter_declarations() appends them in
// this order, which is the order of `narcosim parameters` and docs/parameters.md.
#include <vector>

#include "narcosim/core/parameters.hpp"

namespace narcosim {

void append_legal_supply_parameters(std::vector<ParameterDeclaration>& t);
void append_justice_parameters(std::vector<ParameterDeclaration>& t);
void append_violence_parameters(std::vector<ParameterDeclaration>& t);
void append_public_money_parameters(std::vector<ParameterDeclaration>& t);

}  // namespace narcosim
