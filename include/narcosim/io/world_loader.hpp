#pragma once
// Loads and checks the world data in data/: a broken file is an InputError naming the file,
// line and column, never a crash.
#include <string>

#include "narcosim/model/world.hpp"

namespace narcosim::io {

World load_world(const std::string& data_dir);

// The directory holding the world data: $NARCOSIM_DATA_DIR; else share/narcosim/data beside the
// running program's bin/ (an installed narcosim, wherever its prefix was moved); else the
// installed prefix's data directory, if installed; else the source tree's data/ (a build tree).
std::string default_data_dir();

}  // namespace narcosim::io
