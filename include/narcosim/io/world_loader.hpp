#pragma once
// Loads and checks the world data in data/: a broken file is an InputError naming the file,
// line and column, never a crash.
#include <string>

#include "narcosim/model/world.hpp"

namespace narcosim::io {

World load_world(const std::string& data_dir);

// The directory holding the world data: $NARCOSIM_DATA_DIR, else the compiled-in default.
std::string default_data_dir();

}  // namespace narcosim::io
