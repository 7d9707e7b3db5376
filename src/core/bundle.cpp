#include "core/bundle.h"

#include <mruby/class.h>
#include <mruby/dump.h>
#include <mruby/irep.h>
#include <mruby/proc.h>
#include <mruby/string.h>
#include <mruby/variable.h>

#include "core/codec.h"

// Defined in mruby's vm.c (the engine of instance_eval) but not declared in
// its public headers.
extern "C" mrb_value mrb_exec_irep(mrb_state* mrb, mrb_value self, struct RProc* p);

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

mrb_value bundled_p(mrb_state* mrb, mrb_value) {
  const char* path;
  mrb_get_args(mrb, "z", &path);
  return mrb_bool_value(bundle_of(mrb)->find(path) != nullptr);
}

// Runs the file as the rest of this method call (mrb_exec_irep), so its
// frames, exceptions and backtrace lines are ordinary Ruby ones.
mrb_value run_bytecode(mrb_state* mrb, mrb_value) {
  const char* path;
  mrb_get_args(mrb, "z", &path);
  const std::string* code = bundle_of(mrb)->find(path);
  if (!code) mrb_raisef(mrb, mrb_exc_get(mrb, "LoadError"), "cannot load such file -- %s", path);
  mrb_irep* irep = mrb_read_irep_buf(mrb, code->data(), code->size());
  if (!irep) mrb_raisef(mrb, mrb_exc_get(mrb, "LoadError"), "%s: invalid bytecode (rebuild the app)", path);
  struct RProc* proc = mrb_proc_new(mrb, irep);
  mrb_irep_decref(mrb, irep);
  // Top-level code of a file defines on Object, as in CRuby (not on the
  // class this method was found in).
  MRB_PROC_SET_TARGET_CLASS(proc, mrb->object_class);
  mrb->c->ci->u.target_class = mrb->object_class;
  return mrb_exec_irep(mrb, mrb_top_self(mrb), proc);
}

}  // namespace

void define_loader(mrb_state* mrb, const Bundle* bundle) {
  struct RClass* kiln = mrb_define_module(mrb, "Kiln");
  mrb_mod_cv_set(mrb, kiln, mrb_intern_lit(mrb, "@@__bundle"), mrb_cptr_value(mrb, const_cast<Bundle*>(bundle)));
  mrb_define_module_function(mrb, kiln, "__bundled?", bundled_p, MRB_ARGS_REQ(1));
  mrb_define_module_function(mrb, kiln, "__run_bytecode", run_bytecode, MRB_ARGS_REQ(1));
}

}  // namespace kiln
