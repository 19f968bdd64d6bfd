// Reading scenario-like JSON files: bounded reads and a parser whose every error is located
// (docs/scenario-format.md "Errors", docs/reliability.md). Used by the scenario loader and the
// sweep loader.
#include "io/json_text.h"

#include <cctype>
#include <cerrno>
#include <cmath>
#include <cstring>
#include <fstream>
#include <set>
#include <utility>
#include <vector>

#include "core/error.h"
#include "io/schema_validator.h"

namespace prosim::detail {

namespace {

namespace fs = std::filesystem;
using Json = nlohmann::ordered_json;

// Input bounds (docs/reliability.md). The shipped province scenario is ~30 kB and 6 levels deep;
// the limits are far above any real scenario and far below what exhausts memory or the stack
// (merge_patch and the JSON serializer recurse once per level).
constexpr std::uintmax_t kMaxFileBytes = 16u << 20;  // 16 MiB
constexpr int kMaxDepth = 64;                        // nested objects and arrays

// 1-based line and column (in characters, not bytes) of byte `index` of `text`.
std::pair<std::size_t, std::size_t> line_column(const std::string& text, std::size_t index) {
  index = std::min(index, text.size());
  std::size_t line = 1, column = 1;
  for (std::size_t i = 0; i < index; ++i) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    if (c == '\n') {
      ++line;
      column = 1;
    } else if ((c & 0xC0) != 0x80) {  // count UTF-8 continuation bytes with their lead byte
      ++column;
    }
  }
  return {line, column};
}

// nlohmann reports the position of the last character it read, which for an unexpected string,
// number or true/false/null is the token's end; people look for the token's start.
std::size_t token_start(const std::string& text, std::size_t index, const std::string& what) {
  if (index >= text.size()) return index;
  if (what.find("unexpected string literal") != std::string::npos && text[index] == '"') {
    for (std::size_t i = index; i-- > 0;) {
      if (text[i] != '"') continue;
      std::size_t backslashes = 0;
      for (std::size_t k = i; k > 0 && text[k - 1] == '\\'; --k) ++backslashes;
      if (backslashes % 2 == 0) return i;
    }
  } else if (what.find("unexpected number literal") != std::string::npos) {
    while (index > 0 && std::strchr("0123456789+-.eE", text[index - 1]) && text[index - 1] != '\0') --index;
  } else if (what.find("unexpected true literal") != std::string::npos ||
             what.find("unexpected false literal") != std::string::npos ||
             what.find("unexpected null literal") != std::string::npos) {
    while (index > 0 && std::isalpha(static_cast<unsigned char>(text[index - 1]))) --index;
  }
  return index;
}

// nlohmann's "[json.exception.parse_error.101] parse error at line 3, column 1: syntax error
// while parsing object key - unexpected '}'; expected string literal" without the prefix and
// its own position (we compute ours), plus a hint for the usual slips.
std::string explain_parse_error(const std::string& raw) {
  std::string what = raw;
  if (const auto at = what.find("parse error"); at != std::string::npos) {
    const auto colon = what.find(": ", at);
    what = colon == std::string::npos ? what.substr(at) : what.substr(colon + 2);
  }
  if (const auto dash = what.find(" - "); dash != std::string::npos) what.replace(dash, 3, ": ");
  // "; last read: '...'" shows everything since the previous token (often the key before), which
  // misleads more than it helps; invalid literals get their own excerpt in parse_scenario_text.
  if (const auto last = what.find("; last read: '"); last != std::string::npos) {
    auto close = what.find("'; expected", last + 14);
    if (close == std::string::npos) close = what.rfind('\'');
    what.erase(last, close + 1 - last);
  }
  return what;
}

// An invalid literal such as tru} or 'abc': returns where its word starts, and names it.
std::size_t invalid_literal_start(const std::string& text, std::size_t index, std::string& what) {
  const auto pos = what.find("invalid literal");
  if (pos == std::string::npos || index >= text.size()) return index;
  auto word_char = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' || c == '.'; };
  std::size_t start = index;
  while (start > 0 && word_char(text[start - 1])) --start;
  std::string excerpt = text.substr(start, index - start);
  if (static_cast<unsigned char>(text[index]) > ' ' && static_cast<unsigned char>(text[index]) < 0x7f)
    excerpt += text[index];
  const char quote = excerpt.find('\'') == std::string::npos ? '\'' : '"';
  if (!excerpt.empty()) what.insert(pos + 15, std::string(" ") + quote + excerpt + quote);
  return start;
}

std::string parse_error_hint(const std::string& text, std::size_t index, const std::string& what) {
  const char here = index < text.size() ? text[index] : '\0';
  std::size_t before = std::min(index, text.size());
  while (before > 0 && std::isspace(static_cast<unsigned char>(text[before - 1]))) --before;
  if ((here == '}' || here == ']') && before > 0 && text[before - 1] == ',')
    return " (JSON allows no comma after the last item)";
  if (here == '/') return " (JSON has no comments; use a \"description\" key)";
  if (here == '\'') return " (JSON strings need double quotes)";
  const bool unexpected_value = what.find("unexpected string literal") != std::string::npos ||
                                what.find("unexpected number literal") != std::string::npos ||
                                what.find("unexpected true literal") != std::string::npos ||
                                what.find("unexpected false literal") != std::string::npos ||
                                what.find("unexpected null literal") != std::string::npos ||
                                what.find("unexpected '{'") != std::string::npos ||
                                what.find("unexpected '['") != std::string::npos;
  if (unexpected_value && (what.find("expected '}'") != std::string::npos || what.find("expected ']'") != std::string::npos))
    return " (is a comma missing before it?)";
  return "";
}

// Byte index of the first number literal outside strings that does not fit a double
// (1e999), or npos. nlohmann reports such a literal without its position.
std::size_t overflowing_number(const std::string& text) {
  bool in_string = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_string) {
      if (c == '\\') ++i;
      else if (c == '"') in_string = false;
      continue;
    }
    if (c == '"') {
      in_string = true;
    } else if (c == '-' || std::isdigit(static_cast<unsigned char>(c))) {
      std::size_t end = i;
      while (end < text.size() && std::strchr("0123456789+-.eE", text[end]) && text[end] != '\0') ++end;
      const std::string literal = text.substr(i, end - i);
      if (!std::isfinite(std::strtod(literal.c_str(), nullptr))) return i;
      i = end - 1;
    }
  }
  return std::string::npos;
}

}  // namespace

