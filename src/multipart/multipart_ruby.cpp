#include <mruby.h>
#include <mruby/array.h>
#include <mruby/string.h>

#include "multipart/multipart.h"

namespace kiln {

namespace {

mrb_value str(mrb_state* mrb, std::string_view s) { return mrb_str_new(mrb, s.data(), static_cast<mrb_int>(s.size())); }

mrb_value multipart_parse(mrb_state* mrb, mrb_value) {
  mrb_value body, content_type;
  mrb_int max_parts, max_header;
  mrb_get_args(mrb, "SSii", &body, &content_type, &max_parts, &max_header);
  std::string boundary;
  if (!multipart::boundary_of({RSTRING_PTR(content_type), static_cast<std::size_t>(RSTRING_LEN(content_type))}, boundary)) {
    return mrb_str_new_lit(mrb, "multipart Content-Type without a valid boundary");
  }
  multipart::Limits limits;
  limits.max_parts = max_parts > 0 ? static_cast<std::size_t>(max_parts) : 0;
  limits.max_header_size = max_header > 0 ? static_cast<std::size_t>(max_header) : 0;
  std::vector<multipart::Part> parts;
  std::string error;
  // Parts are views into this String, which stays alive (and unmodified) meanwhile.
  if (!multipart::parse({RSTRING_PTR(body), static_cast<std::size_t>(RSTRING_LEN(body))}, boundary, limits, parts, error)) {
    return str(mrb, error);
  }
  mrb_value out = mrb_ary_new_capa(mrb, static_cast<mrb_int>(parts.size()));
  int arena = mrb_gc_arena_save(mrb);
  for (const auto& p : parts) {
    mrb_value items[5] = {str(mrb, p.name), p.has_filename ? str(mrb, p.filename) : mrb_nil_value(),
                          p.content_type.empty() ? mrb_nil_value() : str(mrb, p.content_type), str(mrb, p.head),
                          str(mrb, p.body)};
    mrb_ary_push(mrb, out, mrb_ary_new_from_values(mrb, 5, items));
    mrb_gc_arena_restore(mrb, arena);
  }
  return out;
}

}  // namespace

void define_multipart(mrb_state* mrb) {
  struct RClass* m = mrb_define_module_under(mrb, mrb_define_module(mrb, "Kiln"), "Multipart");
  mrb_define_module_function(mrb, m, "parse", multipart_parse, MRB_ARGS_REQ(4));
}

}  // namespace kiln
