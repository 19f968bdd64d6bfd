#pragma once
// Reading scenario-like JSON files (scenarios, sweep files) with bounded input and located
// errors. Internal to io/: the scenario and sweep loaders use it.
#include <filesystem>
#include <string>

#include <nlohmann/json.hpp>

namespace prosim::detail {

// Reads a whole file if it is a regular file of at most 16 MiB; on failure returns false and
// says why in plain words (no such file, a directory, a device or FIFO, too large, ...).
bool read_text_file(const std::filesystem::path& path, std::string& text, std::string& why);

// Parses JSON text. Throws ScenarioError located as "NAME:LINE:COL" for syntax errors, NUL
// bytes and out-of-range numbers, and as "NAME: /pointer" for a duplicate key or nesting
// deeper than 64 levels (refused before the level is entered).
nlohmann::ordered_json parse_scenario_text(const std::string& text, const std::string& name);

}  // namespace prosim::detail
