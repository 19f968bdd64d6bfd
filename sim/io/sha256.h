#pragma once
// Small self-contained SHA-256 (FIPS 180-4); no OpenSSL dependency.
#include <string>

namespace prosim {

// Lower-case hex digest (64 characters) of the bytes of `data`.
std::string sha256_hex(const std::string& data);

}  // namespace prosim
