// The app bundle: the app's Ruby files compiled to mruby bytecode at build
// time (js/cli/build/build.js), encoded as [[path, bytecode]...]; the first is main.
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>

#include <mruby.h>

namespace kiln {

class Bundle {
 public:
  // Throws codec::Error when `bytes` is not a bundle.
  void parse(std::string_view bytes);
  const std::string& main() const { return main_; }
  const std::string* find(const std::string& path) const;

 private:
  std::string main_;
  std::unordered_map<std::string, std::string> files_;
};

// Defines Kiln.__bundled?(path) and Kiln.__run_bytecode(path), which runs
// that bundled file's top level. The lookup rules (require_relative, loading
// once) live in ruby/kiln/boot/loader.rb.
void define_loader(mrb_state* mrb, const Bundle* bundle);

}  // namespace kiln
