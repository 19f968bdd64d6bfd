#pragma once
// A resolved scenario read through a view that records every value read (pbrt-v4's
// ParameterDictionary::ReportUnused): after the parameters are read, a value that no code
// read is an error naming its JSON pointer. The schema already refuses keys it does not
// know, so what this catches is a key the schema has and no code reads (a parameter
// declared but not wired in, or wired in under another name).
#include <memory>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace prosim {

class JsonReads {
 public:
  using Json = nlohmann::ordered_json;
  // The view of `value` (at `pointer` in the document) recording into `read`.
  JsonReads(const Json& value, std::string pointer, std::shared_ptr<std::set<std::string>> read)
      : value_(&value), pointer_(std::move(pointer)), read_(std::move(read)) {}
  // The view of a whole document.
  explicit JsonReads(const Json& root) : JsonReads(root, "", std::make_shared<std::set<std::string>>()) {}

  JsonReads at(const std::string& key) const { return {value_->at(key), pointer_ + "/" + escape(key), read_}; }
  JsonReads at(std::size_t i) const { return {value_->at(i), pointer_ + "/" + std::to_string(i), read_}; }
  bool contains(const std::string& key) const { return value_->contains(key); }
  std::size_t size() const { return value_->size(); }
  template <class T>
  T get() const {
    mark();
    return value_->get<T>();
  }
  // The value itself, marked read with everything below it (a block handed on whole).
  const Json& json() const {
    mark();
    return *value_;
  }
  void mark() const { read_->insert(pointer_); }
  // The value, not marked read (kept to be read later, e.g. a policy's `enabled` and `start`).
  const Json& raw() const { return *value_; }
  // Members (key, view) of an object, in document order.
  std::vector<std::pair<std::string, JsonReads>> items() const {
    std::vector<std::pair<std::string, JsonReads>> out;
    for (const auto& [key, value] : value_->items()) out.emplace_back(key, JsonReads(value, pointer_ + "/" + escape(key), read_));
    return out;
  }
  // Elements of an array (going through an empty array reads it).
  std::vector<JsonReads> elements() const {
    if (value_->empty()) mark();
    std::vector<JsonReads> out;
    for (std::size_t i = 0; i < value_->size(); ++i) out.push_back(at(i));
    return out;
  }
  const std::string& pointer() const { return pointer_; }

  // JSON pointers of the values under this view (leaves: scalars, and arrays and objects that
  // are empty) that were not read, themselves or through an ancestor.
  std::vector<std::string> unread() const {
    std::vector<std::string> out;
    walk(*value_, pointer_, out);
    return out;
  }

  static std::string escape(const std::string& key) {  // RFC 6901
    std::string out;
    for (char c : key) out += c == '~' ? std::string("~0") : c == '/' ? std::string("~1") : std::string(1, c);
    return out;
  }

 private:
  bool covered(const std::string& p) const {  // p or an ancestor read
    for (std::string q = p;; q = q.substr(0, q.rfind('/'))) {
      if (read_->count(q)) return true;
      if (q.empty()) return false;
    }
  }
  void walk(const Json& v, const std::string& p, std::vector<std::string>& out) const {
    if (covered(p)) return;
    if (v.is_object() && !v.empty()) {
      for (const auto& [key, sub] : v.items()) walk(sub, p + "/" + escape(key), out);
      return;
    }
    if (v.is_array() && !v.empty()) {
      for (std::size_t i = 0; i < v.size(); ++i) walk(v[i], p + "/" + std::to_string(i), out);
      return;
    }
    out.push_back(p);
  }

  const Json* value_;
  std::string pointer_;
  std::shared_ptr<std::set<std::string>> read_;
};

}  // namespace prosim
