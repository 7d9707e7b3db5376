#include "pattern/pattern_ruby.h"

#include <stdexcept>

#include <mruby/array.h>
#include <mruby/class.h>
#include <mruby/data.h>
#include <mruby/string.h>
#include <mruby/variable.h>

#include "pattern/pattern.h"

namespace kiln {

namespace {

void free_pattern(mrb_state*, void* p) { delete static_cast<Pattern*>(p); }
const mrb_data_type kPatternType = {"Kiln::Pattern", free_pattern};

mrb_value pattern_init(mrb_state* mrb, mrb_value self) {
  const char* src;
  mrb_int len;
  mrb_get_args(mrb, "s", &src, &len);
  if (auto* old = static_cast<Pattern*>(DATA_PTR(self))) free_pattern(mrb, old);
  DATA_PTR(self) = nullptr;
  DATA_TYPE(self) = &kPatternType;
  std::string error;
  try {
    DATA_PTR(self) = new Pattern(std::string_view(src, static_cast<size_t>(len)));
  } catch (const std::invalid_argument& e) {
    error = e.what();  // raised below, outside the C++ handler
  }
  if (!error.empty()) mrb_raisef(mrb, E_ARGUMENT_ERROR, "bad route pattern %v: %s", mrb_str_new(mrb, src, len), error.c_str());
  // The capture names, built once: every match of the route reads them.
  const auto& names = static_cast<Pattern*>(DATA_PTR(self))->names();
  mrb_value list = mrb_ary_new_capa(mrb, static_cast<mrb_int>(names.size()));
  for (auto& n : names) mrb_ary_push(mrb, list, mrb_str_new(mrb, n.data(), static_cast<mrb_int>(n.size())));
  mrb_obj_freeze(mrb, list);
  mrb_iv_set(mrb, self, mrb_intern_lit(mrb, "__names"), list);
  return self;
}

const Pattern& get(mrb_state* mrb, mrb_value self) {
  return *static_cast<Pattern*>(mrb_data_get_ptr(mrb, self, &kPatternType));
}

mrb_value pattern_match(mrb_state* mrb, mrb_value self) {
  const char* path;
  mrb_int len;
  mrb_get_args(mrb, "s", &path, &len);
  auto caps = get(mrb, self).match(std::string_view(path, static_cast<size_t>(len)));
  if (!caps) return mrb_nil_value();
  mrb_value out = mrb_ary_new_capa(mrb, static_cast<mrb_int>(caps->size()));
  for (auto& [name, value] : *caps) {
    mrb_ary_push(mrb, out, value ? mrb_str_new(mrb, value->data(), static_cast<mrb_int>(value->size())) : mrb_nil_value());
  }
  return out;
}

mrb_value pattern_names(mrb_state* mrb, mrb_value self) {
  return mrb_iv_get(mrb, self, mrb_intern_lit(mrb, "__names"));
}

}  // namespace

void define_pattern(mrb_state* mrb) {
  struct RClass* kiln = mrb_define_module(mrb, "Kiln");
  struct RClass* cls = mrb_define_class_under(mrb, kiln, "Pattern", mrb->object_class);
  MRB_SET_INSTANCE_TT(cls, MRB_TT_DATA);
  mrb_define_method(mrb, cls, "initialize", pattern_init, MRB_ARGS_REQ(1));
  mrb_define_method(mrb, cls, "match", pattern_match, MRB_ARGS_REQ(1));
  mrb_define_method(mrb, cls, "names", pattern_names, MRB_ARGS_NONE());
}

}  // namespace kiln