// Reads a whole file; on failure returns false and says why in plain words.
bool read_text_file(const fs::path& path, std::string& text, std::string& why) {
  std::error_code ec;
  const auto status = fs::status(path, ec);
  if (ec || !fs::exists(status)) {
    why = "no such file";
    return false;
  }
  if (fs::is_directory(status)) {
    why = "it is a directory";
    return false;
  }
  // Devices (/dev/zero never ends), FIFOs (block forever) and sockets are refused before
  // they are opened; a regular file is read only up to the limit.
  if (!fs::is_regular_file(status)) {
    why = "not a regular file (a device, FIFO or socket)";
    return false;
  }
  const auto too_big = [&] {
    why = "larger than the limit of " + std::to_string(kMaxFileBytes >> 20) + " MiB for a scenario file";
    return false;
  };
  if (fs::file_size(path, ec) > kMaxFileBytes && !ec) return too_big();
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    why = std::strerror(errno);
    return false;
  }
  text.assign(kMaxFileBytes + 1, '\0');
  in.read(text.data(), static_cast<std::streamsize>(text.size()));
  if (in.bad()) {
    why = "read error";
    return false;
  }
  text.resize(static_cast<std::size_t>(in.gcount()));
  if (text.size() > kMaxFileBytes) return too_big();  // grew after the size check
  return true;
}

// Parses one scenario file. Syntax errors -> "NAME:LINE:COL"; a key that appears twice in one
// object (which nlohmann would silently resolve to the last value) -> "NAME: /pointer".
Json parse_scenario_text(const std::string& text, const std::string& name) {
  auto located = [&](std::size_t index, const std::string& what) {
    const auto [line, column] = line_column(text, index);
    return ScenarioError(name + ":" + std::to_string(line) + ":" + std::to_string(column), what);
  };
  // nlohmann would stop at a NUL and ignore what follows; a scenario is text.
  if (const auto nul = text.find('\0'); nul != std::string::npos)
    throw located(nul, "NUL byte in the file (a scenario is UTF-8 text; is this a binary file?)");
  struct Frame {
    bool object;
    std::set<std::string> keys;
    std::string key;
    std::size_t index = 0;
  };
  std::vector<Frame> stack;
  auto advance = [&] {
    if (!stack.empty() && !stack.back().object) ++stack.back().index;
  };
  auto pointer_of_stack = [&](std::size_t levels) {
    std::string pointer;
    for (std::size_t i = 0; i < levels; ++i)
      pointer = stack[i].object ? json_pointer_append(pointer, stack[i].key)
                                : json_pointer_append(pointer, std::to_string(stack[i].index));
    return pointer;
  };
  auto callback = [&](int /*depth*/, Json::parse_event_t event, Json& parsed) -> bool {
    switch (event) {
      case Json::parse_event_t::object_start:
      case Json::parse_event_t::array_start:
        // Checked before the level is entered, so nothing later recurses deeper than this.
        if (static_cast<int>(stack.size()) >= kMaxDepth)
          throw ScenarioError(name + ": " + display_pointer(pointer_of_stack(stack.size())),
                              "nested deeper than " + std::to_string(kMaxDepth) + " levels of objects and arrays");
        stack.push_back({event == Json::parse_event_t::object_start, {}, {}, 0});
        break;
      case Json::parse_event_t::key: {
        const std::string key = parsed.get<std::string>();
        if (!stack.back().keys.insert(key).second) {
          const std::string pointer = json_pointer_append(pointer_of_stack(stack.size() - 1), key);
          throw ScenarioError(name + ": " + pointer,
                              "duplicate key \"" + key + "\"; each key may appear only once in an object");
        }
        stack.back().key = key;
        break;
      }
      case Json::parse_event_t::object_end:
      case Json::parse_event_t::array_end:
        stack.pop_back();
        advance();
        break;
      case Json::parse_event_t::value:
        advance();
        break;
    }
    return true;
  };
  try {
    return Json::parse(text, callback, /*allow_exceptions=*/true, /*ignore_comments=*/false);
  } catch (const Json::parse_error& e) {
    // e.byte counts the characters read, the offending one included: it sits at e.byte - 1.
    std::string what = explain_parse_error(e.what());
    std::size_t index = token_start(text, e.byte > 0 ? e.byte - 1 : 0, what);
    const std::size_t offending = index;
    index = invalid_literal_start(text, index, what);
    throw located(index, what + parse_error_hint(text, offending, what));
  } catch (const Json::out_of_range&) {
    // The only out_of_range the parser raises is a number literal beyond double's range.
    const std::size_t at = overflowing_number(text);
    throw located(at == std::string::npos ? 0 : at,
                  "number out of range (larger in magnitude than about 1.8e308)");
  }
}


}  // namespace prosim::detail
