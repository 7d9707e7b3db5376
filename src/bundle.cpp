#include "bundle.h"

#include <mruby/class.h>
#include <mruby/irep.h>
#include <mruby/string.h>
#include <mruby/variable.h>

#include "codec.h"

namespace kiln {

void Bundle::parse(std::string_view bytes) {
  codec::Reader in(bytes);
  files_.clear();
  uint32_t n = in.array();
  if (n == 0) throw codec::Error("the bundle has no files");
  for (uint32_t i = 0; i < n; ++i) {
    if (in.array() != 2) throw codec::Error("a bundle entry is [path, bytecode]");
    std::string path(in.text());
    files_[path] = std::string(in.text_or_bytes());
    if (i == 0) main_ = path;
  }
}

const std::string* Bundle::find(const std::string& path) const {
  auto it = files_.find(path);
  return it == files_.end() ? nullptr : &it->second;
}

namespace {

const Bundle* bundle_of(mrb_state* mrb) {
  mrb_value v = mrb_mod_cv_get(mrb, mrb_module_get(mrb, "Kiln"), mrb_intern_lit(mrb, "@@__bundle"));
  return static_cast<const Bundle*>(mrb_cptr(v));
}

mrb_value load_bytecode(mrb_state* mrb, mrb_value) {
  const char* path;
  mrb_get_args(mrb, "z", &path);
  const std::string* code = bundle_of(mrb)->find(path);
  if (!code) return mrb_false_value();
  mrb_load_irep_buf(mrb, code->data(), code->size());
  if (mrb->exc) {
    mrb_value exc = mrb_obj_value(mrb->exc);
    mrb->exc = nullptr;
    mrb_exc_raise(mrb, exc);
  }
  return mrb_true_value();
}

}  // namespace

void define_loader(mrb_state* mrb, const Bundle* bundle) {
  struct RClass* kiln = mrb_define_module(mrb, "Kiln");
  mrb_mod_cv_set(mrb, kiln, mrb_intern_lit(mrb, "@@__bundle"), mrb_cptr_value(mrb, const_cast<Bundle*>(bundle)));
  mrb_define_module_function(mrb, kiln, "__load_bytecode", load_bytecode, MRB_ARGS_REQ(1));
}

}  // namespace kiln
