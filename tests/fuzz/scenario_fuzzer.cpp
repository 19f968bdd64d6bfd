// libFuzzer entry point over the scenario loader: any bytes as a scenario file's text. The
// loader must return a scenario or throw ScenarioError; anything else (another exception, a
// crash, a sanitizer report, a hang) is a finding. Build and run (docs/reliability.md):
//   CC=clang CXX=clang++ cmake -S . -B build/fuzz -G Ninja -DPROSIM_FUZZER=ON -DPROSIM_TESTS=OFF
//   cmake --build build/fuzz --target scenario_fuzzer
//   build/fuzz/scenario_fuzzer -max_total_time=600 -timeout=10 corpus/ scenarios/
#include <cstddef>
#include <cstdint>
#include <string>

#include "core/error.h"
#include "model/params.h"
#include "io/scenario_loader.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  try {
    const auto loaded = prosim::load_scenario_text(text, "fuzz.json", PROSIM_SOURCE_DIR "/scenarios");
    (void)prosim::params_from_json(loaded.json);
  } catch (const prosim::ScenarioError&) {
  }
  return 0;
}
